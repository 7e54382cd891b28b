/**
 * Which host key to accept: one recorded in ~/.ssh/known_hosts or the paws known_hosts; else, on a
 * first connection, one matching a pin from the instance's console output (then recorded in the paws
 * known_hosts). Anything else is refused with a one-line error that says how to fix it.
 */
import { join } from 'node:path';
import { homedir } from 'node:os';
import { pawsError } from '../paws-error.js';
import { appendKnownHost, fingerprint, hashedLine, hostToken, keyTypeOf, matchesHost, readKnownHosts, type KnownHostEntry } from './known-hosts.js';
import { pawsHome } from '../home-paths.js';

export interface HostKeyPolicy {
  /** Files read for known keys. @default [~/.ssh/known_hosts, ~/.paws/known_hosts] */
  knownHostsFiles?: string[];
  /** Where pinned keys are recorded. @default ~/.paws/known_hosts */
  pawsKnownHosts?: string;
}

export function defaultPolicy(policy: HostKeyPolicy = {}): Required<HostKeyPolicy> {
  const paws = policy.pawsKnownHosts ?? join(pawsHome(), 'known_hosts');
  return { pawsKnownHosts: paws, knownHostsFiles: policy.knownHostsFiles ?? [join(homedir(), '.ssh', 'known_hosts'), paws] };
}

export interface HostKeyCheck {
  /** Key types already known for the host, for the client to prefer (as OpenSSH does). */
  knownTypes: string[];
  /** Throws unless the key is acceptable; records a pinned key. */
  verify(key: Buffer): void;
}

export function hostKeyCheck(host: string, port: number, name: string, pins: string[], policy: Required<HostKeyPolicy>): HostKeyCheck {
  const token = hostToken(host, port);
  const entries: KnownHostEntry[] = policy.knownHostsFiles.flatMap(readKnownHosts).filter((e) => matchesHost(e.hosts, token));
  const known = entries.filter((e) => !e.revoked);
  const label = name === host ? token : `${name} (${token})`;
  return {
    knownTypes: [...new Set(known.map((e) => e.keyType))],
    verify(key) {
      const fp = fingerprint(key);
      if (entries.some((e) => e.revoked && e.key.equals(key))) {
        throw pawsError('HostKeyRevoked', `the host key ${fp} of ${label} is marked @revoked in known_hosts; do not connect`);
      }
      if (known.some((e) => e.key.equals(key))) return;
      if (known.length) {
        const where = `${known[0].file}:${known[0].line}`;
        throw pawsError(
          'HostKeyMismatch',
          `${label} presented ${fp}, not the key recorded in ${where}; if the host was really rebuilt, run \`ssh-keygen -R '${token}' -f ${known[0].file}\` and connect again`,
        );
      }
      if (!pins.length) {
        throw pawsError(
          'HostKeyUnknown',
          `${label} is not in known_hosts and no console fingerprints are available yet; check its key ${fp} and pass {hostKeyPins: ['${fp}']}, or add it to ~/.ssh/known_hosts`,
        );
      }
      const line = `${keyTypeOf(key)} ${key.toString('base64')}`;
      if (!pins.some((p) => p === fp || p.split(/\s+/).slice(0, 2).join(' ') === line)) {
        throw pawsError('HostKeyMismatch', `${label} presented ${fp}, which is not among the fingerprints in its console output; refusing to connect (possible man-in-the-middle)`);
      }
      appendKnownHost(policy.pawsKnownHosts, hashedLine(token, keyTypeOf(key), key));
    },
  };
}
