/**
 * Recipe 2.5: import your own key pair — its public key, or the public half of a .pem private
 * key — into every region that lacks it, all regions at once.
 */
import type { Session } from '../../core/session.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import { ec2For, sessionEc2 } from './clients.js';
import { publicKeyOf } from './public-key.js';
import { table } from './table.js';
import { errorCode } from '../../core/errors.js';

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
