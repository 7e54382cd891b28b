/** The bucket and key a chapter-3 recipe is given — a Bucket or Key, or its name — looked up, with a one-line error when missing. */
import type { Session } from '../../core/session.js';
import { pawsError } from '../../core/errors.js';
import type { S3Service } from '../service.js';
import { refOf, type Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';

export async function s3Of(session: Session, region?: string): Promise<S3Service> {
  return session.serviceIn('s3', region ?? session.connection.region);
}

export async function requireBucket(session: Session, ref: Ref<Bucket>): Promise<Bucket> {
  const name = refOf(ref, 'a bucket');
  const bucket = await (await s3Of(session)).lookup(name);
  if (!bucket) throw pawsError('NoSuchBucket', `The bucket ${name} does not exist or is not yours; create it with createBucket('${name}')`);
  return bucket;
}

export async function requireKey(bucket: Bucket, ref: Ref<Key>): Promise<Key> {
  const name = refOf(ref, 'a key');
  const key = await bucket.lookup(name);
  if (!key) throw pawsError('NoSuchKey', `${bucket.name} has no key ${name}`);
  return key;
}
