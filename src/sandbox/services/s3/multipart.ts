/**
 * Multipart uploads: parts stored as data files as they arrive; completing one makes the object
 * out of the part files themselves (no copying), with S3's ETag `md5(concat(part md5s))-N`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { pipeline, Transform } from 'node:stream';
import type { Part } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import type { BucketIndex } from './bucket-index.js';
import { checksumMember, compositeChecksum } from './checksums.js';
import { ownerOf, type MultipartUpload, type ObjectVersion, type UploadPart } from './types.js';
import { contentHeaders, copySource, fullChecksum, newVersionId, requestedAcl, storageClass, storeVersion } from './objects.js';
import { parseCopySourceRange } from './conditions.js';
import { encryptionOutput, objectEncryption } from './encryption.js';
import { requestedTags } from './tags.js';
import { newVersionLock } from './object-lock.js';
import { notify } from './notifications.js';
import type { VerifiedBody } from './payload.js';
import type { Input, Output } from './types.js';

const MIN_PART = 5 * 1024 * 1024;

function upload(index: BucketIndex, uploadId: string | undefined, key: string): MultipartUpload {
  const u = uploadId === undefined ? undefined : index.uploads.get(uploadId);
  if (!u || u.key !== key) {
    throw withExtra(new AwsError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', 404), { UploadId: uploadId ?? '' });
  }
  return u;
}

/** Full-object checksums of a multipart upload are CRCs (which combine); CRC64NVME has no composite form. */
const FULL_OBJECT_ALGORITHMS = new Set(['CRC32', 'CRC32C', 'CRC64NVME']);

/** The checksum type an upload gets: as asked, else CRC64NVME's only one, else COMPOSITE. */
function checksumType(algorithm: string | undefined, asked: string | undefined): 'COMPOSITE' | 'FULL_OBJECT' | undefined {
  const alg = algorithm?.toUpperCase();
  if (!alg) {
    if (asked) throw new AwsError('InvalidRequest', 'The x-amz-checksum-type header can only be used with the x-amz-checksum-algorithm header.', 400);
    return undefined;
  }
  const type = asked ?? (alg === 'CRC64NVME' ? 'FULL_OBJECT' : 'COMPOSITE');
  if (type !== 'COMPOSITE' && type !== 'FULL_OBJECT') throw new AwsError('InvalidRequest', `Value for x-amz-checksum-type header is invalid.`, 400);
  if (type === 'FULL_OBJECT' && !FULL_OBJECT_ALGORITHMS.has(alg)) throw new AwsError('InvalidRequest', `The FULL_OBJECT checksum type cannot be used with the ${alg.toLowerCase()} checksum algorithm.`, 400);
  if (type === 'COMPOSITE' && alg === 'CRC64NVME') throw new AwsError('InvalidRequest', 'The COMPOSITE checksum type cannot be used with the crc64nvme checksum algorithm.', 400);
  return type;
}

function partNumber(n: unknown): number {
  const num = Number(n);
  if (!Number.isInteger(num) || num < 1 || num > 10000) throw new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400);
  return num;
}

export async function createMultipartUpload(input: Input<'CreateMultipartUpload'>, ctx: RequestContext): Promise<Output<'CreateMultipartUpload'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const u: MultipartUpload = {
    uploadId: randomBytes(48).toString('base64url'),
    key: input.Key,
    initiated: new Date().toISOString(),
    owner: ctx.principal?.accountId ?? bucket.owner,
    headers: contentHeaders(input),
    metadata: input.Metadata ?? {},
    storageClass: storageClass(input.StorageClass),
    acl: requestedAcl(bucket, input),
    checksumAlgorithm: input.ChecksumAlgorithm,
    checksumType: checksumType(input.ChecksumAlgorithm, input.ChecksumType),
    parts: {},
    tags: requestedTags(ctx, bucket, input),
    encryption: objectEncryption(bucket, input),
    ...newVersionLock(bucket, input, ctx.req.headers, 'CreateMultipartUpload'),
  };
  await index.commit({ op: 'upload', upload: u });
  return {
    Bucket: bucket.name,
    Key: u.key,
    UploadId: u.uploadId,
    ChecksumAlgorithm: u.checksumAlgorithm,
    ChecksumType: u.checksumType,
    ...encryptionOutput(u.encryption),
  };
}

async function storePart(index: BucketIndex, u: MultipartUpload, part: UploadPart): Promise<void> {
  const orphaned = await index.commit({ op: 'part', uploadId: u.uploadId, part });
  await index.data.remove(orphaned);
}

