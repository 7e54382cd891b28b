/** Recipe 3.3: private data in an object, from a string then from a file. */
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { requireBucket, requireKey } from './lookup.js';

/** Recipe 3.3: stores a string, checks it reads back, then overwrites it with a file. */
export async function storePrivateData(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>, pathToFile: string): Promise<Key> {
  const bucket = await requireBucket(session, bucketName);
  const key = bucket.newKey(keyName);
  const data = 'This is the content of my key';
  await key.setContentsFromString(data);
  const stored = await requireKey(bucket, keyName);
  if ((await stored.getContentsAsString()) !== data) throw new Error(`${stored} did not read back what was written`);
  return key.setContentsFromFile(pathToFile);
}
