/**
 * DescribeX filters as EC2 applies them: names AND-ed, values OR-ed, `*` and `?` wildcards, and
 * the tag filters (`tag:Name`, `tag-key`, `tag-value`) every taggable resource shares. An unknown
 * filter name is an error, as on AWS.
 */
import { AwsError } from '../../core/types.js';

export interface Filter {
  Name?: string;
  Values?: string[];
}

/** Each filter name → the value(s) of a resource it is compared with. */
export type FilterFields<T> = Record<string, (r: T) => string | number | boolean | undefined | Array<string | number | boolean | undefined>>;

function wildcard(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 's');
}

function anyMatches(values: string[], actual: Array<string | number | boolean | undefined>): boolean {
  const present = actual.filter((a) => a !== undefined).map(String);
  return values.some((v) => {
    const re = wildcard(v);
    return present.some((a) => re.test(a));
  });
}

export function applyFilters<T extends { tags: Record<string, string> }>(items: T[], filters: Filter[] | undefined, fields: FilterFields<T>): T[] {
  const checks = (filters ?? []).map((f) => {
    const name = f.Name ?? '';
    const values = f.Values ?? [];
    if (name.startsWith('tag:')) {
      const key = name.slice(4);
      return (r: T) => key in r.tags && anyMatches(values, [r.tags[key]]);
    }
    if (name === 'tag-key') return (r: T) => anyMatches(values, Object.keys(r.tags));
    if (name === 'tag-value') return (r: T) => anyMatches(values, Object.values(r.tags));
    const field = fields[name];
    if (!field) throw new AwsError('InvalidParameterValue', `The filter '${name}' is invalid`);
    return (r: T) => anyMatches(values, [field(r)].flat());
  });
  return items.filter((item) => checks.every((check) => check(item)));
}

/** Tags as the SDK shapes them. */
export function tagList(tags: Record<string, string>): Array<{ Key: string; Value: string }> {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** The tags a TagSpecifications list gives a resource type at creation. */
export function specTags(specs: Array<{ ResourceType?: string; Tags?: Array<{ Key?: string; Value?: string }> }> | undefined, type: string): Record<string, string> {
  const tags: Record<string, string> = Object.create(null); // a tag key may be `__proto__`
  for (const spec of specs ?? []) {
    if (spec.ResourceType !== type) continue;
    for (const t of spec.Tags ?? []) if (t.Key) tags[t.Key] = t.Value ?? '';
  }
  return tags;
}

/**
 * MaxResults/NextToken paging. The token is opaque to clients; here it is the offset, encoded.
 * `min` is EC2's lower bound for MaxResults (5 for most Describe calls).
 */
export function paginate<T>(items: T[], maxResults: number | undefined, nextToken: string | undefined, min = 5, max = 1000): { page: T[]; nextToken?: string } {
  let start = 0;
  if (nextToken) {
    const decoded = /^\d+$/.test(Buffer.from(nextToken, 'base64url').toString()) ? Number(Buffer.from(nextToken, 'base64url').toString()) : NaN;
    if (Number.isNaN(decoded)) throw new AwsError('InvalidParameterValue', `Invalid value '${nextToken}' for NextToken.`);
    start = decoded;
  }
  if (maxResults === undefined) return { page: items.slice(start) };
  if (maxResults < min || maxResults > max) {
    throw new AwsError('InvalidParameterValue', `Value ( ${maxResults} ) for parameter maxResults is invalid. Expecting a value ${maxResults < min ? `greater than ${min}` : `less than ${max}`}.`);
  }
  const end = start + maxResults;
  return { page: items.slice(start, end), nextToken: end < items.length ? Buffer.from(String(end)).toString('base64url') : undefined };
}