export async function uploadPart(input: Input<'UploadPart'>, ctx: RequestContext): Promise<Output<'UploadPart'>> {
  const s3 = backend(ctx);
  const index = await s3.index(s3.bucket(input.Bucket).name);
  const u = upload(index, input.UploadId, input.Key);
  const number = partNumber(input.PartNumber);
  const body = input.Body as VerifiedBody;
  const segment = await index.data.write(body);
  const part: UploadPart = { number, etag: `"${body.md5}"`, size: segment.size, segment, lastModified: new Date().toISOString(), checksum: body.checksum?.value };
  await storePart(index, u, part);
  return { ETag: part.etag, ...encryptionOutput(u.encryption), ...checksumMember(body.checksum?.algorithm, body.checksum?.value) };
}

export async function uploadPartCopy(input: Input<'UploadPartCopy'>, ctx: RequestContext): Promise<Output<'UploadPartCopy'>> {
  const s3 = backend(ctx);
  const index = await s3.index(s3.bucket(input.Bucket).name);
  const u = upload(index, input.UploadId, input.Key);
  const number = partNumber(input.PartNumber);
  const src = await copySource(input, ctx);
  const v = src.version;
  const range = parseCopySourceRange(input.CopySourceRange, v.size) ?? { start: 0, end: v.size - 1 };
  const md5 = createHash('md5');
  // Hashed in the pipe, not by a 'data' listener: that would start the flow before write() has
  // opened its file, and bytes read meanwhile would be lost (an empty part under load).
  const hashing = new Transform({ transform: (c: Buffer, _enc, done) => done(null, md5.update(c) && c) });
  const segment = await index.data.write(pipeline(src.index.data.read(v.segments, range.start, range.end), hashing, () => {}));
  const part: UploadPart = { number, etag: `"${md5.digest('hex')}"`, size: segment.size, segment, lastModified: new Date().toISOString() };
  await storePart(index, u, part);
  return { CopyPartResult: { ETag: part.etag, LastModified: new Date(part.lastModified) }, ...encryptionOutput(u.encryption) };
}

export async function completeMultipartUpload(input: Input<'CompleteMultipartUpload'>, ctx: RequestContext): Promise<Output<'CompleteMultipartUpload'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const u = upload(index, input.UploadId, input.Key);
  const requested = input.MultipartUpload?.Parts ?? [];
  if (requested.length === 0 || requested.some((r) => r.PartNumber === undefined)) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const parts: UploadPart[] = [];
  for (const [i, r] of requested.entries()) {
    if (i > 0 && r.PartNumber! <= requested[i - 1].PartNumber!) throw new AwsError('InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', 400);
    const p = u.parts[r.PartNumber!];
    const etag = r.ETag?.startsWith('"') ? r.ETag : `"${r.ETag}"`;
    if (!p || p.etag !== etag) {
      throw withExtra(new AwsError('InvalidPart', 'One or more of the specified parts could not be found.  The part may not have been uploaded, or the specified entity tag may not have matched the part\'s entity tag.', 400), { UploadId: u.uploadId, PartNumber: String(r.PartNumber), ETag: r.ETag ?? '' });
    }
    parts.push(p);
  }
  for (const p of parts.slice(0, -1)) {
    if (p.size < MIN_PART) {
      throw withExtra(new AwsError('EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', 400), { ProposedSize: String(p.size), MinSizeAllowed: String(MIN_PART), PartNumber: String(p.number), ETag: p.etag });
    }
  }
  const md5 = createHash('md5');
  for (const p of parts) md5.update(Buffer.from(p.etag.slice(1, -1), 'hex'));
  const checksum = await uploadChecksum(index, u, parts, input);
  const version: ObjectVersion = {
    versionId: newVersionId(bucket),
    lastModified: new Date().toISOString(),
    etag: `"${md5.digest('hex')}-${parts.length}"`,
    size: parts.reduce((n, p) => n + p.size, 0),
    segments: parts.map((p) => p.segment),
    headers: u.headers,
    metadata: u.metadata,
    storageClass: u.storageClass,
    owner: u.owner,
    acl: u.acl,
    checksum,
    partsCount: parts.length,
    partChecksums: checksum ? parts.map((p) => p.checksum!) : undefined,
    tags: u.tags,
    encryption: u.encryption,
    retention: u.retention,
    legalHold: u.legalHold,
  };
  const used = new Set(parts);
  const unused = Object.values(u.parts).filter((p) => !used.has(p)).map((p) => p.segment);
  await storeVersion(index, u.key, version);
  await index.commit({ op: 'end', uploadId: u.uploadId });
  await index.data.remove(unused);
  notify(ctx, bucket, 'ObjectCreated:CompleteMultipartUpload', u.key, version);
  return {
    Location: `${ctx.sandbox.endpoint}/${bucket.name}/${encodeURI(u.key)}`,
    Bucket: bucket.name,
    Key: u.key,
    ETag: version.etag,
    VersionId: bucket.versioning ? version.versionId : undefined,
    ...encryptionOutput(version.encryption),
    ...checksumMember(version.checksum?.algorithm, version.checksum?.value),
    ChecksumType: version.checksum?.type,
  };
}

