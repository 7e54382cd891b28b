/**
 * Recipes 2.4 and 2.5: import your own key pair — from its public key, or from a .pem private
 * key whose public half is derived here (no ssh-keygen) — into this region or every region.
 */
import { readFileSync } from 'node:fs';
import ssh2 from 'ssh2';
import type { Session } from '../../core/session.js';
import { expandHome } from '../../core/home-paths.js';
import { KeyPair } from '../key-pair.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import { ec2For, sessionEc2 } from './clients.js';
import { table } from './table.js';
import { errorCode, pawsError } from '../../core/errors.js';

/** The OpenSSH public key line of a public key file, or of a private key (.pem) file. */
export function publicKeyOf(path: string): string {
  const text = readFileSync(expandHome(path), 'utf8');
  const parsed = ssh2.utils.parseKey(text);
  if (parsed instanceof Error) throw pawsError('InvalidKeyFile', `${path}: ${parsed.message}`);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  return `${key.type} ${key.getPublicSSH().toString('base64')}`;
}

/** Recipe 2.4: imports the key as `name` in the current region. */
export async function importKeyPair(session: Session, name: string, pemOrPubPath: string): Promise<KeyPair> {
  const ec2 = await sessionEc2(session);
  const out = await ec2.importKeyPair({ KeyName: name, PublicKeyMaterial: Buffer.from(publicKeyOf(pemOrPubPath)) });
  return new KeyPair(ec2, { KeyName: out.KeyName, KeyFingerprint: out.KeyFingerprint, KeyPairId: out.KeyPairId });
}

export interface SyncRow {
  region: string;
  /** `imported` or `already exists`. */
  result: string;
  fingerprint?: string;
}

/** Recipe 2.5: imports the key into every region that lacks it, all regions at once; prints a table. */
export async function syncKeypairs(session: Session, name: string, pubPath: string, options: { out?: Output } = {}): Promise<SyncRow[]> {
  const material = Buffer.from(publicKeyOf(pubPath));
  const regions = await (await sessionEc2(session)).regions();
  const rows = await Promise.all(
    regions.map(async (region): Promise<SyncRow> => {
      const ec2 = await ec2For(session, { region: region.name });
      try {
        const [key] = (await ec2.describeKeyPairs({ KeyNames: [name] })).KeyPairs ?? [];
        return { region: region.name, result: 'already exists', fingerprint: key?.KeyFingerprint };
      } catch (e) {
        if (errorCode(e) !== 'InvalidKeyPair.NotFound') throw e;
        const imported = await ec2.importKeyPair({ KeyName: name, PublicKeyMaterial: material });
        return { region: region.name, result: 'imported', fingerprint: imported.KeyFingerprint };
      }
    }),
  );
  reporterFor(session, options.out).say(table(['Region', `Keypair ${name}`, 'Fingerprint'], rows.map((r) => [r.region, r.result, r.fingerprint])));
  return rows;
}
