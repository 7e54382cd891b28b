/**
 * The instance's SSH host keys (ed25519 and rsa), created on first boot and kept across stop/start in the instance's
 * /etc/ssh like a real one, and the console lines cloud-init prints for them so that clients can
 * pin the key on first connection.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { rootFsPath } from './root-fs.js';
import { generateOpenSshKeyPair } from './openssh-keys.js';

const { utils } = ssh2;

export interface HostKey {
  type: 'ed25519' | 'rsa';
  /** OpenSSH private key (what ssh2's Server takes). */
  privateKey: Buffer;
  /** `ssh-ed25519 AAAA…` */
  publicKey: string;
  bits: number;
  /** `SHA256:…` as OpenSSH prints it. */
  fingerprint: string;
}

const KINDS = [
  { type: 'ed25519', bits: 256 },
  { type: 'rsa', bits: 3072 },
] as const;

/** Loads the instance's host keys, creating those missing (first boot). */
export async function loadHostKeys(dir: string): Promise<HostKey[]> {
  const sshDir = join(rootFsPath(dir), 'etc', 'ssh');
  mkdirSync(sshDir, { recursive: true, mode: 0o755 });
  return Promise.all(KINDS.map(async ({ type, bits }) => {
    const file = join(sshDir, `ssh_host_${type}_key`);
    if (!existsSync(file)) {
      const pair = await generateOpenSshKeyPair(type, bits);
      writeFileSync(file, pair.private, { mode: 0o600 });
      writeFileSync(`${file}.pub`, `${pair.public}\n`, { mode: 0o644 });
    }
    const privateKey = readFileSync(file);
    const parsed = utils.parseKey(privateKey);
    if (parsed instanceof Error) throw parsed;
    const blob = parsed.getPublicSSH();
    return {
      type,
      bits,
      privateKey,
      publicKey: `${parsed.type} ${blob.toString('base64')}`,
      fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    };
  }));
}

/** The blocks cloud-init writes to the console (cc_keys_to_console), fingerprints prefixed `ec2:`. */
export function hostKeyConsoleText(keys: HostKey[], hostname: string): string {
  const fingerprints = keys.map((k) => `ec2: ${k.bits} ${k.fingerprint} root@${hostname} (${k.type.toUpperCase()})`);
  return [
    'ec2: #############################################################',
    'ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----',
    ...fingerprints,
    'ec2: -----END SSH HOST KEY FINGERPRINTS-----',
    'ec2: #############################################################',
    '-----BEGIN SSH HOST KEY KEYS-----',
    ...keys.map((k) => `${k.publicKey} root@${hostname}`),
    '-----END SSH HOST KEY KEYS-----',
    '',
  ].join('\n');
}
