/**
 * Filters the friendly way: `{tag: 'paws'}` (has the tag), `{'tag:Name': 'web'}`,
 * `{'instance-state-name': ['running', 'stopped']}`, the book's `{paws: null}` (has the tag
 * `paws`), or the SDK's own `[{Name, Values}]`, passed through.
 */
import { inspect } from 'node:util';
import type { Filter } from '@aws-sdk/client-ec2';
import { pawsError } from '../core/errors.js';

export type FilterValue = string | number | boolean | null | undefined | Array<string | number | boolean>;
export type Filters = Filter[] | Record<string, FilterValue>;

/** The filter that picks a resource by its id, from the id's prefix (for the hint). */
const ID_FILTERS: Record<string, string> = { i: 'instance-id', vol: 'volume-id', snap: 'snapshot-id', sg: 'group-id', eipalloc: 'allocation-id', ami: 'image-id', vpc: 'vpc-id', subnet: 'subnet-id' };

export function toFilters(filters: Filters | undefined): Filter[] | undefined {
  if (!filters) return undefined;
  if (typeof filters !== 'object') {
    // `ec2.volumes('vol-123')` would otherwise become the filters '0', '1', … of the string's characters.
    const idFilter = ID_FILTERS[String(filters).split('-')[0]] ?? 'tag:Name';
    throw pawsError('InvalidArgument', `filters are an object, not ${inspect(filters)} — e.g. {${inspect(idFilter)}: ${inspect(filters)}} or {tag: 'paws'}`);
  }
  if (Array.isArray(filters)) return filters;
  const out = Object.entries(filters).map(([name, value]): Filter => {
    if (name === 'tag') return { Name: 'tag-key', Values: [value].flat().map(String) };
    if (value === null || value === undefined) return { Name: 'tag-key', Values: [name] };
    return { Name: name, Values: [value].flat().map(String) };
  });
  return out.length ? out : undefined;
}
