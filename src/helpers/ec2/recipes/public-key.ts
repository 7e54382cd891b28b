/** The public half of a key file, as recipes 2.4 and 2.5 import it (derived here: no ssh-keygen). */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import { expandHome } from '../../../home-paths.js';
import { pawsError } from '../../core/errors.js';

/** The OpenSSH public key line of a public key file, or of a private key (.pem) file. */
export function publicKeyOf(path: string): string {
  const text = readFileSync(expandHome(path), 'utf8');
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) throw pawsError('InvalidKeyFile', `${path}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}
