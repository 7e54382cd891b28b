/**
 * The book's chapter 3 (S3 recipes 3.1–3.13) as prompt helpers: each takes the session first,
 * then the recipe's own arguments, camelCased, and prints what the book's version prints.
 */
import { readdir } from 'node:fs/promises';
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename, join, relative, sep } from 'node:path';
import { homedir } from 'node:os';
import { inspect } from 'node:util';
import { contentType } from 'mime-types';
import { Upload } from '@aws-sdk/lib-storage';
import type { StorageClass } from '@aws-sdk/client-s3';
import type { Session } from '../core/session.js';
import { currentSignal, withoutSignal } from '../core/call-context.js';
import { errorCode, errorLine, pawsError } from '../core/errors.js';
import type { Reporter } from '../core/reporter.js';
import type { S3Service } from './service.js';
import { refOf, type Ref } from '../core/resource.js';
import type { Bucket } from './bucket.js';
import type { Key } from './key.js';
import { formatBytes, progressLine } from './progress-bar.js';

async function s3Of(session: Session, region?: string): Promise<S3Service> {
  return session.serviceIn('s3', region ?? session.connection.region);
}

async function requireBucket(session: Session, ref: Ref<Bucket>): Promise<Bucket> {
  const name = refOf(ref, 'a bucket');
  const bucket = await (await s3Of(session)).lookup(name);
  if (!bucket) throw pawsError('NoSuchBucket', `The bucket ${name} does not exist or is not yours; create it with createBucket('${name}')`);
  return bucket;
}

async function requireKey(bucket: Bucket, ref: Ref<Key>): Promise<Key> {
  const name = refOf(ref, 'a key');
  const key = await bucket.lookup(name);
  if (!key) throw pawsError('NoSuchKey', `${bucket.name} has no key ${name}`);
  return key;
}

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

/** Recipe 3.5: total bytes of a bucket, streaming the listing page by page with a running count. */
export async function bucketDu(session: Session, bucketName: Ref<Bucket>): Promise<number> {
  const out = session.reporter;
  const bucket = await (await s3Of(session)).lookup(bucketName);
  if (!bucket) {
    out.say(`Warning: bucket ${refOf(bucketName, 'a bucket')} was not found!`);
    return 0;
  }
  const totals = await bucket.du((t) => out.progress(`${t.keys.toLocaleString('en-US')} keys, ${formatBytes(t.bytes)}`));
  out.end();
  return totals.bytes;
}

/** Recipe 3.6: a server-side copy, keeping the metadata unless told otherwise. */
export async function copyObject(session: Session, srcBucketName: Ref<Bucket>, srcKeyName: Ref<Key>, dstBucketName: Ref<Bucket>, dstKeyName: Ref<Key>, preserveMetadata = true): Promise<Key> {
  const key = await requireKey(await requireBucket(session, srcBucketName), srcKeyName);
  return key.copy(dstBucketName, dstKeyName, { metadata: preserveMetadata ? undefined : {} });
}

/** Recipe 3.7: new metadata through an in-place copy (REPLACE). */
export async function modifyMetadata(session: Session, bucketName: Ref<Bucket>, keyName: Ref<Key>, metadata: Record<string, string>): Promise<Key> {
  const key = await requireKey(await requireBucket(session, bucketName), keyName);
  return key.copy(bucketName, keyName, { metadata, preserveAcl: true, storageClass: key.storageClass });
}

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

function expandPath(path: string): string {
  return path.replace(/^~(?=$|\/)/, homedir()).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m);
}

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

/** Recipe 3.11: turns versioning on (or suspends it), printing the status before and after. */
export async function configureVersioning(session: Session, bucketName: Ref<Bucket>, enable = true): Promise<void> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  out.say(`Current Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
  await bucket.configureVersioning(enable);
  out.say(`New Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
}

/** Recipe 3.12: switches MFA delete with the device's serial number and current code. */
export async function configureMfaDelete(session: Session, bucketName: Ref<Bucket>, mfaSerialNumber: string, mfaToken: string, enable = true): Promise<void> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  const config = await bucket.getVersioningStatus();
  out.say(`Current Versioning Status:  ${inspect(config)}`);
  await bucket.configureVersioning(config.Versioning === 'Enabled', { mfaDelete: enable, mfa: [mfaSerialNumber, mfaToken] });
  out.say(`New Versioning Status:  ${inspect(await bucket.getVersioningStatus())}`);
}

/**
 * Recipe 3.12: uploads a directory as a website. Buckets block public access and disable ACLs
 * today, so instead of public-read ACLs it lifts the public access block and adds a public-read
 * bucket policy, then sets each file's real content type.
 */
