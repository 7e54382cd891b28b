/**
 * CORS as S3 applies it: the bucket's rules (Put/Get/DeleteBucketCors), preflight OPTIONS requests
 * answered from them (unsigned, as browsers send them), and the Access-Control-* headers on an
 * actual request that carries an Origin. The first rule matching origin, method and headers wins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CORSRule } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import type { BucketConfig, Input, Output } from './types.js';

const METHODS = new Set(['GET', 'PUT', 'HEAD', 'POST', 'DELETE']);
const MAX_RULES = 100;
const VARY = 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method';

const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

export function putBucketCors(input: Input<'PutBucketCors'>, ctx: RequestContext): Output<'PutBucketCors'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const rules: CORSRule[] = input.CORSConfiguration?.CORSRules ?? [];
  if (rules.length === 0 || rules.length > MAX_RULES) throw malformedXml();
  for (const rule of rules) {
    if (!rule.AllowedMethods?.length || !rule.AllowedOrigins?.length) throw malformedXml();
    for (const method of rule.AllowedMethods) {
      if (!METHODS.has(method)) throw new AwsError('InvalidRequest', `Found unsupported HTTP method in CORS config. Unsupported method is ${method}`, 400);
    }
    for (const origin of rule.AllowedOrigins) {
      if (origin.split('*').length > 2) throw new AwsError('InvalidRequest', `AllowedOrigin "${origin}" can not have more than one wildcard.`, 400);
    }
    for (const header of rule.AllowedHeaders ?? []) {
      if (header.split('*').length > 2) throw new AwsError('InvalidRequest', `AllowedHeader "${header}" can not have more than one wildcard.`, 400);
    }
  }
  bucket.cors = rules;
  s3.saveBuckets();
  return {};
}

export function getBucketCors(input: Input<'GetBucketCors'>, ctx: RequestContext): Output<'GetBucketCors'> {
  const bucket = backend(ctx).bucket(input.Bucket);
  if (!bucket.cors) throw withExtra(new AwsError('NoSuchCORSConfiguration', 'The CORS configuration does not exist', 404), { BucketName: bucket.name });
  return { CORSRules: bucket.cors };
}

export function deleteBucketCors(input: Input<'DeleteBucketCors'>, ctx: RequestContext): Output<'DeleteBucketCors'> {
  const s3 = backend(ctx);
  s3.bucket(input.Bucket).cors = undefined;
  s3.saveBuckets();
  return {};
}

/** `*` as S3's single wildcard (any run of characters); the rest literal. */
function wildcard(pattern: string, value: string, ignoreCase = false): boolean {
  const [head, tail] = ignoreCase ? [pattern.toLowerCase(), value.toLowerCase()] : [pattern, value];
  const star = head.indexOf('*');
  if (star < 0) return head === tail;
  const before = head.slice(0, star);
  const after = head.slice(star + 1);
  return tail.length >= before.length + after.length && tail.startsWith(before) && tail.endsWith(after);
}

function matchingRule(bucket: BucketConfig, origin: string, method: string, headers: string[]): CORSRule | undefined {
  return bucket.cors?.find(
    (r) =>
      r.AllowedOrigins!.some((o) => wildcard(o, origin)) &&
      r.AllowedMethods!.includes(method) &&
      headers.every((h) => (r.AllowedHeaders ?? []).some((a) => wildcard(a, h, true))),
  );
}

/** The Access-Control-* headers a matching rule gives. */
function allowHeaders(rule: CORSRule, origin: string): Record<string, string> {
  const any = rule.AllowedOrigins!.includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': any ? '*' : origin,
    'access-control-allow-methods': rule.AllowedMethods!.join(', '),
    vary: VARY,
  };
  if (!any) headers['access-control-allow-credentials'] = 'true';
  if (rule.ExposeHeaders?.length) headers['access-control-expose-headers'] = rule.ExposeHeaders.join(', ');
  if (rule.MaxAgeSeconds !== undefined) headers['access-control-max-age'] = String(rule.MaxAgeSeconds);
  return headers;
}

/** Answers a preflight OPTIONS on a bucket or an object: 200 with the rule's headers, or S3's 400/403. */
export function preflight(bucket: BucketConfig, req: IncomingMessage, res: ServerResponse, requestId: string, onObject: boolean): number {
  const origin = req.headers.origin;
  const method = req.headers['access-control-request-method'];
  if (!origin) throw new AwsError('BadRequest', 'Insufficient information. Origin request header needed.', 400);
  if (!method || typeof method !== 'string' || !METHODS.has(method)) throw new AwsError('BadRequest', `Invalid Access-Control-Request-Method: ${method ?? 'null'}`, 400);
  if (!bucket.cors) throw new AwsError('AccessForbidden', 'CORSResponse: CORS is not enabled for this bucket.', 403);
  const requested = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const rule = matchingRule(bucket, origin, method, requested);
  if (!rule) {
    throw withExtra(
      new AwsError(
        'AccessForbidden',
        "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        403,
      ),
      { Method: method, ResourceType: onObject ? 'OBJECT' : 'BUCKET' },
    );
  }
  const headers = allowHeaders(rule, origin);
  if (requested.length) headers['access-control-allow-headers'] = requested.join(', ');
  res.writeHead(200, { 'x-amz-request-id': requestId, 'x-amz-id-2': requestId, 'content-length': '0', ...headers }).end();
  return 200;
}

/** On an actual request from a browser (one with an Origin), the headers of the rule that allows it. */
export function addCorsHeaders(bucket: BucketConfig, req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (!origin || !bucket.cors) return;
  const rule = matchingRule(bucket, origin, req.method ?? 'GET', []);
  if (rule) for (const [name, value] of Object.entries(allowHeaders(rule, origin))) res.setHeader(name, value);
}
