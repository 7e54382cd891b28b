/** Object operations: put, get, head, delete (one or many, versioned or not), copy, ACLs. */
import { randomBytes } from 'node:crypto';
import type { _Error, DeletedObject, Grant } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import type { BucketIndex } from './bucket-index.js';
import { checkConditions, parseRange, partRange } from './conditions.js';
import { checksumMember, checksummer } from './checksums.js';
import { encryptionOutput, objectEncryption } from './encryption.js';
import { copiedTags, requestedTags } from './tags.js';
import { accessDenied, cannedAcl, checkAccess, isPublicAcl } from './access.js';
import { s3ContextKeys } from './context-keys.js';
import { ownerOf, type BucketConfig, type ContentHeaders, type ObjectVersion } from './types.js';
import { linkData } from './object-data.js';
import { checkReadable, restoreHeader } from './restore.js';
import { noSuchKey, resolveVersion } from './versions.js';
import { checkDeletable, lockOutput, newVersionLock } from './object-lock.js';
import { notify } from './notifications.js';
import type { VerifiedBody } from './payload.js';
import { decodeComponent } from '../../protocols/request-target.js';
import type { Input, Output } from './types.js';

const STORAGE_CLASSES = new Set(['STANDARD', 'REDUCED_REDUNDANCY', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER', 'DEEP_ARCHIVE', 'GLACIER_IR', 'OUTPOSTS', 'SNOW', 'EXPRESS_ONEZONE']);
const CONTENT_HEADERS = ['ContentType', 'CacheControl', 'ContentDisposition', 'ContentEncoding', 'ContentLanguage', 'WebsiteRedirectLocation'] as const;

export function newVersionId(bucket: BucketConfig): string {
  if (bucket.versioning !== 'Enabled') return 'null';
  // Never with a leading '-': the AWS CLI would read `--version-id -…` as an option.
  let id: string;
  do id = randomBytes(24).toString('base64url');
  while (id.startsWith('-'));
  return id;
}

export function storageClass(value: string | undefined): string {
  const sc = value ?? 'STANDARD';
  if (!STORAGE_CLASSES.has(sc)) throw new AwsError('InvalidStorageClass', 'The storage class you specified is not valid', 400);
  return sc;
}

export function contentHeaders(input: Input<'PutObject' | 'CopyObject' | 'CreateMultipartUpload'>): ContentHeaders {
  const h: ContentHeaders = {};
  for (const name of CONTENT_HEADERS) if (input[name] !== undefined) h[name] = String(input[name]);
  if (input.Expires) h.Expires = new Date(input.Expires).toISOString();
  // aws-chunked describes the upload's framing, not the object.
  const encoding = h.ContentEncoding?.split(',').map((e) => e.trim()).filter((e) => e && e !== 'aws-chunked').join(', ');
  if (h.ContentEncoding !== undefined) h.ContentEncoding = encoding || undefined;
  return h;
}

/** The grants an upload (or a bucket, or an ACL change) asks for, refused when the bucket disables ACLs or blocks public ones. */
export function requestedAcl(bucket: BucketConfig, input: { ACL?: string }, grants?: Grant[]): Grant[] {
  const acl = grants ?? cannedAcl(input.ACL, bucket.owner);
  const ownerOnly = acl.every((g) => g.Grantee?.Type === 'CanonicalUser' && g.Grantee.ID === ownerOf(bucket.owner).ID);
  if (bucket.ownership === 'BucketOwnerEnforced' && !ownerOnly) {
    throw new AwsError('AccessControlListNotSupported', 'The bucket does not allow ACLs', 400);
  }
  if (bucket.publicAccessBlock?.BlockPublicAcls && isPublicAcl(acl)) throw accessDenied();
  return acl;
}

/** Records a new version and drops the data of the version it replaced. */
export async function storeVersion(index: BucketIndex, key: string, version: ObjectVersion): Promise<void> {
  await index.data.remove(await index.commit({ op: 'put', key, version }));
}

/** The headers GET and HEAD describe an object with. */
function describe(bucket: BucketConfig, v: ObjectVersion, input: Input<'GetObject' | 'HeadObject'>): Output<'GetObject'> {
  // A range's (or a part's) bytes have no stored checksum: S3 sends the object's only for whole-object reads.
  const checksum = input.ChecksumMode === 'ENABLED' && !input.Range && !(input.PartNumber && v.partsCount) ? v.checksum : undefined;
  // response-content-type & co. (presigned downloads) override what is stored.
  const overrides = {
    ContentType: input.ResponseContentType,
    CacheControl: input.ResponseCacheControl,
    ContentDisposition: input.ResponseContentDisposition,
    ContentEncoding: input.ResponseContentEncoding,
    ContentLanguage: input.ResponseContentLanguage,
    Expires: input.ResponseExpires,
  };
  return {
    ...v.headers,
    ContentType: v.headers.ContentType ?? 'binary/octet-stream',
    Expires: v.headers.Expires ? new Date(v.headers.Expires) : undefined,
    ETag: v.etag,
    LastModified: new Date(v.lastModified),
    ContentLength: v.size,
    AcceptRanges: 'bytes',
    Metadata: v.metadata,
    StorageClass: v.storageClass === 'STANDARD' ? undefined : v.storageClass,
    VersionId: bucket.versioning ? v.versionId : undefined,
    PartsCount: input.PartNumber ? v.partsCount : undefined,
    TagCount: v.tags?.length || undefined,
    ...encryptionOutput(v.encryption),
    ...checksumMember(checksum?.algorithm, checksum?.value),
    ChecksumType: checksum ? (checksum.type ?? 'FULL_OBJECT') : undefined,
    Restore: restoreHeader(v),
    ...lockOutput(v),
    ...Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)),
  };
}

