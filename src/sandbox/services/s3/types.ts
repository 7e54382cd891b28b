/**
 * What the sandbox keeps about buckets and objects. Bucket settings live in the sandbox store (one
 * small JSON document); objects live in each bucket's journal (./bucket-index.ts), their data in files.
 * Fields use the SDK's own shapes (Grant, WebsiteConfiguration…) so handlers return them as they are.
 */
import { hash } from 'node:crypto';
import type { CORSRule, Grant, LifecycleRule, NotificationConfiguration, ObjectLockConfiguration, PublicAccessBlockConfiguration, WebsiteConfiguration, LoggingEnabled, ObjectOwnership, ServerSideEncryptionConfiguration, Tag } from '@aws-sdk/client-s3';
import type * as sdk from '@aws-sdk/client-s3';
import type { OperationInput, OperationOutput, RequestContext, SdkApi } from '../../core/types.js';

/** S3's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type S3Api = typeof sdk;
export type Operation = keyof SdkApi<S3Api>;
/** The path's labels (Bucket, Key) are always there: the request was routed by the path's shape. */
export type Input<Op extends Operation> = Labelled<OperationInput<S3Api, Op>>;
type Labelled<T> = Omit<T, 'Bucket' | 'Key'> & { [K in keyof T & ('Bucket' | 'Key')]-?: NonNullable<T[K]> };
/** Plus `$status` where the answer's status is not the model's success code (206, 304). */
export type Output<Op extends Operation> = OperationOutput<S3Api, Op> & { $status?: number };
export type S3Handlers = { [Op in Operation]?: (input: Input<Op>, ctx: RequestContext) => Output<Op> | Promise<Output<Op>> };

export interface BucketConfig {
  name: string;
  /** The owning account. */
  owner: string;
  region: string;
  created: string;
  versioning?: 'Enabled' | 'Suspended';
  mfaDelete?: 'Enabled' | 'Disabled';
  /** ACL grants besides the owner's implicit FULL_CONTROL. */
  acl: Grant[];
  policy?: string;
  publicAccessBlock?: PublicAccessBlockConfiguration;
  ownership: ObjectOwnership;
  logging?: LoggingEnabled;
  website?: WebsiteConfiguration;
  tags?: Tag[];
  /** Default encryption set by PutBucketEncryption; none means S3's own default, SSE-S3. */
  encryption?: ServerSideEncryptionConfiguration;
  cors?: CORSRule[];
  /** Transfer acceleration (./configurations.ts). */
  accelerate?: 'Enabled' | 'Suspended';
  /** Inventory, analytics, metrics and intelligent-tiering configurations by kind, then id (./configurations.ts). */
  configurations?: Record<string, Record<string, unknown>>;
  notification?: NotificationConfiguration;
  lifecycle?: LifecycleRule[];
  objectLock?: ObjectLockConfiguration;
}

export interface S3State {
  buckets: Record<string, BucketConfig>;
}

/**
 * The bytes of an object (a whole object, or one part of a multipart object): a data file, or —
 * when they are at most INLINE_MAX bytes — inline in the journal record, base64 (./object-data.ts).
 */
export type Segment = { file: string; size: number } | { inline: string; size: number };

/** Content headers stored with an object and sent back on GET/HEAD. */
export interface ContentHeaders {
  ContentType?: string;
  CacheControl?: string;
  ContentDisposition?: string;
  ContentEncoding?: string;
  ContentLanguage?: string;
  Expires?: string;
  WebsiteRedirectLocation?: string;
}

/** One of an object's tags (up to 10: ./tags.ts). */
export interface ObjectTag {
  Key: string;
  Value: string;
}

/** How an object is encrypted at rest, as S3 reports it (./encryption.ts). */
export interface Encryption {
  /** `AES256`, `aws:kms` or `aws:kms:dsse`. */
  algorithm: string;
  /** The KMS key's ARN, for the KMS algorithms. */
  kmsKeyId?: string;
  bucketKeyEnabled?: boolean;
}

export interface ObjectVersion {
  /** `null` when the bucket was never versioned (or versioning is suspended). */
  versionId: string;
  deleteMarker?: boolean;
  lastModified: string;
  /** Quoted, as S3 sends it: `"9e10…"` or `"3858…-4"` for multipart. */
  etag: string;
  size: number;
  segments: Segment[];
  headers: ContentHeaders;
  metadata: Record<string, string>;
  storageClass: string;
  /** The writer's account (owner of the object). */
  owner: string;
  acl: Grant[];
  checksum?: { algorithm: string; value: string; type?: 'FULL_OBJECT' | 'COMPOSITE' };
  partsCount?: number;
  tags?: ObjectTag[];
  /** None on versions stored before paws recorded it: those are SSE-S3, as every S3 object is since 2023. */
  encryption?: Encryption;
  /** Each part's checksum, for GetObjectAttributes' ObjectParts (multipart objects with checksums). */
  partChecksums?: string[];
  /** A restore of an archived (GLACIER, DEEP_ARCHIVE) object: ready at `readyAt`, readable until `expiry` (./restore.ts). */
  restore?: { readyAt: string; expiry: string };
  /** Object lock (./object-lock.ts). */
  retention?: { mode: string; until: string };
  legalHold?: boolean;
}

export interface UploadPart {
  number: number;
  etag: string;
  size: number;
  segment: Segment;
  lastModified: string;
  checksum?: string;
}

export interface MultipartUpload {
  uploadId: string;
  key: string;
  initiated: string;
  owner: string;
  headers: ContentHeaders;
  metadata: Record<string, string>;
  storageClass: string;
  acl: Grant[];
  checksumAlgorithm?: string;
  checksumType?: 'COMPOSITE' | 'FULL_OBJECT';
  parts: Record<number, UploadPart>;
  tags?: ObjectTag[];
  encryption?: Encryption;
  retention?: ObjectVersion['retention'];
  legalHold?: boolean;
}

export const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
export const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';
export const LOG_DELIVERY = 'http://acs.amazonaws.com/groups/s3/LogDelivery';

const canonicalIds = new Map<string, string>();

/** An account's canonical user id: 64 hex digits, stable per account (worked out once: every ACL check and listing asks). */
export function canonicalId(accountId: string): string {
  let id = canonicalIds.get(accountId);
  if (!id) canonicalIds.set(accountId, (id = hash('sha256', `paws-sandbox-canonical-user:${accountId}`, 'hex')));
  return id;
}

export function ownerOf(accountId: string): { ID: string; DisplayName: string } {
  return { ID: canonicalId(accountId), DisplayName: `paws-${accountId}` };
}
