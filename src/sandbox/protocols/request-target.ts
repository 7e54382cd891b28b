/**
 * The path and query of a request exactly as the client sent them. WHATWG URL parsing would resolve
 * `.` and `..` segments (and `%2e`), but S3 keys may hold them (`a/../b` is a legal key) and S3
 * signs the path as sent, so the raw request target is the only faithful source.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/types.js';

export interface RequestTarget {
  /** The raw path, still percent-encoded, always starting with `/`. */
  path: string;
  query: URLSearchParams;
}

export function requestTarget(raw: string | undefined): RequestTarget {
  // An absolute-form target (`http://host/path`, as sent to a proxy) names the same path.
  const target = (raw ?? '/').replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '');
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return { path: path.startsWith('/') ? path : `/${path}`, query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

const targets = new WeakMap<IncomingMessage, RequestTarget>();

/** A request's target, read once: the server routes by it and S3 reads it again. */
export function targetOf(req: IncomingMessage): RequestTarget {
  let target = targets.get(req);
  if (!target) targets.set(req, (target = requestTarget(req.url)));
  return target;
}

/** `decodeURIComponent`, with a malformed escape (`%zz`, half a UTF-8 sequence) answered as `invalid()`. */
export function decodeComponent(s: string, invalid: () => AwsError): string {
  try {
    return decodeURIComponent(s);
  } catch {
    throw invalid();
  }
}

/**
 * An answer sent before the request's body was read (EntityTooLarge, a refused upload) closes the
 * connection, as S3 does, rather than reading the rest only to drop it. Every error writer calls it.
 */
export function closeIfBodyUnread(res: ServerResponse): void {
  const req = res.req;
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && !req.complete) res.setHeader('connection', 'close');
}