export async function getObject(input: Input<'GetObject' | 'HeadObject'>, ctx: RequestContext, head = false): Promise<Output<'GetObject'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const v = resolveVersion(index, input.Key, input.VersionId);
  checkConditions(input, v);
  if (!head) checkReadable(v);
  const out = describe(bucket, v, input);
  const range = input.PartNumber !== undefined ? partRange(v, input.PartNumber, !!input.Range) : parseRange(input.Range, v.size);
  if (range) {
    out.$status = 206;
    out.ContentRange = `bytes ${range.start}-${range.end}/${v.size}`;
    out.ContentLength = range.end - range.start + 1;
  }
  if (!head) out.Body = v.size === 0 ? Buffer.alloc(0) : index.data.read(v.segments, range?.start ?? 0, range?.end ?? v.size - 1);
  return out;
}

export async function putObject(input: Input<'PutObject'>, ctx: RequestContext): Promise<Output<'PutObject'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const existing = index.current(input.Key);
  if (input.IfNoneMatch === '*' && existing) throw withExtra(new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412), { Condition: 'If-None-Match' });
  if (input.IfMatch !== undefined) {
    if (!existing) throw noSuchKey(input.Key);
    checkConditions({ IfMatch: input.IfMatch }, existing);
  }
  const acl = requestedAcl(bucket, input);
  const sc = storageClass(input.StorageClass);
  const tags = requestedTags(ctx, bucket, input);
  const encryption = objectEncryption(bucket, input);
  const lock = newVersionLock(bucket, input, ctx.req.headers, 'PutObject');
  const body = input.Body as VerifiedBody;
  const segment = await index.data.write(body);
  const version: ObjectVersion = {
    versionId: newVersionId(bucket),
    lastModified: new Date().toISOString(),
    etag: `"${body.md5}"`,
    size: segment.size,
    segments: segment.size ? [segment] : [],
    headers: contentHeaders(input),
    metadata: input.Metadata ?? {},
    storageClass: sc,
    owner: ctx.principal?.accountId ?? bucket.owner,
    acl,
    checksum: body.checksum,
    tags,
    encryption,
    ...lock,
  };
  await storeVersion(index, input.Key, version);
  notify(ctx, bucket, 'ObjectCreated:Put', input.Key, version);
  return { ETag: version.etag, VersionId: bucket.versioning ? version.versionId : undefined, ...encryptionOutput(encryption), ...checksumMember(body.checksum?.algorithm, body.checksum?.value) };
}

