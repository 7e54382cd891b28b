/**
 * The instance's SSH host keys (ed25519 and rsa), created on first boot and kept across stop/start in the instance's
 * /etc/ssh like a real one, and the console lines cloud-init prints for them so that clients can
 * pin the key on first connection.
 */
import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';
import type { InstanceRoot } from './beneath.js';
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

/**
 * Loads the instance's host keys, creating those missing (first boot). A key path the instance
 * replaced by a link is refused (the host does not boot), never read or written through.
 */
export async function loadHostKeys(root: InstanceRoot): Promise<HostKey[]> {
  root.mkdirs('etc/ssh');
  return Promise.all(KINDS.map(async ({ type, bits }) => {
    const file = `etc/ssh/ssh_host_${type}_key`;
    let privateKey = root.read(file, 64 * 1024);
    if (!privateKey) {
      const pair = await generateOpenSshKeyPair(type, bits);
      root.write(file, pair.private, 0o600);
      root.write(`${file}.pub`, `${pair.public}\n`, 0o644);
      privateKey = Buffer.from(pair.private);
    }
    const parsed = utils.parseKey(privateKey);
    if (parsed instanceof Error) throw new Error(`/${file} in the instance does not parse as a host key: ${parsed.message}`);
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
