/**
 * Tags on users, roles, customer managed policies and instance profiles, checked as IAM checks
 * them: at most 50 per resource, keys of 1–128 and values of 0–256 characters from IAM's
 * alphabet, keys unique regardless of case, none starting with `aws:`.
 */
import type { Tag } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext } from '../../core/types.js';
import { iamState, paged } from './state.js';
import type { IamState } from './types.js';

const MAX_TAGS = 50;
const KEY = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u;
const VALUE = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u;

function invalid(value: string, member: string, pattern: string): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${pattern}`);
}

/** Tags as CreateUser, TagRole… give them, checked, as a record; `existing` counts toward the limit. */
export function checkTags(tags: Tag[] | undefined, existing: Record<string, string> = {}): Record<string, string> {
  const merged: Record<string, string> = { ...existing };
  const seen = new Set<string>();
  (tags ?? []).forEach((t, i) => {
    const key = t.Key ?? '';
    const value = t.Value ?? '';
    if (!KEY.test(key)) throw invalid(key, `tags.${i + 1}.member.key`, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+');
    if (!VALUE.test(value)) throw invalid(value, `tags.${i + 1}.member.value`, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*');
    if (key.toLowerCase().startsWith('aws:')) throw new AwsError('InvalidInput', "User-defined tag keys can't start with 'aws:'. This prefix is reserved for AWS tags.");
    if (seen.has(key.toLowerCase())) throw new AwsError('InvalidInput', 'Duplicate tag keys found. Please note that Tag keys are case insensitive.');
    seen.add(key.toLowerCase());
    // A key that differs only in case replaces the one there.
    for (const k of Object.keys(merged)) if (k.toLowerCase() === key.toLowerCase()) delete merged[k];
    merged[key] = value;
  });
  if (Object.keys(merged).length > MAX_TAGS) throw new AwsError('LimitExceeded', 'The number of tags has reached the maximum limit.', 409);
  return merged;
}

export function tagList(tags: Record<string, string> | undefined): Tag[] | undefined {
  const list = Object.entries(tags ?? {}).map(([Key, Value]) => ({ Key, Value }));
  return list.length ? list : undefined;
}

/** Tag/Untag/List…Tags for one kind of resource, found from the operation's input. */
export function tagging<I extends object>(find: (state: IamState, input: I) => { tags?: Record<string, string> }) {
  return {
    tag(input: I & { Tags?: Tag[] }, ctx: RequestContext): Record<string, never> {
      const resource = find(iamState(ctx), input);
      resource.tags = checkTags(input.Tags, resource.tags);
      return {};
    },
    untag(input: I & { TagKeys?: string[] }, ctx: RequestContext): Record<string, never> {
      const resource = find(iamState(ctx), input);
      const drop = new Set((input.TagKeys ?? []).map((k) => k.toLowerCase()));
      resource.tags = Object.fromEntries(Object.entries(resource.tags ?? {}).filter(([k]) => !drop.has(k.toLowerCase())));
      return {};
    },
    list(input: I & { Marker?: string; MaxItems?: number }, ctx: RequestContext) {
      return paged(tagList(find(iamState(ctx), input).tags) ?? [], input, 'Tags');
    },
  };
}