function checkMfa(bucket: BucketConfig, mfa: string | undefined): void {
  if (bucket.mfaDelete === 'Enabled' && !validMfa(mfa)) throw accessDenied('Mfa Authentication must be used for this request');
}

/** `x-amz-mfa: SERIAL TOKEN`: any device serial with a six-digit code (the sandbox has no devices to check). */
export function validMfa(mfa: string | undefined): boolean {
  return !!mfa && /^\S+ \d{6}$/.test(mfa.trim());
}

interface Deleted {
  DeleteMarker?: boolean;
  VersionId?: string;
  DeleteMarkerVersionId?: string;
}

export async function deleteOne(bucket: BucketConfig, index: BucketIndex, key: string, versionId: string | undefined, mfa: string | undefined): Promise<Deleted> {
  if (versionId) {
    checkMfa(bucket, mfa);
    const v = index.version(key, versionId);
    if (!v) {
      if (versionId !== 'null' && !/^[A-Za-z0-9_-]{32}$/.test(versionId)) throw new AwsError('InvalidArgument', 'Invalid version id specified', 400);
      return { VersionId: versionId };
    }
    await index.data.remove(await index.commit({ op: 'del', key, versionId }));
    return { VersionId: versionId, DeleteMarker: v.deleteMarker || undefined };
  }
  if (!bucket.versioning) {
    if (index.latest(key)) await index.data.remove(await index.commit({ op: 'del', key, versionId: 'null' }));
    return {};
  }
  const marker: ObjectVersion = {
    versionId: newVersionId(bucket),
    deleteMarker: true,
    lastModified: new Date().toISOString(),
    etag: '',
    size: 0,
    segments: [],
    headers: {},
    metadata: {},
    storageClass: 'STANDARD',
    owner: bucket.owner,
    acl: [],
  };
  await storeVersion(index, key, marker);
  return { DeleteMarker: true, VersionId: marker.versionId, DeleteMarkerVersionId: marker.versionId };
}

/** A delete a request asks for: refused where object lock protects the version, announced to the bucket's notifications. */
async function requestedDelete(ctx: RequestContext, bucket: BucketConfig, index: BucketIndex, key: string, versionId: string | undefined, input: { MFA?: string; BypassGovernanceRetention?: boolean }): Promise<Deleted> {
  const version = versionId ? index.version(key, versionId) : index.latest(key);
  if (versionId && version) checkDeletable(ctx, bucket, key, version, input.BypassGovernanceRetention);
  const deleted = await deleteOne(bucket, index, key, versionId, input.MFA);
  if (version || deleted.DeleteMarker) notify(ctx, bucket, deleted.DeleteMarker && !versionId ? 'ObjectRemoved:DeleteMarkerCreated' : 'ObjectRemoved:Delete', key, version);
  return deleted;
}

export async function deleteObject(input: Input<'DeleteObject'>, ctx: RequestContext): Promise<Output<'DeleteObject'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const { DeleteMarker, VersionId } = await requestedDelete(ctx, bucket, await s3.index(bucket.name), input.Key, input.VersionId, input);
  return { DeleteMarker, VersionId };
}

