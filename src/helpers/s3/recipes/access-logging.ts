/** Recipe 3.8: server access logging of a bucket, on and off. */
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import { requireBucket } from './lookup.js';

/** Recipe 3.8: lets S3 deliver logs into `logBucketName` (a bucket policy, as S3 asks today), then turns logging on. */
export async function enableLogging(session: Session, bucketName: Ref<Bucket>, logBucketName: Ref<Bucket>, logPrefix = ''): Promise<void> {
  const bucket = await requireBucket(session, bucketName);
  const logBucket = await requireBucket(session, logBucketName);
  await logBucket.setAsLoggingTarget();
  await bucket.enableLogging(logBucket, logPrefix);
}

export async function disableLogging(session: Session, bucketName: Ref<Bucket>): Promise<void> {
  await (await requireBucket(session, bucketName)).disableLogging();
}
