/**
 * Tables for long lists of resources, with the columns the resource class declares.
 * cli-table3 is loaded on first use (it is only needed once a list gets long).
 */
import { createRequire } from 'node:module';
import type { Resource } from './resource.js';
import { formatCell } from './values.js';

type TableCtor = typeof import('cli-table3');
let Table: TableCtor | undefined;

export function renderTable(resources: readonly Resource[]): string {
  Table ??= createRequire(import.meta.url)('cli-table3') as TableCtor;
  const { columns, kind } = resources[0].constructor as typeof Resource;
  const cols = columns.length > 0 ? columns : [{ header: kind, value: (r: Resource) => r.id }];
  const table = new Table({ head: cols.map((c) => c.header), style: { head: [], border: [], compact: true } });
  for (const r of resources) table.push(cols.map((c) => formatCell(c.value(r))));
  return `${table.toString()}\n${resources.length} × ${kind}`;
}