export async function deleteObjects(input: Input<'DeleteObjects'>, ctx: RequestContext): Promise<Output<'DeleteObjects'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const objects = input.Delete?.Objects ?? [];
  if (objects.length > 1000 || objects.some((o) => o.Key === undefined)) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const Deleted: Array<Wire<DeletedObject>> = [];
  const Errors: Array<Wire<_Error>> = [];
  for (const { Key, VersionId } of objects as Array<{ Key: string; VersionId?: string }>) {
    try {
      // Each key is authorized on its own, as S3 does: refusals are entries in Errors.
      const action = VersionId ? 's3:DeleteObjectVersion' : 's3:DeleteObject';
      checkAccess(ctx.sandbox, { principal: ctx.principal }, { bucket, action, resource: `arn:aws:s3:::${bucket.name}/${Key}`, permission: 'WRITE', acl: bucket.acl, context: () => s3ContextKeys(ctx.req, ctx.principal) });
      const d = await requestedDelete(ctx, bucket, index, Key, VersionId, input);
      if (!input.Delete?.Quiet) Deleted.push({ Key, VersionId, DeleteMarker: d.DeleteMarker, DeleteMarkerVersionId: d.DeleteMarkerVersionId });
    } catch (err) {
      if (!(err instanceof AwsError)) throw err;
      Errors.push({ Key, VersionId, Code: err.code, Message: err.message });
    }
  }
  return { Deleted, Errors };
}

/** `x-amz-copy-source: /bucket/key?versionId=…` (URL-encoded, leading slash optional). */
export function parseCopySource(source: string): { bucket: string; key: string; versionId?: string } {
  const [path, query] = source.replace(/^\//, '').split('?');
  const slash = path.indexOf('/');
  if (slash <= 0) throw new AwsError('InvalidArgument', 'Copy Source must mention the source bucket and key: sourcebucket/sourcekey', 400);
  const versionId = query ? new URLSearchParams(query).get('versionId') ?? undefined : undefined;
  const decode = (s: string) => decodeComponent(s, () => new AwsError('InvalidArgument', 'Invalid copy source encoding', 400));
  return { bucket: decode(path.slice(0, slash)), key: decode(path.slice(slash + 1)), versionId };
}

/** The source of a copy, after checking the requester may read it and its conditions hold. */
export async function copySource(input: Input<'CopyObject' | 'UploadPartCopy'>, ctx: RequestContext): Promise<{ bucket: BucketConfig; index: BucketIndex; version: ObjectVersion }> {
  const s3 = backend(ctx);
  const src = parseCopySource(input.CopySource ?? '');
  const bucket = s3.bucket(src.bucket);
  const index = await s3.index(bucket.name);
  const version = resolveVersion(index, src.key, src.versionId);
  const action = src.versionId ? 's3:GetObjectVersion' : 's3:GetObject';
  checkAccess(ctx.sandbox, { principal: ctx.principal }, { bucket, action, resource: `arn:aws:s3:::${bucket.name}/${src.key}`, permission: 'READ', acl: version.acl, objectOwner: version.owner, context: () => s3ContextKeys(ctx.req, ctx.principal) });
  checkReadable(version);
  checkConditions(
    { IfMatch: input.CopySourceIfMatch, IfNoneMatch: input.CopySourceIfNoneMatch, IfModifiedSince: input.CopySourceIfModifiedSince, IfUnmodifiedSince: input.CopySourceIfUnmodifiedSince },
    version,
    true,
  );
  return { bucket, index, version };
}

export async function copyObject(input: Input<'CopyObject'>, ctx: RequestContext): Promise<Output<'CopyObject'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const src = await copySource(input, ctx);
  const replace = input.MetadataDirective === 'REPLACE';
  if (input.MetadataDirective && !['COPY', 'REPLACE'].includes(input.MetadataDirective)) throw new AwsError('InvalidArgument', 'Unknown metadata directive.', 400);
  const sameObject = src.bucket.name === bucket.name && parseCopySource(input.CopySource ?? '').key === input.Key;
  if (sameObject && !replace && !input.StorageClass && !input.WebsiteRedirectLocation && !input.ServerSideEncryption) {
    throw new AwsError(
      'InvalidRequest',
      "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.",
      400,
    );
  }
  const acl = requestedAcl(bucket, input);
  const v = src.version;
  const tags = copiedTags(ctx, bucket, input, v);
  // The copy is encrypted as its own request or bucket says, whatever the source's encryption.
  const encryption = objectEncryption(bucket, input);
  const lock = newVersionLock(bucket, input, ctx.req.headers, 'CopyObject');
  const segments = await linkData(src.index.data, index.data, v.segments);
  const version: ObjectVersion = {
    versionId: newVersionId(bucket),
    lastModified: new Date().toISOString(),
    etag: v.etag,
    size: v.size,
    segments,
    headers: replace ? contentHeaders(input) : v.headers,
    metadata: replace ? (input.Metadata ?? {}) : v.metadata,
    storageClass: storageClass(input.StorageClass),
    owner: ctx.principal?.accountId ?? bucket.owner,
    acl,
    // A copy asking for a checksum algorithm gets the copied bytes' full-object checksum; else the source's is kept.
    checksum: input.ChecksumAlgorithm ? await fullChecksum(index, segments, v.size, input.ChecksumAlgorithm) : v.checksum,
    partsCount: v.partsCount,
    partChecksums: input.ChecksumAlgorithm ? undefined : v.partChecksums,
    tags,
    encryption,
    ...lock,
  };
  await storeVersion(index, input.Key, version);
  notify(ctx, bucket, 'ObjectCreated:Copy', input.Key, version);
  const checksum = version.checksum;
  return {
    CopyObjectResult: {
      ETag: version.etag,
      LastModified: new Date(version.lastModified),
      ...checksumMember(checksum?.algorithm, checksum?.value),
      ChecksumType: checksum ? (checksum.type ?? 'FULL_OBJECT') : undefined,
    },
    VersionId: bucket.versioning ? version.versionId : undefined,
    CopySourceVersionId: src.bucket.versioning ? v.versionId : undefined,
    ...encryptionOutput(encryption),
  };
}

