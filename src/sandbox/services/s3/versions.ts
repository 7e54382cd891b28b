/** Which stored version a request addresses, or the 404/405 S3 answers instead. */
import { AwsError } from '../../core/types.js';
import { withExtra } from './state.js';
import type { BucketIndex } from './bucket-index.js';
import type { ObjectVersion } from './types.js';

export function noSuchKey(key: string, headers: Record<string, string> = {}): AwsError {
  return withExtra(new AwsError('NoSuchKey', 'The specified key does not exist.', 404, headers), { Key: key });
}

/** The version a GET/HEAD/COPY addresses, or the 404/405 S3 gives. */
export function resolveVersion(index: BucketIndex, key: string, versionId?: string): ObjectVersion {
  if (versionId) {
    const v = index.version(key, versionId);
    if (!v) {
      if (!index.objects.has(key)) throw noSuchKey(key);
      throw withExtra(new AwsError('NoSuchVersion', 'The specified version does not exist.', 404), { Key: key, VersionId: versionId });
    }
    if (v.deleteMarker) {
      throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': v.versionId });
    }
    return v;
  }
  const latest = index.latest(key);
  if (!latest) throw noSuchKey(key);
  if (latest.deleteMarker) throw noSuchKey(key, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': latest.versionId });
  return latest;
}