export async function uploadWebsite(session: Session, bucketName: Ref<Bucket>, websiteDir: string, indexFile: string, errorFile?: string): Promise<string> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  const s3 = bucket.client;
  await s3.putPublicAccessBlock({
    Bucket: bucket.name,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  });
  const publicRead = { Sid: 'PublicReadForWebsite', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket.name}/*` };
  await s3.putBucketPolicy({ Bucket: bucket.name, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [publicRead] }) });
  const dir = expandPath(websiteDir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath ?? entry.path, entry.name);
    const rel = relative(dir, full).split(sep).join('/');
    out.say(`Uploading ${full} as ${rel}`);
    await bucket.newKey(rel).setContentsFromFile(full, { contentType: contentType(entry.name) || 'application/octet-stream' });
  }
  await bucket.configureWebsite(indexFile, errorFile);
  const endpoint = await bucket.websiteEndpoint();
  out.say('You can access your website at:');
  out.say(endpoint);
  return endpoint;
}

/**
 * After a failure or Ctrl-C the parts sent so far stay stored (and billed) until the upload is
 * aborted; lib-storage's own abort goes out on the already-aborted signal, so it is done here.
 * Ctrl-C can come while CreateMultipartUpload is under way: its answer (or, when that request
 * was cut off after AWS acted on it, the listing of this key's uploads begun since) names it.
 */
async function abandon(upload: Upload, bucket: Bucket, key: string, started: Date, out: Reporter): Promise<void> {
  const pending = upload as unknown as { uploadId?: string; createMultiPartPromise?: Promise<{ UploadId?: string }> };
  const created = pending.uploadId ?? (await pending.createMultiPartPromise?.catch(() => undefined))?.UploadId;
  const uploadIds = created ? [created] : pending.createMultiPartPromise ? await uploadsBegunSince(bucket, key, started) : [];
  for (const uploadId of uploadIds) {
    try {
      await withoutSignal(() => bucket.client.abortMultipartUpload({ Bucket: bucket.name, Key: key, UploadId: uploadId }));
      out.say(`Aborted the multipart upload of ${bucket.name}/${key}: no parts are left behind`);
    } catch (error) {
      if (errorCode(error) === 'NoSuchUpload') continue;
      out.say(`Could not abort the multipart upload of ${bucket.name}/${key} (${errorLine(error)}); abort it with await s3.abortMultipartUpload({Bucket: '${bucket.name}', Key: '${key}', UploadId: '${uploadId}'})`);
    }
  }
}

/** Upload ids of `key` begun at or after `since` (less a minute of clock skew). */
async function uploadsBegunSince(bucket: Bucket, key: string, since: Date): Promise<string[]> {
  const { Uploads = [] } = await withoutSignal(() => bucket.client.listMultipartUploads({ Bucket: bucket.name, Prefix: key })).catch(() => ({ Uploads: [] }));
  return Uploads.filter((u) => u.Key === key && u.UploadId && (u.Initiated?.getTime() ?? 0) >= since.getTime() - 60_000).map((u) => u.UploadId!);
}

export interface MultipartOptions {
  /** Bytes per part (at least 5 MiB). @default 8 MiB */
  partSize?: number;
  /** Parts in flight at once. @default 4 */
  concurrency?: number;
}

/**
 * Recipe 3.13: a parallel multipart upload with a progress bar. A failure or Ctrl-C aborts the
 * upload, so no parts are left behind (and billed).
 */
export async function multipartUpload(session: Session, path: string, bucketName: Ref<Bucket>, keyName?: Ref<Key>, options: MultipartOptions = {}): Promise<Key> {
  const out = session.reporter;
  const file = expandPath(path);
  const { size } = await stat(file);
  const bucket = await requireBucket(session, bucketName);
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  const key = keyName ? refOf(keyName, 'a key') : basename(file);
  const upload = new Upload({
    client: bucket.client,
    params: { Bucket: bucket.name, Key: key, Body: createReadStream(file, { highWaterMark: 1024 * 1024 }), ContentLength: size },
    partSize,
    queueSize: options.concurrency ?? 4,
    leavePartsOnError: false,
  });
  const started = Date.now();
  upload.on('httpUploadProgress', (p) => out.progress(progressLine(p.loaded ?? 0, size, Date.now() - started), `${Math.floor(((p.loaded ?? 0) / Math.max(size, 1)) * 10)}`));
  const signal = currentSignal();
  const onAbort = () => void upload.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await upload.done();
  } catch (error) {
    await abandon(upload, bucket, key, new Date(started), out);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    out.end();
  }
  out.say(`${size} bytes transferred / ${size} bytes total in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return requireKey(bucket, key);
}
