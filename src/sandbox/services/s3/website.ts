/**
 * The website endpoint: anonymous GET/HEAD on `bucket.s3-website.localhost`, answered as S3's
 * website hosting does — index documents for `/` and `dir/`, a redirect for `dir` without its
 * slash, the error document (or S3's own HTML page) for errors, and only what is public.
 */
import type { ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend } from './state.js';
import { checkAccess } from './access.js';
import { s3ContextKeys } from './context-keys.js';
import type { BucketConfig, ObjectVersion } from './types.js';
import type { BucketIndex } from './bucket-index.js';
import { escapeXml } from '../../protocols/xml.js';

const TITLES: Record<number, string> = { 403: '403 Forbidden', 404: '404 Not Found', 405: '405 Method Not Allowed' };

/** `path` is the request's decoded path without its leading slash. */
export async function serveWebsite(ctx: RequestContext, res: ServerResponse, bucketName: string, path: string): Promise<number> {
  const method = ctx.req.method ?? 'GET';
  // Every answer of the website endpoint names its request, pages and redirects as well as errors.
  res.setHeader('x-amz-request-id', ctx.requestId);
  res.setHeader('x-amz-id-2', ctx.requestId);
  const s3 = backend(ctx);
  const bucket = Object.hasOwn(s3.state.buckets, bucketName) ? s3.state.buckets[bucketName] : undefined;
  if (method !== 'GET' && method !== 'HEAD') return errorPage(ctx, res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', {});
  if (!bucket) return errorPage(ctx, res, 404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucketName });
  const site = bucket.website;
  if (!site) return errorPage(ctx, res, 404, 'NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', { BucketName: bucketName });
  if (site.RedirectAllRequestsTo?.HostName) {
    const to = site.RedirectAllRequestsTo;
    res.writeHead(301, { location: `${to.Protocol ?? 'http'}://${to.HostName}/${encodeURI(path)}` }).end();
    return 301;
  }
  const index = await s3.index(bucket.name);
  const suffix = site.IndexDocument?.Suffix ?? 'index.html';
  const key = path === '' || path.endsWith('/') ? `${path}${suffix}` : path;
  const found = readable(ctx, bucket, index, key);
  if (found === 'denied') return errorDocument(ctx, res, bucket, index, 403, 'AccessDenied', 'Access Denied', {});
  if (found) return sendObject(res, index, found, 200, method === 'HEAD');
  if (!path.endsWith('/') && path !== '' && readable(ctx, bucket, index, `${path}/${suffix}`)) {
    res.writeHead(302, { location: `/${encodeURI(path)}/` }).end();
    return 302;
  }
  return errorDocument(ctx, res, bucket, index, 404, 'NoSuchKey', 'The specified key does not exist.', { Key: key });
}

/** The object, if it exists and the public may read it. */
function readable(ctx: RequestContext, bucket: BucketConfig, index: BucketIndex, key: string): ObjectVersion | 'denied' | undefined {
  const v = index.current(key);
  try {
    checkAccess(ctx.sandbox, {}, { bucket, action: 's3:GetObject', resource: `arn:aws:s3:::${bucket.name}/${key}`, permission: 'READ', acl: v?.acl ?? [], objectOwner: v?.owner, context: () => s3ContextKeys(ctx.req, undefined) });
  } catch (err) {
    if (err instanceof AwsError) return 'denied';
    throw err;
  }
  return v;
}

async function sendObject(res: ServerResponse, index: BucketIndex, v: ObjectVersion, status: number, head: boolean): Promise<number> {
  if (v.headers.WebsiteRedirectLocation) {
    res.writeHead(301, { location: v.headers.WebsiteRedirectLocation }).end();
    return 301;
  }
  res.writeHead(status, {
    'content-type': v.headers.ContentType ?? 'binary/octet-stream',
    'content-length': String(v.size),
    etag: v.etag,
    'last-modified': new Date(v.lastModified).toUTCString(),
    ...Object.fromEntries(Object.entries(v.metadata).map(([k, val]) => [`x-amz-meta-${k}`, val])),
  });
  if (head || v.size === 0) res.end();
  else await pipeline(index.data.read(v.segments, 0, v.size - 1), res);
  return status;
}

async function errorDocument(ctx: RequestContext, res: ServerResponse, bucket: BucketConfig, index: BucketIndex, status: number, code: string, message: string, extra: Record<string, string>): Promise<number> {
  const errorKey = bucket.website?.ErrorDocument?.Key;
  const doc = errorKey ? readable(ctx, bucket, index, errorKey) : undefined;
  if (doc && doc !== 'denied') return sendObject(res, index, doc, status, ctx.req.method === 'HEAD');
  return errorPage(ctx, res, status, code, message, extra);
}

function errorPage(ctx: RequestContext, res: ServerResponse, status: number, code: string, message: string, extra: Record<string, string>): number {
  const items = [['Code', code], ['Message', message], ...Object.entries(extra), ['RequestId', ctx.requestId], ['HostId', ctx.requestId]]
    .map(([k, v]) => `<li>${k}: ${escapeXml(v)}</li>`)
    .join('\n');
  const title = TITLES[status] ?? String(status);
  const body = `<html>\n<head><title>${title}</title></head>\n<body>\n<h1>${title}</h1>\n<ul>\n${items}\n</ul>\n<hr/>\n</body>\n</html>\n`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
  return status;
}
