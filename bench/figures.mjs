/**
 * How every bench reports: a figure is paws's value beside its peer's from the same run, their
 * ratio and issue 18's goal. A bench prints its figures as a table; under bench/all.mjs
 * (PAWS_BENCH_FIGURES names a file) it also appends them there as JSON lines, for one table.
 */
import { appendFileSync } from 'node:fs';

/** A ratio with its goal: `higher` when bigger is better (throughput), else lower is better (time). */
export function ratioFigure(figure, paws, peer, ratio, goal, higher) {
  return { figure, paws, peer, ratio: `${ratio.toFixed(2)}×`, goal: `${higher ? '≥' : '≤'} ${goal}×`, met: higher ? ratio >= goal : ratio <= goal };
}

/** An absolute figure with its goal (peer given for context, or '—'). */
export function valueFigure(figure, paws, peer, value, goal, higher, unit) {
  return { figure, paws, peer, ratio: '', goal: `${higher ? '≥' : '≤'} ${goal.toLocaleString('en-US')} ${unit}`, met: higher ? value >= goal : value <= goal };
}

const COLUMNS = [['figure', 'figure'], ['paws', 'paws'], ['peer', 'peer'], ['ratio', 'ratio'], ['goal', 'goal'], ['met', 'met?']];

export function printTable(figures, out = console.log) {
  const rows = [COLUMNS.map(([, h]) => h), ...figures.map((f) => COLUMNS.map(([k]) => (k === 'met' ? (f.met ? 'yes' : 'NO') : String(f[k]))))];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ').trimEnd();
  out(line(rows[0]));
  out(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const r of rows.slice(1)) out(line(r));
}

/** Prints a bench's figures, and hands them to bench/all.mjs when it runs the bench. */
export function report(figures) {
  printTable(figures);
  const file = process.env.PAWS_BENCH_FIGURES;
  if (file) appendFileSync(file, figures.map((f) => `${JSON.stringify(f)}\n`).join(''));
}
