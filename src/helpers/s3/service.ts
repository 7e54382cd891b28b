/**
 * The `s3` service object: every operation of the SDK's aggregated S3 client. Add conveniences
 * as methods of S3Service — names that are not SDK operations (a test checks) — and list them in
 * ./globals.ts for `.help`.
 */
import { S3 } from '@aws-sdk/client-s3';

export class S3Service extends S3 {}

export function createService(config: Record<string, unknown>): S3Service {
  return new S3Service(config);
}
