/** Recipe 3.9: noncritical data stored as Reduced Redundancy (or another storage class). */
import { basename } from 'node:path';
import type { StorageClass } from '@aws-sdk/client-s3';
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { expandPath } from './local-path.js';
import { requireBucket, requireKey } from './lookup.js';

/** Recipe 3.9: uploads a file as Reduced Redundancy (or another storage class). */
export async function uploadFileRrs(session: Session, localFile: string, bucketName: Ref<Bucket>, keyName?: Ref<Key>, options: { storageClass?: StorageClass | string } = {}): Promise<Key> {
  const path = expandPath(localFile);
  const key = (await requireBucket(session, bucketName)).newKey(keyName || basename(path));
  return key.setContentsFromFile(path, { storageClass: options.storageClass ?? 'REDUCED_REDUNDANCY' });
}

/** Recipe 3.9: changes an object's storage class in place. */
export async function copyObjectToRrs(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>, options: { storageClass?: StorageClass | string } = {}): Promise<Key> {
  const key = await requireKey(await requireBucket(session, bucketName), keyName);
  return key.copy(bucketName, keyName, { storageClass: options.storageClass ?? 'REDUCED_REDUNDANCY', preserveAcl: true });
}
