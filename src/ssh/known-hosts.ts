/**
 * OpenSSH known_hosts files: plain and hashed (`|1|salt|hmac`) host fields, `[host]:port`,
 * comma-separated patterns with `*`, `?` and `!` negation, and the `@revoked` marker
 * (`@cert-authority` lines are skipped: paws does not verify host certificates).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface KnownHostEntry {
  file: string;
  line: number;
  revoked: boolean;
  hosts: string;
  keyType: string;
  key: Buffer;
}

/** How known_hosts names a host: `host`, or `[host]:port` off port 22. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

export function readKnownHosts(file: string): KnownHostEntry[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((text, i) => {
      const fields = text.trim().split(/\s+/);
      if (!fields[0] || fields[0].startsWith('#')) return [];
      const marker = fields[0].startsWith('@') ? fields.shift() : undefined;
      if (marker === '@cert-authority' || fields.length < 3) return [];
      return [{ file, line: i + 1, revoked: marker === '@revoked', hosts: fields[0], keyType: fields[1], key: Buffer.from(fields[2], 'base64') }];
    });
}

/** Whether an entry's host field names `token` (see hostToken). */
export function matchesHost(hosts: string, token: string): boolean {
  if (hosts.startsWith('|1|')) {
    const [, , salt, hash] = hosts.split('|');
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest();
    const want = Buffer.from(hash ?? '', 'base64');
    return want.length === mac.length && timingSafeEqual(mac, want);
  }
  let matched = false;
  for (const pattern of hosts.split(',')) {
    const negated = pattern.startsWith('!');
    if (globMatch(negated ? pattern.slice(1) : pattern, token)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(text);
}

/** A hashed line, as `ssh-keygen -H` writes them, so the file does not list the hosts one has visited. */
export function hashedLine(token: string, keyType: string, key: Buffer): string {
  const salt = randomBytes(20);
  const hash = createHmac('sha1', salt).update(token).digest();
  return `|1|${salt.toString('base64')}|${hash.toString('base64')} ${keyType} ${key.toString('base64')}`;
}

export function appendKnownHost(file: string, line: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${line}\n`, { mode: 0o600 });
}

/** `SHA256:…` as OpenSSH prints it. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (its first string). */
export function keyTypeOf(key: Buffer): string {
  const len = key.readUInt32BE(0);
  return key.subarray(4, 4 + len).toString('latin1');
}