/** The checksum of an object's stored bytes, computed by reading them. */
export async function fullChecksum(index: BucketIndex, segments: ObjectVersion['segments'], size: number, algorithm: string): Promise<ObjectVersion['checksum']> {
  const c = checksummer(algorithm);
  if (!c) throw new AwsError('InvalidRequest', `Checksum algorithm ${algorithm} is not supported by the paws sandbox.`, 400);
  if (size > 0) for await (const chunk of index.data.read(segments, 0, size - 1)) c.update(chunk as Buffer);
  return { algorithm: algorithm.toUpperCase(), value: c.digest(), type: 'FULL_OBJECT' };
}

/** Owner FULL_CONTROL first, then the stored grants: the AccessControlPolicy S3 returns. */
export function aclOutput(owner: string, grants: Grant[]): Output<'GetObjectAcl'> {
  const o = ownerOf(owner);
  return { Owner: o, Grants: [{ Grantee: { Type: 'CanonicalUser', ...o }, Permission: 'FULL_CONTROL' }, ...grants] };
}

/** The grants a PutBucketAcl/PutObjectAcl asks for: a canned ACL, or a policy minus the owner's own grant. */
export function aclFromInput(bucket: BucketConfig, input: Input<'PutBucketAcl' | 'PutObjectAcl'>, owner: string): Grant[] {
  if (input.AccessControlPolicy?.Grants) {
    const ownerId = ownerOf(owner).ID;
    const grants = (input.AccessControlPolicy.Grants as Grant[]).filter((g) => !(g.Grantee?.ID === ownerId && g.Permission === 'FULL_CONTROL'));
    return requestedAcl(bucket, input, grants);
  }
  return requestedAcl(bucket, input);
}

export async function getObjectAcl(input: Input<'GetObjectAcl'>, ctx: RequestContext): Promise<Output<'GetObjectAcl'>> {
  const s3 = backend(ctx);
  const v = resolveVersion(await s3.index(input.Bucket), input.Key, input.VersionId);
  return aclOutput(v.owner, v.acl);
}

export async function putObjectAcl(input: Input<'PutObjectAcl'>, ctx: RequestContext): Promise<Output<'PutObjectAcl'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const v = resolveVersion(index, input.Key, input.VersionId);
  await index.commit({ op: 'update', key: input.Key, version: { ...v, acl: aclFromInput(bucket, input, v.owner) } });
  return {};
}
