/** The contract between the sandbox EC2 provider and the machinery that makes an instance real. */
export interface InstanceHostOptions {
  instanceId: string;
  /** Per-instance directory under the sandbox state (persisted across stop/start). */
  dir: string;
  /** 'ec2-user' (Amazon Linux) or 'ubuntu'. */
  loginUser: string;
  /** OpenSSH public key line of the instance's key pair; without it nobody can log in. */
  authorizedKey?: string;
  /** e.g. 'ip-172-31-0-5' */
  hostname: string;
  /** Loopback address allocated to this instance, e.g. '127.0.1.5'. */
  address: string;
  /** Decoded user data (may be gzip and/or MIME multipart); `#!` scripts run at first boot. */
  userData?: Buffer;
  /** Run user data and create host keys only on first boot. */
  firstBoot: boolean;
  /** Console output (GetConsoleOutput). */
  appendConsole(text: string): void;
  /**
   * Port to listen on. 22 when it can be bound (root); if binding 22 is refused the host falls back
   * to a free port and publishes it in `sshConfigDir` (see publishPort in ssh-config-entry.ts).
   * @default 22
   */
  port?: number;
  /** Where a non-22 port is published as `<instanceId>.conf`. @default ~/.paws/ssh_config.d */
  sshConfigDir?: string;
}

export interface InstanceHost {
  address: string;
  port: number;
  stop(): Promise<void>;
}
