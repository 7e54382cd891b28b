/**
 * What a metric query returns: the datapoints, oldest first, as the SDK gives them
 * (`{Timestamp, Average, Unit}`; a metric math expression's as `{Timestamp, Value}`), in an array
 * that prints as a small terminal chart — people would rather look than read — with `.table()`
 * for the numbers.
 */
import { createRequire } from 'node:module';
import { inspect } from 'node:util';
import type { Datapoint } from '@aws-sdk/client-cloudwatch';
import { formatDate } from '../core/values.js';

type Plot = (series: number[], config?: { height?: number; format?: (x: number) => string }) => string;
let plot: Plot | undefined;

const STATISTICS = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'] as const;
type StandardStatistic = (typeof STATISTICS)[number];

/** Whether CloudWatch answers the statistic in `Datapoint.ExtendedStatistics` (p99, tm90, …) rather than a member of its own. */
export function isExtended(statistic: string): boolean {
  return !STATISTICS.includes(statistic as StandardStatistic);
}

/** A datapoint of statistics, or of a metric math expression, whose datapoints have a `Value`. */
export type Point = Datapoint & { Value?: number };

/** What a metric math expression's datapoints carry in place of a statistic. */
export const MATH_VALUE = 'Value';

/** A datapoint's value of a statistic, standard or extended (or of an expression). */
export function valueOf(p: Point, statistic: string): number | undefined {
  if (statistic === MATH_VALUE) return p.Value;
  return isExtended(statistic) ? p.ExtendedStatistics?.[statistic] : p[statistic as StandardStatistic];
}
/** Columns a chart may use; resampled to fit. */
const CHART_WIDTH = 60;

function short(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(Math.abs(value) >= 100 ? 1 : 2);
}

export class Datapoints extends Array<Point> {
  /** `map`, `filter`… give plain arrays. */
  static override get [Symbol.species]() {
    return Array;
  }

  /** What was asked, for the chart's title: `CPUUtilization`, the statistics, the period. */
  declare readonly label: string;
  declare readonly statistics: string[];
  declare readonly period: number;

  static create(label: string, statistics: string[], period: number, points: Point[]): Datapoints {
    const d = new Datapoints();
    d.push(...[...points].sort((a, b) => (a.Timestamp?.getTime() ?? 0) - (b.Timestamp?.getTime() ?? 0)));
    for (const [k, v] of Object.entries({ label, statistics, period })) Object.defineProperty(d, k, { value: v, enumerable: false });
    return d;
  }

  /** The statistic the chart shows: the first one asked for that the datapoints carry. */
  get charted(): string | undefined {
    return [...this.statistics, ...STATISTICS].find((s) => this.some((p) => typeof valueOf(p, s) === 'number'));
  }

  /** The numbers, one row per datapoint. */
  table(): string {
    const stats = [...STATISTICS, ...this.statistics.filter(isExtended)].filter((s) => this.some((p) => typeof valueOf(p, s) === 'number'));
    const cell = (p: Point, s: string) => {
      const v = valueOf(p, s);
      return v === undefined ? '' : short(v);
    };
    const rows = [['Timestamp', ...stats, 'Unit'], ...this.map((p) => [formatDate(p.Timestamp!), ...stats.map((s) => cell(p, s)), p.Unit ?? ''])];
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((c, i) => (i === 0 || i === r.length - 1 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ').trimEnd()).join('\n');
  }

  /** The chart (one statistic over time), resampled to at most 60 columns. */
  chart(height = 8): string {
    const stat = this.charted;
    if (!stat || this.length < 2) return this.table();
    const values = this.map((p) => valueOf(p, stat)!);
    const step = Math.max(1, values.length / CHART_WIDTH);
    const series: number[] = [];
    for (let i = 0; i < values.length; i += step) {
      const slice = values.slice(Math.floor(i), Math.max(Math.floor(i) + 1, Math.floor(i + step)));
      series.push(Math.max(...slice));
    }
    plot ??= (createRequire(import.meta.url)('asciichart') as { plot: Plot }).plot;
    // Axis labels of one width: whole numbers when the steps between rows are whole.
    const [min, max] = [Math.min(...series), Math.max(...series)];
    const decimals = values.every(Number.isInteger) && (max - min) / height >= 1 ? 0 : 2;
    const width = Math.max(min.toFixed(decimals).length, max.toFixed(decimals).length);
    return plot(series, { height, format: (x) => x.toFixed(decimals).padStart(width + 1) });
  }

  /** Its title, then the chart; the time span on a line of its own when the title would pass `breakLength` (the screen's width at the prompt). */
  [inspect.custom](_depth: number, options: { breakLength?: number }): string {
    if (this.length === 0) return `Datapoints: none for ${this.label} (${this.statistics.join(', ')}, ${this.period}s)`;
    const stat = this.charted;
    const first = formatDate(this[0].Timestamp!);
    const last = formatDate(this[this.length - 1].Timestamp!);
    // `2026-12-07 16:38:00 UTC → 16:57:00 UTC` within a day.
    const span = `${first} → ${last.slice(0, 11) === first.slice(0, 11) ? last.slice(11) : last}`;
    const values = stat ? this.map((p) => valueOf(p, stat)!) : [];
    const head = `${this.label} ${stat ?? ''} (${this[0].Unit ?? 'None'}) — ${this.length} datapoint${this.length > 1 ? 's' : ''} of ${this.period}s`;
    const title = `${head}, ${span}`.length <= (options.breakLength ?? 80) ? `${head}, ${span}` : `${head}\n${span}`;
    const range = values.length ? `min ${short(Math.min(...values))}  max ${short(Math.max(...values))}  ·  .table() for the numbers` : '';
    return `${title}\n${this.chart()}\n${range}`;
  }
}
