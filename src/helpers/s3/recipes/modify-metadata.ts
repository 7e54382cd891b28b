/** Recipe 3.7: the metadata of an existing object, replaced. */
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { requireBucket, requireKey } from './lookup.js';

/** Recipe 3.7: new metadata through an in-place copy (REPLACE). */
export async function modifyMetadata(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>, metadata: Record<string, string>): Promise<Key> {
  const key = await requireKey(await requireBucket(session, bucketName), keyName);
  return key.copy(bucketName, keyName, { metadata, preserveAcl: true, storageClass: key.storageClass });
}
