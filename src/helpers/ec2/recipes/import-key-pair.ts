/**
 * Recipe 2.4: import your own key pair — from its public key, or from a .pem private key whose
 * public half is derived here (no ssh-keygen) — into this region.
 */
import type { Session } from '../../core/session.js';
import { KeyPair } from '../key-pair.js';
import { sessionEc2 } from './clients.js';
import { publicKeyOf } from './public-key.js';

/** Recipe 2.4: imports the key as `name` in the current region. */
export async function importKeyPair(session: Session, name: string, pemOrPubPath: string): Promise<KeyPair> {
  const ec2 = await sessionEc2(session);
  const out = await ec2.importKeyPair({ KeyName: name, PublicKeyMaterial: Buffer.from(publicKeyOf(pemOrPubPath)) });
  return new KeyPair(ec2, { KeyName: out.KeyName, KeyFingerprint: out.KeyFingerprint, KeyPairId: out.KeyPairId });
}
