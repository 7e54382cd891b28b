/**
 * Which bucket and key a request names: path-style (`/bucket/key`), virtual-hosted-style
 * (`bucket.localhost:4566/key`), or the website endpoint (`bucket.s3-website.localhost:4566/path`),
 * which AWS serves on a host of its own.
 */
export interface Address {
  bucket?: string;
  /** Undefined for service and bucket requests; a non-empty key otherwise. */
  key?: string;
  website: boolean;
}

import { AwsError } from '../../core/types.js';
import { decodeComponent } from '../../protocols/request-target.js';

const WEBSITE_HOST = /^(.+)\.s3-website(?:[.-][a-z0-9-]+)?\.localhost$/;
const VIRTUAL_HOST = /^(.+?)(?:\.s3(?:[.-][a-z0-9-]+)?)?\.localhost$/;

/** `rawPath` is the request's path as sent (./protocols/request-target.ts): keys keep their `.` and `..` segments. */
export function address(host: string | undefined, rawPath: string): Address {
  const hostname = (host ?? '').replace(/:\d+$/, '').toLowerCase();
  const path = rawPath.slice(1);
  const website = WEBSITE_HOST.exec(hostname);
  if (website) return { bucket: website[1], key: path ? decode(path) : undefined, website: true };
  const virtual = VIRTUAL_HOST.exec(hostname);
  if (virtual && virtual[1] !== 's3') return { bucket: virtual[1], key: path ? decode(path) : undefined, website: false };
  if (!path) return { website: false };
  const slash = path.indexOf('/');
  if (slash < 0) return { bucket: decode(path), website: false };
  const key = decode(path.slice(slash + 1));
  return { bucket: decode(path.slice(0, slash)), key: key || undefined, website: false };
}

function decode(s: string): string {
  return decodeComponent(s, () => new AwsError('InvalidURI', "Couldn't parse the specified URI.", 400));
}

/** The website endpoint of a bucket on a sandbox whose API endpoint is `endpoint`. */
export function websiteEndpoint(bucket: string, endpoint: string): string {
  const { port } = new URL(endpoint);
  return `http://${bucket}.s3-website.localhost${port ? `:${port}` : ''}/`;
}
