/** GetObjectAttributes: an object's ETag, checksum, parts, storage class and size, without its data. */
import type { ObjectPart } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { backend } from './state.js';
import { resolveVersion } from './versions.js';
import { checksumMember } from './checksums.js';
import type { Input, ObjectVersion, Output } from './types.js';

const ATTRIBUTES = new Set(['ETag', 'Checksum', 'ObjectParts', 'StorageClass', 'ObjectSize']);

/** A multipart object's parts, paged; each part is listed only when the upload had checksums, as S3 does. */
function objectParts(v: ObjectVersion, input: Input<'GetObjectAttributes'>): Output<'GetObjectAttributes'>['ObjectParts'] {
  const marker = Number(input.PartNumberMarker ?? 0);
  const max = Math.min(Number(input.MaxParts ?? 1000), 1000);
  const algorithm = v.checksum?.algorithm;
  const all: Array<Wire<ObjectPart>> = v.partChecksums
    ? v.segments.map((s, i) => ({ PartNumber: i + 1, Size: s.size, ...checksumMember(algorithm, v.partChecksums![i]) })).filter((p) => p.PartNumber > marker)
    : [];
  const page = all.slice(0, max);
  return {
    TotalPartsCount: v.partsCount,
    PartNumberMarker: marker ? String(marker) : undefined,
    NextPartNumberMarker: page.length ? String(page.at(-1)!.PartNumber) : undefined,
    MaxParts: max,
    IsTruncated: all.length > max,
    Parts: page.length ? page : undefined,
  };
}

export async function getObjectAttributes(input: Input<'GetObjectAttributes'>, ctx: RequestContext): Promise<Output<'GetObjectAttributes'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const asked = new Set<string>(input.ObjectAttributes ?? []);
  if (asked.size === 0 || [...asked].some((a) => !ATTRIBUTES.has(a))) throw new AwsError('InvalidArgument', 'Invalid attribute name specified.', 400);
  const v = resolveVersion(await s3.index(bucket.name), input.Key, input.VersionId);
  const checksum = v.checksum;
  return {
    LastModified: new Date(v.lastModified),
    VersionId: bucket.versioning ? v.versionId : undefined,
    ETag: asked.has('ETag') ? v.etag.slice(1, -1) : undefined,
    Checksum: asked.has('Checksum') && checksum ? { ...checksumMember(checksum.algorithm, checksum.value), ChecksumType: checksum.type ?? 'FULL_OBJECT' } : undefined,
    ObjectParts: asked.has('ObjectParts') && v.partsCount ? objectParts(v, input) : undefined,
    StorageClass: asked.has('StorageClass') ? v.storageClass : undefined,
    ObjectSize: asked.has('ObjectSize') ? v.size : undefined,
  };
}
