/**
 * Filters the friendly way: `{tag: 'paws'}` (has the tag), `{'tag:Name': 'web'}`,
 * `{'instance-state-name': ['running', 'stopped']}`, the book's `{paws: null}` (has the tag
 * `paws`), or the SDK's own `[{Name, Values}]`, passed through.
 */
import type { Filter } from '@aws-sdk/client-ec2';

export type FilterValue = string | number | boolean | null | undefined | Array<string | number | boolean>;
export type Filters = Filter[] | Record<string, FilterValue>;

export function toFilters(filters: Filters | undefined): Filter[] | undefined {
  if (!filters) return undefined;
  if (Array.isArray(filters)) return filters;
  const out = Object.entries(filters).map(([name, value]): Filter => {
    if (name === 'tag') return { Name: 'tag-key', Values: [value].flat().map(String) };
    if (value === null || value === undefined) return { Name: 'tag-key', Values: [name] };
    return { Name: name, Values: [value].flat().map(String) };
  });
  return out.length ? out : undefined;
}