/**
 * The object's checksum: of the part checksums (COMPOSITE, `…-N`), or of all its bytes
 * (FULL_OBJECT), checked against the one the client computed and sent with the request.
 */
async function uploadChecksum(index: BucketIndex, u: MultipartUpload, parts: UploadPart[], input: Input<'CompleteMultipartUpload'>): Promise<ObjectVersion['checksum']> {
  const algorithm = u.checksumAlgorithm?.toUpperCase();
  if (!algorithm || !parts.every((p) => p.checksum)) return undefined;
  const checksum: ObjectVersion['checksum'] =
    u.checksumType === 'FULL_OBJECT'
      ? await fullChecksum(index, parts.map((p) => p.segment), parts.reduce((n, p) => n + p.size, 0), algorithm)
      : { algorithm, value: compositeChecksum(algorithm, parts.map((p) => p.checksum!))!, type: 'COMPOSITE' };
  const declared = (input as Record<string, unknown>)[`Checksum${algorithm}`] as string | undefined;
  // A composite value may be declared with or without its `-N`.
  const bare = (v: string) => v.replace(/-\d+$/, '');
  if (declared !== undefined && bare(declared) !== bare(checksum!.value)) throw new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
  return checksum;
}

export async function abortMultipartUpload(input: Input<'AbortMultipartUpload'>, ctx: RequestContext): Promise<Output<'AbortMultipartUpload'>> {
  const s3 = backend(ctx);
  const index = await s3.index(s3.bucket(input.Bucket).name);
  const u = upload(index, input.UploadId, input.Key);
  await index.commit({ op: 'end', uploadId: u.uploadId });
  await index.data.remove(Object.values(u.parts).map((p) => p.segment));
  return {};
}

export async function listParts(input: Input<'ListParts'>, ctx: RequestContext): Promise<Output<'ListParts'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const u = upload(await s3.index(bucket.name), input.UploadId, input.Key);
  const marker = Number(input.PartNumberMarker ?? 0);
  const max = Math.min(Number(input.MaxParts ?? 1000), 1000);
  const all = Object.values(u.parts).filter((p) => p.number > marker).sort((a, b) => a.number - b.number);
  const page = all.slice(0, max);
  const truncated = all.length > max;
  return {
    Bucket: bucket.name,
    Key: u.key,
    UploadId: u.uploadId,
    PartNumberMarker: String(marker),
    NextPartNumberMarker: page.length ? String(page.at(-1)!.number) : undefined,
    MaxParts: max,
    IsTruncated: truncated,
    Parts: page.map((p): Wire<Part> => ({ PartNumber: p.number, LastModified: p.lastModified, ETag: p.etag, Size: p.size, ...checksumMember(u.checksumAlgorithm, p.checksum) })),
    Initiator: ownerOf(u.owner),
    Owner: ownerOf(u.owner),
    StorageClass: u.storageClass,
    ChecksumAlgorithm: u.checksumAlgorithm,
    ChecksumType: u.checksumType,
  };
}

export async function listMultipartUploads(input: Input<'ListMultipartUploads'>, ctx: RequestContext): Promise<Output<'ListMultipartUploads'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const prefix: string = input.Prefix ?? '';
  const uploads = [...index.uploads.values()]
    .filter((u) => u.key.startsWith(prefix) && (!input.KeyMarker || u.key > input.KeyMarker))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.initiated < b.initiated ? -1 : 1));
  const max = Math.min(Number(input.MaxUploads ?? 1000), 1000);
  const page = uploads.slice(0, max);
  return {
    Bucket: bucket.name,
    Prefix: prefix,
    KeyMarker: input.KeyMarker ?? '',
    UploadIdMarker: input.UploadIdMarker ?? '',
    MaxUploads: max,
    IsTruncated: uploads.length > max,
    NextKeyMarker: uploads.length > max ? page.at(-1)!.key : undefined,
    NextUploadIdMarker: uploads.length > max ? page.at(-1)!.uploadId : undefined,
    Uploads: page.map((u) => ({ Key: u.key, UploadId: u.uploadId, Initiated: u.initiated, StorageClass: u.storageClass, Owner: ownerOf(u.owner), Initiator: ownerOf(u.owner), ChecksumAlgorithm: u.checksumAlgorithm, ChecksumType: u.checksumType })),
  };
}
