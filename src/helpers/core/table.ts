/**
 * Tables for long lists of resources, with the columns the resource class declares: as text at
 * the prompt, and as cells for other renderings (the Jupyter kernel's HTML).
 * cli-table3 is loaded on first use (it is only needed once a list gets long).
 */
import { createRequire } from 'node:module';
import type { Resource } from './resource.js';
import { formatCell } from './values.js';

type TableCtor = typeof import('cli-table3');
let Table: TableCtor | undefined;

export interface TableCells {
  headers: string[];
  rows: string[][];
  /** `12 × Instance` */
  caption: string;
}

/** The headers and formatted cells of a list of resources of one kind. */
export function tableCells(resources: readonly Resource[]): TableCells {
  const { columns, kind } = resources[0].constructor as typeof Resource;
  const cols = columns.length > 0 ? columns : [{ header: kind, value: (r: Resource) => r.id }];
  return { headers: cols.map((c) => c.header), rows: resources.map((r) => cols.map((c) => formatCell(c.value(r)))), caption: `${resources.length} × ${kind}` };
}

export function renderTable(resources: readonly Resource[]): string {
  Table ??= createRequire(import.meta.url)('cli-table3') as TableCtor;
  const { headers, rows, caption } = tableCells(resources);
  const table = new Table({ head: headers, style: { head: [], border: [], compact: true } });
  table.push(...rows);
  return `${table.toString()}\n${caption}`;
}
