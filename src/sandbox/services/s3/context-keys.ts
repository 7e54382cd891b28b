/**
 * The request context of an S3 request: the global keys (aws:SourceIp, aws:Referer…) plus S3's
 * own — how it was signed, the listing's prefix, delimiter and max-keys, and the x-amz-* headers
 * that policies commonly constrain (canned ACL, copy source, encryption).
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazons3.html#amazons3-policy-keys
 */
import type { IncomingMessage } from 'node:http';
import { requestKeys } from '../../core/context-keys.js';
import { targetOf } from '../../protocols/request-target.js';
import type { ContextKeys } from '../../core/policy.js';
import type { Principal } from '../../core/types.js';

/** Headers S3 exposes as `s3:<header>` condition keys. */
const HEADER_KEYS = [
  'x-amz-acl',
  'x-amz-copy-source',
  'x-amz-metadata-directive',
  'x-amz-server-side-encryption',
  'x-amz-server-side-encryption-aws-kms-key-id',
  'x-amz-storage-class',
  'x-amz-content-sha256',
  'x-amz-website-redirect-location',
  'x-amz-grant-read',
  'x-amz-grant-write',
  'x-amz-grant-read-acp',
  'x-amz-grant-write-acp',
  'x-amz-grant-full-control',
];

/** Operations whose request parameters are the s3:prefix, s3:delimiter and s3:max-keys keys. */
const LISTINGS = new Set(['ListObjects', 'ListObjectsV2', 'ListObjectVersions']);

export function s3ContextKeys(req: IncomingMessage, principal: Principal | undefined, operation?: string, input: Record<string, unknown> = {}): ContextKeys {
  const keys = requestKeys(req, principal);
  if (principal) {
    // SigV4 or the legacy SigV2 (`AWS`), in the Authorization header or in a presigned URL's query.
    const query = targetOf(req).query;
    const presigned = query.has('X-Amz-Signature') || query.has('Signature');
    const v2 = presigned ? !query.has('X-Amz-Signature') : /^AWS /.test(req.headers.authorization ?? '');
    keys['s3:signatureversion'] = v2 ? 'AWS' : 'AWS4-HMAC-SHA256';
    keys['s3:authType'] = presigned ? 'REST-QUERY-STRING' : 'REST-HEADER';
  }
  for (const h of HEADER_KEYS) {
    const v = req.headers[h];
    if (typeof v === 'string') keys[`s3:${h}`] = v;
  }
  if (operation && LISTINGS.has(operation)) {
    const param = (v: unknown) => (v === undefined || v === null ? undefined : String(v));
    keys['s3:prefix'] = param(input.Prefix);
    keys['s3:delimiter'] = param(input.Delimiter);
    keys['s3:max-keys'] = param(input.MaxKeys);
  }
  return keys;
}
