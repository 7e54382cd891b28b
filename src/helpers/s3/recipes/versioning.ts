/** Recipe 3.11: versioning and MFA delete, against accidental deletion. */
import { inspect } from 'node:util';
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import { requireBucket } from './lookup.js';

/** Recipe 3.11: turns versioning on (or suspends it), printing the status before and after. */
export async function configureVersioning(session: Session, bucketName: Ref<Bucket>, enable = true): Promise<void> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  out.say(`Current Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
  await bucket.configureVersioning(enable);
  out.say(`New Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
}

/** Recipe 3.11: switches MFA delete with the device's serial number and current code. */
export async function configureMfaDelete(session: Session, bucketName: Ref<Bucket>, mfaSerialNumber: string, mfaToken: string, enable = true): Promise<void> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  const config = await bucket.getVersioningStatus();
  out.say(`Current Versioning Status:  ${inspect(config)}`);
  await bucket.configureVersioning(config.Versioning === 'Enabled', { mfaDelete: enable, mfa: [mfaSerialNumber, mfaToken] });
  out.say(`New Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
}
