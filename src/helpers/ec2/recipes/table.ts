/** Reports the recipes print: a cli-table3 table of plain rows. */
import { createRequire } from 'node:module';

type TableCtor = typeof import('cli-table3');
let Table: TableCtor | undefined;

export function table(head: string[], rows: Array<Array<string | number | undefined>>): string {
  Table ??= createRequire(import.meta.url)('cli-table3') as TableCtor;
  const t = new Table({ head, style: { head: [], border: [], compact: true } });
  for (const row of rows) t.push(row.map((cell) => (cell === undefined ? '' : String(cell))));
  return t.toString();
}
