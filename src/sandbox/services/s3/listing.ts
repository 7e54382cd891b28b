/**
 * Listings: ListObjects (v1 markers, v2 continuation tokens), ListObjectVersions and ListBuckets,
 * with prefix, delimiter (common prefixes count as one entry) and `encoding-type=url`, which the
 * AWS CLI always asks for. Keys are walked in sorted order from a binary-searched start, so each
 * page costs its own size, whatever the bucket holds.
 */
import type { _Object, CommonPrefix, DeleteMarkerEntry, ObjectVersion as VersionEntry } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { backend } from './state.js';
import { ownerOf, type ObjectVersion } from './types.js';
import type { Input, Output } from './types.js';

/** Index of the first key in `keys` greater than `after` (or ≥ `from`). */
function lowerBound(keys: string[], value: string, inclusive: boolean): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (keys[mid] < value || (!inclusive && keys[mid] === value)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

type Entry = { key: string; prefix?: false } | { key: string; prefix: true };

/**
 * Walks keys after `marker` under `prefix`, folding keys that share `prefix…delimiter` into one
 * common prefix; stops after `max` entries. `include` filters keys (e.g. only live objects).
 */
function walk(keys: string[], o: { prefix: string; delimiter?: string; marker: string; max: number; include: (key: string) => boolean }): { entries: Entry[]; truncated: boolean } {
  const entries: Entry[] = [];
  let i = Math.max(lowerBound(keys, o.marker, false), lowerBound(keys, o.prefix, true));
  while (i < keys.length) {
    const key = keys[i];
    if (!key.startsWith(o.prefix)) break;
    const d = o.delimiter ? key.indexOf(o.delimiter, o.prefix.length) : -1;
    if (d >= 0) {
      const common = key.slice(0, d + o.delimiter!.length);
      if (common > o.marker || !o.marker.startsWith(common)) {
        if (entries.length === o.max) return { entries, truncated: true };
        entries.push({ key: common, prefix: true });
      }
      // Skip every key under this common prefix.
      i = lowerBound(keys, `${common}\uffff`, false);
      continue;
    }
    if (o.include(key)) {
      if (entries.length === o.max) return { entries, truncated: true };
      entries.push({ key });
    }
    i++;
  }
  return { entries, truncated: false };
}

function maxKeys(v: unknown): number {
  const n = v === undefined ? 1000 : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new AwsError('InvalidArgument', 'Provided max-keys not an integer or within integer range', 400);
  return Math.min(n, 1000);
}

function encoder(input: Input<'ListObjects' | 'ListObjectsV2' | 'ListObjectVersions'>): (s: string | undefined) => string | undefined {
  if (input.EncodingType === undefined) return (s) => s;
  if (input.EncodingType !== 'url') throw new AwsError('InvalidArgument', 'Invalid Encoding Method specified in Request', 400);
  return (s) => (s === undefined ? s : encodeURIComponent(s).replace(/%2F/g, '/'));
}

function objectEntry(key: string, v: ObjectVersion, enc: (s: string) => string | undefined, withOwner: boolean): Wire<_Object> {
  return {
    Key: enc(key),
    LastModified: v.lastModified,
    ETag: v.etag,
    Size: v.size,
    StorageClass: v.storageClass,
    Owner: withOwner ? ownerOf(v.owner) : undefined,
    ChecksumAlgorithm: v.checksum ? [v.checksum.algorithm] : undefined,
    ChecksumType: v.checksum ? (v.checksum.type ?? 'FULL_OBJECT') : undefined,
  };
}

async function listing(input: Input<'ListObjects' | 'ListObjectsV2'>, ctx: RequestContext, marker: string, withOwner: boolean) {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const enc = encoder(input);
  const max = maxKeys(input.MaxKeys);
  const { entries, truncated } = walk(index.sortedKeys(), {
    prefix: input.Prefix ?? '',
    delimiter: input.Delimiter || undefined,
    marker,
    max,
    include: (key) => index.current(key) !== undefined,
  });
  return {
    bucket,
    enc,
    max,
    truncated,
    last: entries.at(-1)?.key,
    Contents: entries.filter((e) => !e.prefix).map((e) => objectEntry(e.key, index.current(e.key)!, enc as (s: string) => string, withOwner)),
    CommonPrefixes: entries.filter((e) => e.prefix).map((e) => ({ Prefix: enc(e.key) })),
  };
}

export async function listObjects(input: Input<'ListObjects'>, ctx: RequestContext): Promise<Output<'ListObjects'>> {
  const l = await listing(input, ctx, input.Marker ?? '', true);
  return {
    Name: l.bucket.name,
    Prefix: l.enc(input.Prefix ?? ''),
    Marker: l.enc(input.Marker ?? ''),
    MaxKeys: l.max,
    Delimiter: l.enc(input.Delimiter),
    EncodingType: input.EncodingType,
    IsTruncated: l.truncated,
    NextMarker: l.truncated && input.Delimiter ? l.enc(l.last) : undefined,
    Contents: l.Contents,
    CommonPrefixes: l.CommonPrefixes,
  };
}

export async function listObjectsV2(input: Input<'ListObjectsV2'>, ctx: RequestContext): Promise<Output<'ListObjectsV2'>> {
  let after = input.StartAfter ?? '';
  if (input.ContinuationToken) {
    after = Buffer.from(input.ContinuationToken, 'base64url').toString('utf8');
    if (!after) throw new AwsError('InvalidArgument', 'The continuation token provided is incorrect', 400);
  }
  const l = await listing(input, ctx, after, !!input.FetchOwner);
  return {
    Name: l.bucket.name,
    Prefix: l.enc(input.Prefix ?? ''),
    MaxKeys: l.max,
    Delimiter: l.enc(input.Delimiter),
    EncodingType: input.EncodingType,
    IsTruncated: l.truncated,
    KeyCount: l.Contents.length + l.CommonPrefixes.length,
    ContinuationToken: input.ContinuationToken,
    NextContinuationToken: l.truncated ? Buffer.from(l.last!, 'utf8').toString('base64url') : undefined,
    StartAfter: l.enc(input.StartAfter),
    Contents: l.Contents,
    CommonPrefixes: l.CommonPrefixes,
  };
}

export async function listObjectVersions(input: Input<'ListObjectVersions'>, ctx: RequestContext): Promise<Output<'ListObjectVersions'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const enc = encoder(input);
  const max = maxKeys(input.MaxKeys);
  const keyMarker: string = input.KeyMarker ?? '';
  type Item = { key: string; version?: ObjectVersion };
  function* items(): Generator<Item> {
    // A page that ended inside a key's versions resumes there.
    if (keyMarker && input.VersionIdMarker) {
      const versions = index.objects.get(keyMarker) ?? [];
      const at = versions.findIndex((v) => v.versionId === input.VersionIdMarker);
      for (const version of at >= 0 ? versions.slice(at + 1) : []) yield { key: keyMarker, version };
    }
    const { entries } = walk(index.sortedKeys(), { prefix: input.Prefix ?? '', delimiter: input.Delimiter || undefined, marker: keyMarker, max: max + 1, include: () => true });
    for (const e of entries) {
      if (e.prefix) yield { key: e.key };
      else for (const version of index.objects.get(e.key) ?? []) yield { key: e.key, version };
    }
  }
  const page: Item[] = [];
  let truncated = false;
  for (const item of items()) {
    if (page.length === max) {
      truncated = true;
      break;
    }
    page.push(item);
  }
  const Versions: Array<Wire<VersionEntry>> = [];
  const DeleteMarkers: Array<Wire<DeleteMarkerEntry>> = [];
  const CommonPrefixes: Array<Wire<CommonPrefix>> = [];
  for (const { key, version: v } of page) {
    if (!v) {
      CommonPrefixes.push({ Prefix: enc(key) });
      continue;
    }
    const entry = { Key: enc(key), VersionId: v.versionId, IsLatest: index.latest(key) === v, LastModified: v.lastModified, Owner: ownerOf(v.owner) };
    if (v.deleteMarker) DeleteMarkers.push(entry);
    else Versions.push({ ...entry, ETag: v.etag, Size: v.size, StorageClass: v.storageClass });
  }
  const last = page.at(-1);
  return {
    Name: bucket.name,
    Prefix: enc(input.Prefix ?? ''),
    KeyMarker: enc(keyMarker),
    VersionIdMarker: input.VersionIdMarker ?? '',
    MaxKeys: max,
    Delimiter: enc(input.Delimiter),
    EncodingType: input.EncodingType,
    IsTruncated: truncated,
    NextKeyMarker: truncated ? enc(last?.key) : undefined,
    NextVersionIdMarker: truncated ? last?.version?.versionId : undefined,
    Versions,
    DeleteMarkers,
    CommonPrefixes,
  };
}

export function listBuckets(input: Input<'ListBuckets'>, ctx: RequestContext): Output<'ListBuckets'> {
  if (!ctx.principal) throw new AwsError('AccessDenied', 'Access Denied', 403);
  const account = ctx.principal.accountId;
  const mine = Object.values(backend(ctx).state.buckets)
    .filter((b) => b.owner === account && (!input.Prefix || b.name.startsWith(input.Prefix)) && (!input.BucketRegion || b.region === input.BucketRegion))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  const token = input.ContinuationToken;
  const start = token ? mine.findIndex((b) => b.name > token) : 0;
  const max = input.MaxBuckets ? Number(input.MaxBuckets) : 10000;
  const page = start < 0 ? [] : mine.slice(start, start + max);
  const more = start >= 0 && start + max < mine.length;
  return {
    Buckets: page.map((b) => ({ Name: b.name, CreationDate: b.created, BucketRegion: b.region, BucketArn: undefined })),
    Owner: ownerOf(account),
    ContinuationToken: more ? page.at(-1)!.name : undefined,
    Prefix: input.Prefix,
  };
}
