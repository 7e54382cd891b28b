/**
 * Recipes 3.1 and 3.2: a bucket, in a given location if asked. Like every chapter-3 helper in this
 * folder, it takes the session first, then the recipe's own arguments, camelCased, and prints what
 * the book's version prints.
 */
import type { Session } from '../../core/session.js';
import { errorCode } from '../../core/errors.js';
import type { Bucket } from '../bucket.js';
import { s3Of } from './lookup.js';

/** Recipes 3.1/3.2: creates the bucket, in `location` if given; says when it exists or is someone else's. */
export async function createBucket(session: Session, name: string, options: { location?: string } = {}): Promise<Bucket | null> {
  const out = session.reporter;
  const s3 = await s3Of(session);
  const existing = await s3.lookup(name);
  if (existing) {
    out.say(`Bucket (${name}) already exists`);
    return existing;
  }
  // Today a bucket outside us-east-1 must be created through its own region's endpoint.
  const regional = await s3Of(session, options.location);
  try {
    await regional.createBucket({ Bucket: name, CreateBucketConfiguration: options.location && options.location !== 'us-east-1' ? { LocationConstraint: options.location as never } : undefined });
  } catch (err) {
    if (errorCode(err) === 'BucketAlreadyExists') {
      out.say(`Bucket (${name}) is owned by another user`);
      return null;
    }
    throw err;
  }
  return s3.bucket(name).update();
}
