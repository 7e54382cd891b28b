/**
 * S3's legacy Signature Version 2 (HMAC-SHA1), which older boto3, boto and other SDKs still make:
 * `Authorization: AWS key:signature`, or a presigned URL's `AWSAccessKeyId`, `Expires` and
 * `Signature`. Verified by recomputing the string to sign as the S3 developer guide defines it
 * ("Signing and authenticating REST requests"). Pure functions of the request as sent.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { AwsError } from './types.js';
import { address } from '../services/s3/addressing.js';
import type { Verdict, VerifyOptions, WireRequest } from './sigv4.js';

export interface SigV2Request {
  version: 2;
  accessKeyId: string;
  signature: string;
  service: 's3';
  /** SigV2 names no region: the one in the endpoint's host (`bucket.s3.eu-west-1.localhost`), else us-east-1. */
  region: string;
  /** A presigned URL's `Expires`, epoch seconds; undefined for header auth. */
  expires?: number;
}

const AUTH_RE = /^AWS ([^:\s]+):(\S+)$/;
const REGION_IN_HOST = /\.s3[.-]([a-z]{2}(?:-[a-z]+)+-\d{1,2})\.localhost(?::\d+)?$/;
const MAX_SKEW_MS = 15 * 60 * 1000;

/** The query parameters that name a subresource or override a response header, and so are signed. */
const SUBRESOURCES = new Set(
  (
    'accelerate acl analytics cors delete encryption intelligent-tiering inventory legal-hold lifecycle location logging metrics ' +
    'notification object-lock ownershipControls partNumber policy policyStatus publicAccessBlock replication requestPayment restore ' +
    'retention select select-type tagging torrent uploadId uploads versionId versioning versions website ' +
    'response-cache-control response-content-disposition response-content-encoding response-content-language response-content-type response-expires'
  ).split(' '),
);

/** Reads a SigV2 signature from the Authorization header or the query; undefined when there is none. */
export function parseSigV2(headers: WireRequest['headers'], q: URLSearchParams): SigV2Request | undefined {
  const region = () => REGION_IN_HOST.exec(headers.host?.[0] ?? '')?.[1] ?? 'us-east-1'; // read only for a SigV2 request
  const header = headers.authorization?.[0];
  if (header?.startsWith('AWS ')) {
    const m = AUTH_RE.exec(header.trim());
    if (!m) throw new AwsError('InvalidArgument', 'AWS authorization header is invalid.  Expected AwsAccessKeyId:signature', 400);
    return { version: 2, accessKeyId: m[1], signature: m[2], service: 's3', region: region() };
  }
  // The query APIs' own SigV2 (EC2's `SignatureVersion=2`) shares these names but is not S3's.
  if (!header && q.has('AWSAccessKeyId') && q.has('Signature') && !q.has('SignatureVersion')) {
    const expires = q.get('Expires') ?? '';
    if (!/^\d{1,12}$/.test(expires)) throw new AwsError('AccessDenied', 'Invalid date (should be seconds since epoch): ' + expires, 403);
    return { version: 2, accessKeyId: q.get('AWSAccessKeyId')!, signature: q.get('Signature')!, service: 's3', region: region(), expires: Number(expires) };
  }
  return undefined;
}

export function verifySigV2(sig: SigV2Request, request: WireRequest, opts: Pick<VerifyOptions, 'secretOf' | 'now'>): Verdict {
  const secret = opts.secretOf(sig.accessKeyId);
  if (secret === undefined) return 'unknown-key';
  let date: string;
  if (sig.expires !== undefined) {
    if (opts.now > sig.expires * 1000) return 'expired';
    date = String(sig.expires);
  } else {
    const amzDate = request.headers['x-amz-date']?.[0];
    const sent = Date.parse(amzDate ?? request.headers.date?.[0] ?? '');
    if (Number.isNaN(sent)) throw new AwsError('AccessDenied', 'AWS authentication requires a valid Date or x-amz-date header', 403);
    if (Math.abs(opts.now - sent) > MAX_SKEW_MS) return 'too-skewed';
    // With x-amz-date, which is signed among the x-amz- headers, the Date line is empty.
    date = amzDate !== undefined ? '' : request.headers.date![0];
  }
  const expected = createHmac('sha1', secret).update(stringToSign(request, date), 'utf8').digest();
  const given = Buffer.from(sig.signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'valid' : 'mismatch';
}

/** VERB, Content-MD5, Content-Type, Date (or Expires), then CanonicalizedAmzHeaders and CanonicalizedResource. */
export function stringToSign(request: WireRequest, date: string): string {
  const h = (name: string) => request.headers[name]?.join(',') ?? '';
  return [request.method, h('content-md5'), h('content-type'), date].join('\n') + '\n' + amzHeaders(request.headers) + canonicalResource(request);
}

function amzHeaders(headers: WireRequest['headers']): string {
  return Object.keys(headers)
    .filter((name) => name.startsWith('x-amz-'))
    .sort()
    .map((name) => `${name}:${headers[name]!.map((v) => v.replace(/\s+/g, ' ').trim()).join(',')}\n`)
    .join('');
}

/** `/bucket/key` as sent (percent-encoded), the bucket taken from the host for virtual-hosted requests, then the signed subresources sorted. */
function canonicalResource(request: WireRequest): string {
  const hostBucket = address(request.headers.host?.[0], '/').bucket;
  const path = hostBucket === undefined ? request.path : `/${hostBucket}${request.path}`;
  const subresources = [...request.query]
    .filter(([name]) => SUBRESOURCES.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return subresources.length ? `${path}?${subresources.join('&')}` : path;
}
