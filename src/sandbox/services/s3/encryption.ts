/**
 * Server-side encryption as S3 has applied it since January 2023: every object is encrypted, with
 * SSE-S3 (AES256) unless the request or the bucket's default configuration asks for KMS. The
 * sandbox stores bytes as they are; it records and reports what S3 would have applied.
 */
import { createHash } from 'node:crypto';
import type { ServerSideEncryptionConfiguration } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import type { BucketConfig, Encryption } from './types.js';
import type { Input, Output } from './types.js';

const ALGORITHMS = new Set(['AES256', 'aws:kms', 'aws:kms:dsse']);
const SSE_S3: Encryption = { algorithm: 'AES256' };

const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

function invalidArgument(message: string, name: string, value?: string): AwsError {
  return withExtra(new AwsError('InvalidArgument', message, 400), value === undefined ? { ArgumentName: name } : { ArgumentName: name, ArgumentValue: value });
}

const isKms = (algorithm: string | undefined) => !!algorithm?.startsWith('aws:kms');

/** A KMS key as S3 reports it: an ARN. No key named means the account's AWS managed key `aws/s3`. */
function kmsKeyArn(bucket: BucketConfig, keyId: string | undefined): string {
  if (keyId?.startsWith('arn:')) return keyId;
  const prefix = `arn:aws:kms:${bucket.region}:${bucket.owner}`;
  if (keyId) return `${prefix}:${keyId.startsWith('alias/') ? keyId : `key/${keyId}`}`;
  const h = createHash('sha256').update(`paws-sandbox-aws/s3:${bucket.owner}:${bucket.region}`).digest('hex');
  return `${prefix}:key/${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The encryption a new object gets: what the request asks for (x-amz-server-side-encryption…), else the bucket's default. */
export function objectEncryption(bucket: BucketConfig, input: Input<'PutObject' | 'CopyObject' | 'CreateMultipartUpload'>): Encryption {
  const asked: string | undefined = input.ServerSideEncryption;
  if (asked !== undefined && !ALGORITHMS.has(asked)) throw invalidArgument('The encryption method specified is not supported', 'x-amz-server-side-encryption', asked);
  if (input.SSEKMSKeyId !== undefined && !isKms(asked)) {
    throw invalidArgument('Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms', 'x-amz-server-side-encryption-aws-kms-key-id', input.SSEKMSKeyId);
  }
  if (asked) return kmsEncryption(bucket, asked, input.SSEKMSKeyId, input.BucketKeyEnabled);
  const rule = bucket.encryption?.Rules?.[0];
  const byDefault = rule?.ApplyServerSideEncryptionByDefault;
  return byDefault ? kmsEncryption(bucket, byDefault.SSEAlgorithm!, byDefault.KMSMasterKeyID, rule.BucketKeyEnabled) : SSE_S3;
}

function kmsEncryption(bucket: BucketConfig, algorithm: string, keyId: string | undefined, bucketKey: boolean | undefined): Encryption {
  if (!isKms(algorithm)) return { algorithm };
  return { algorithm, kmsKeyId: kmsKeyArn(bucket, keyId), bucketKeyEnabled: bucketKey || undefined };
}

/** The x-amz-server-side-encryption headers of an answer about an object or upload. */
export function encryptionOutput(e: Encryption | undefined): Pick<Output<'PutObject'>, 'ServerSideEncryption' | 'SSEKMSKeyId' | 'BucketKeyEnabled'> {
  const { algorithm, kmsKeyId, bucketKeyEnabled } = e ?? SSE_S3;
  return { ServerSideEncryption: algorithm, SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: bucketKeyEnabled || undefined };
}

export function getBucketEncryption(input: Input<'GetBucketEncryption'>, ctx: RequestContext): Output<'GetBucketEncryption'> {
  const b = backend(ctx).bucket(input.Bucket);
  const rules = b.encryption?.Rules ?? [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }];
  return { ServerSideEncryptionConfiguration: { Rules: rules.map((r) => ({ ...r, BucketKeyEnabled: !!r.BucketKeyEnabled })) } };
}

export function putBucketEncryption(input: Input<'PutBucketEncryption'>, ctx: RequestContext): Output<'PutBucketEncryption'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const config: ServerSideEncryptionConfiguration | undefined = input.ServerSideEncryptionConfiguration;
  const rules = config?.Rules ?? [];
  if (rules.length !== 1) throw malformedXml();
  const byDefault = rules[0].ApplyServerSideEncryptionByDefault;
  if (!byDefault?.SSEAlgorithm || !ALGORITHMS.has(byDefault.SSEAlgorithm)) throw malformedXml();
  if (byDefault.KMSMasterKeyID !== undefined && !isKms(byDefault.SSEAlgorithm)) {
    throw invalidArgument('a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse', 'ApplyServerSideEncryptionByDefault');
  }
  bucket.encryption = { Rules: [{ ApplyServerSideEncryptionByDefault: byDefault, BucketKeyEnabled: rules[0].BucketKeyEnabled }] };
  s3.saveBuckets();
  return {};
}

/** Back to S3's default, SSE-S3: a bucket is never unencrypted. */
export function deleteBucketEncryption(input: Input<'DeleteBucketEncryption'>, ctx: RequestContext): Output<'DeleteBucketEncryption'> {
  const s3 = backend(ctx);
  s3.bucket(input.Bucket).encryption = undefined;
  s3.saveBuckets();
  return {};
}
