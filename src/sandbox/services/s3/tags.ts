/**
 * Object tags as S3 checks them (up to 10 per object version), as a PUT, an upload or a copy sets
 * them: x-amz-tagging, x-amz-tagging-directive. Put/Get/DeleteObjectTagging: ./tagging.ts.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { withExtra } from './state.js';
import { checkAccess } from './access.js';
import { s3ContextKeys } from './context-keys.js';
import type { BucketConfig, Input, ObjectTag, ObjectVersion } from './types.js';

const MAX_TAGS = 10;
/** Letters, numbers, spaces and `_ . : / = + - @`, the characters AWS allows in tags. */
const TAG_TEXT = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

const invalidTag = (message: string) => new AwsError('InvalidTag', message, 400);

/** A tag set as S3 checks it; more than 10 is a BadRequest (from the header and the XML alike). */
export function checkTags(tags: ObjectTag[]): ObjectTag[] {
  if (tags.length > MAX_TAGS) throw new AwsError('BadRequest', `Object tags cannot be greater than ${MAX_TAGS}`, 400);
  const seen = new Set<string>();
  for (const { Key, Value } of tags) {
    // Limits count characters, not UTF-16 units.
    if ([...Key].length > 128) throw invalidTag('The TagKey you have provided is too long, max 128');
    if (!Key || !TAG_TEXT.test(Key)) throw invalidTag('The TagKey you have provided is invalid');
    if (Key.startsWith('aws:')) throw invalidTag('Your TagKey cannot be prefixed with aws:');
    if ([...Value].length > 256) throw invalidTag('The TagValue you have provided is too long, max 256');
    if (!TAG_TEXT.test(Value)) throw invalidTag('The TagValue you have provided is invalid');
    if (seen.has(Key)) throw invalidTag('Cannot provide multiple Tags with the same key');
    seen.add(Key);
  }
  return tags;
}

/** `x-amz-tagging: k1=v1&k2=v2` (URL-encoded query form); undefined when it names no tags. */
export function tagsFromHeader(header: string | undefined): ObjectTag[] | undefined {
  if (!header) return undefined;
  const malformed = () =>
    withExtra(new AwsError('InvalidArgument', "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.", 400), {
      ArgumentName: 'x-amz-tagging',
      ArgumentValue: header,
    });
  const decode = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      throw malformed();
    }
  };
  const tags: ObjectTag[] = [];
  for (const pair of header.split('&')) {
    if (!pair) continue;
    const parts = pair.split('=');
    if (parts.length > 2) throw malformed();
    tags.push({ Key: decode(parts[0]), Value: decode(parts[1] ?? '') });
  }
  if (new Set(tags.map((t) => t.Key)).size !== tags.length) throw malformed();
  return tags.length ? checkTags(tags) : undefined;
}

/** An object-level action besides the one the request was authorized for (tags sent with a PUT, a versioned tagging call). */
export function checkObjectAction(ctx: RequestContext, bucket: BucketConfig, key: string, action: string): void {
  checkAccess(ctx.sandbox, { principal: ctx.principal }, { bucket, action, resource: `arn:aws:s3:::${bucket.name}/${key}`, acl: [], context: () => s3ContextKeys(ctx.req, ctx.principal) });
}

/** The tags a PutObject or CreateMultipartUpload sends; storing them also takes s3:PutObjectTagging. */
export function requestedTags(ctx: RequestContext, bucket: BucketConfig, input: Input<'PutObject' | 'CreateMultipartUpload'>): ObjectTag[] | undefined {
  const tags = tagsFromHeader(input.Tagging);
  if (tags) checkObjectAction(ctx, bucket, input.Key, 's3:PutObjectTagging');
  return tags;
}

/** A copy's tags: the source's (x-amz-tagging-directive COPY, the default) or x-amz-tagging's (REPLACE). */
export function copiedTags(ctx: RequestContext, bucket: BucketConfig, input: Input<'CopyObject'>, source: ObjectVersion): ObjectTag[] | undefined {
  const directive = input.TaggingDirective ?? 'COPY';
  if (directive === 'COPY') return source.tags;
  if (directive === 'REPLACE') return requestedTags(ctx, bucket, input);
  throw new AwsError('InvalidArgument', 'Unknown tagging directive.', 400);
}
