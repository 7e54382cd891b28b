/**
 * The `s3` service object: every operation of the SDK's aggregated S3 client. Add conveniences
 * as methods of S3Service — names that are not SDK operations (a test checks) — and list them in
 * ./description.ts for `.help`.
 */
import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { S3 } from './sdk.js';
import { errorCode, httpStatusOf } from '../core/errors.js';
import type { ServiceContext } from '../core/folder.js';
import type { Reporter } from '../core/reporter.js';
import { refOf, type Ref } from '../core/resource.js';
import { Bucket } from './bucket.js';
import { sendCheckedPartsUnsigned } from './checked-parts.js';

export class S3Service extends S3 {
  /** Where uploads show their progress: the session's reporter. */
  readonly reporter: Reporter;
  /** Whether this is paws's sandbox (website URLs differ there), as the session knows it. */
  readonly sandbox: boolean;

  constructor(config: S3ClientConfig, context: ServiceContext) {
    super(config);
    this.reporter = context.reporter;
    this.sandbox = context.sandbox;
  }

  /** Your buckets, as Bucket resources. */
  async buckets(): Promise<Bucket[]> {
    const { Buckets = [] } = await this.listBuckets({});
    return Buckets.map((b) => new Bucket(this, { Name: b.Name!, CreationDate: b.CreationDate, BucketRegion: b.BucketRegion }));
  }

  /** The bucket if it exists and you may use it, else null (boto's `lookup`). */
  async lookup(bucket: Ref<Bucket>): Promise<Bucket | null> {
    const name = refOf(bucket, 'a bucket');
    try {
      const h = await this.headBucket({ Bucket: name });
      return new Bucket(this, { Name: name, BucketRegion: h.BucketRegion });
    } catch (err) {
      // A HEAD answer has no body: the SDK names S3's 404 NotFound, but its 403 carries no code at all.
      if (errorCode(err) === 'NotFound' || httpStatusOf(err) === 403) return null;
      throw err;
    }
  }

  /** A Bucket object for a name, without asking S3 (boto's `get_bucket(name, validate=False)`). */
  bucket(name: Ref<Bucket>): Bucket {
    return new Bucket(this, { Name: refOf(name, 'a bucket') });
  }
}

export function createService(config: Record<string, unknown>, context: ServiceContext): S3Service {
  // Buckets live in one region each: follow S3's redirects to it, as boto did.
  const s3 = new S3Service({ followRegionRedirects: true, ...config }, context);
  sendCheckedPartsUnsigned(s3);
  return s3;
}
