/** Where to connect: plain data, so this module needs neither the SDK nor the sandbox. */
export interface SshTarget {
  host: string;
  /** @default 22, or the Port of a matching ssh_config Host */
  port?: number;
  /** @default the User of a matching ssh_config Host, else $USER */
  user?: string;
  /** Private key file; tried before ssh_config IdentityFiles, ssh-agent and ~/.ssh/id_*. */
  identityFile?: string;
  /**
   * Host keys known out of band, e.g. from the instance's console output: `SHA256:…` fingerprints
   * or `ssh-ed25519 AAAA…` key lines. Used only when known_hosts has no entry for the host; a match
   * is recorded in the paws known_hosts. A function is asked again before each attempt, and an
   * unknown key is retried while it has no pins yet: a booting instance's console output comes late.
   */
  hostKeyPins?: string[] | (() => Promise<string[]>);
  /** Shown in messages, e.g. the instance id. @default host */
  name?: string;
}
