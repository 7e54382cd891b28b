/** Recipe 3.6: an object copied to another bucket, inside S3. */
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { requireBucket, requireKey } from './lookup.js';

/** Recipe 3.6: a server-side copy, keeping the metadata unless told otherwise. */
export async function copyObject(session: Session, srcBucketName: Ref<Bucket>, srcKeyName: Ref<Key>, dstBucketName: Ref<Bucket>, dstKeyName: Ref<Key>, preserveMetadata = true): Promise<Key> {
  const key = await requireKey(await requireBucket(session, srcBucketName), srcKeyName);
  return key.copy(dstBucketName, dstKeyName, { metadata: preserveMetadata ? undefined : {} });
}
