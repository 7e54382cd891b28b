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

/**
 * Widths (padding included) of the first `shown` columns within `width`: columns of several words
 * wrap between them, widest first; when that is not enough, the last columns are left out.
 */
function fit(headers: string[], rows: string[][], width: number): { shown: number; widths: number[] } {
  const texts = headers.map((header, c) => [header, ...rows.map((row) => row[c])]);
  const natural = texts.map((t) => Math.max(...t.map((s) => s.length)) + 2);
  const narrowest = texts.map((t) => Math.max(...t.flatMap((s) => s.split(/\s+/)).map((w) => w.length)) + 2);
  for (let shown = headers.length; ; shown--) {
    const widths = natural.slice(0, shown);
    // Borders: one between columns and one at each side.
    let over = widths.reduce((a, b) => a + b, 0) + shown + 1 - width;
    while (over > 0) {
      const widest = widths.reduce((best, w, c) => (w > narrowest[c] && (best < 0 || w > widths[best]) ? c : best), -1);
      if (widest < 0) break;
      widths[widest]--;
      over--;
    }
    if (over <= 0 || shown === 1) return { shown, widths };
  }
}

/** The table as text no wider than `width` columns (a terminal's), the caption naming any column left out. */
export function renderTable(resources: readonly Resource[], width = Infinity): string {
  Table ??= createRequire(import.meta.url)('cli-table3') as TableCtor;
  const { headers, rows, caption } = tableCells(resources);
  const { shown, widths } = fit(headers, rows, width);
  const table = new Table({ head: headers.slice(0, shown), colWidths: widths, wordWrap: true, style: { head: [], border: [], compact: true } });
  table.push(...rows.map((row) => row.slice(0, shown)));
  const left = headers.slice(shown);
  return `${table.toString()}\n${caption}${left.length ? ` (${left.join(', ')} left out to fit ${width} columns)` : ''}`;
}
