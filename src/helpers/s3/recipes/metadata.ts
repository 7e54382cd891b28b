/** Recipe 3.4: user metadata stored with an object, and printed. */
import { inspect } from 'node:util';
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { requireBucket, requireKey } from './lookup.js';

/** Recipe 3.4: uploads a file with user metadata. */
export async function storeMetadataWithKey(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>, pathToFile: string, metadata: Record<string, string>): Promise<Key> {
  const key = (await requireBucket(session, bucketName)).newKey(keyName);
  Object.assign(key.metadata, metadata);
  return key.setContentsFromFile(pathToFile);
}

export async function printKeyMetadata(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>): Promise<Record<string, string>> {
  const key = await requireKey(await requireBucket(session, bucketName), keyName);
  session.reporter.say(inspect(key.metadata));
  return key.metadata;
}
