/** Conditional requests (If-Match…, x-amz-copy-source-if-…), byte ranges and part reads, as S3 answers them. */
import { AwsError } from '../../core/types.js';
import type { ObjectVersion } from './types.js';
import { withExtra } from './state.js';

export interface Conditions {
  IfMatch?: string;
  IfNoneMatch?: string;
  IfModifiedSince?: Date;
  IfUnmodifiedSince?: Date;
}

function etagMatches(list: string, etag: string): boolean {
  return list.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag === etag || `"${tag}"` === etag;
  });
}

/** Whole seconds: HTTP dates carry no milliseconds. */
function seconds(d: Date | string): number {
  return Math.floor(new Date(d).getTime() / 1000);
}

/** Throws 412 PreconditionFailed or 304 NotModified when the request's conditions say so. */
export function checkConditions(c: Conditions, v: ObjectVersion, forCopy = false): void {
  const failed = (condition: string) => withExtra(new AwsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412), { Condition: condition });
  const lm = seconds(v.lastModified);
  if (c.IfMatch !== undefined && !etagMatches(c.IfMatch, v.etag)) throw failed(forCopy ? 'x-amz-copy-source-If-Match' : 'If-Match');
  if (c.IfUnmodifiedSince && c.IfMatch === undefined && lm > seconds(c.IfUnmodifiedSince)) throw failed(forCopy ? 'x-amz-copy-source-If-Unmodified-Since' : 'If-Unmodified-Since');
  const notModified = () => (forCopy ? failed('x-amz-copy-source-If-None-Match') : new AwsError('NotModified', 'Not Modified', 304, { etag: v.etag, 'last-modified': new Date(v.lastModified).toUTCString() }));
  if (c.IfNoneMatch !== undefined && etagMatches(c.IfNoneMatch, v.etag)) throw notModified();
  if (c.IfModifiedSince && c.IfNoneMatch === undefined && lm <= seconds(c.IfModifiedSince)) throw notModified();
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → inclusive [start, end]; undefined for no (or an ignorable) range. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return undefined; // S3 ignores ranges it cannot parse
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(size - Number(m[2]), 0);
    end = size - 1;
  } else {
    start = Number(m[1]);
    // A last byte before the first makes the range invalid, and HTTP says to ignore it (RFC 9110 14.1.1).
    if (m[2] !== '' && Number(m[2]) < start) return undefined;
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  if (start >= size || (m[1] === '' && Number(m[2]) === 0) || end < start) {
    throw withExtra(new AwsError('InvalidRange', 'The requested range is not satisfiable', 416), { RangeRequested: header, ActualObjectSize: String(size) });
  }
  return { start, end };
}

/**
 * `x-amz-copy-source-range`, which unlike Range must be `bytes=first-last` within the source: S3
 * refuses anything else rather than copy the whole object.
 */
export function parseCopySourceRange(header: string | undefined, size: number): { start: number; end: number } | undefined {
  if (header === undefined) return undefined;
  const m = /^bytes=(\d+)-(\d+)$/.exec(header);
  if (!m || Number(m[2]) < Number(m[1])) {
    throw withExtra(
      new AwsError('InvalidArgument', 'The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy', 400),
      { ArgumentName: 'x-amz-copy-source-range', ArgumentValue: header },
    );
  }
  const [start, end] = [Number(m[1]), Number(m[2])];
  if (end >= size) throw new AwsError('InvalidArgument', `Range specified is not valid for source object of size: ${size}`, 400);
  return { start, end };
}

/**
 * The bytes `?partNumber=N` reads: that part of a multipart object; part 1 of any other object is
 * all of it. Undefined when the part holds no byte to range over (an empty object).
 */
export function partRange(v: ObjectVersion, partNumber: number, withRange: boolean): { start: number; end: number } | undefined {
  if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > 10000) {
    throw withExtra(new AwsError('InvalidArgument', 'Part number must be an integer between 1 and 10000, inclusive', 400), { ArgumentName: 'partNumber', ArgumentValue: String(partNumber) });
  }
  if (withRange) throw new AwsError('InvalidRequest', 'Cannot specify both Range header and partNumber query parameter', 400);
  // A multipart object keeps one segment per part (./multipart.ts).
  const sizes = v.partsCount ? v.segments.map((s) => s.size) : [v.size];
  if (partNumber > sizes.length) {
    throw withExtra(new AwsError('InvalidPartNumber', 'The requested partnumber is not satisfiable', 416), { PartNumberRequested: String(partNumber), ActualPartCount: String(sizes.length) });
  }
  const start = sizes.slice(0, partNumber - 1).reduce((sum, size) => sum + size, 0);
  const size = sizes[partNumber - 1];
  return size ? { start, end: start + size - 1 } : undefined;
}
