/**
 * CloudWatch's aggregation: datapoints (statistic sets) grouped into period buckets aligned to the
 * epoch, one datapoint per bucket and unit, with SampleCount, Sum, Minimum, Maximum and Average,
 * and the raw values the extended statistics (./percentiles.ts) need.
 */
import { firstAtOrAfter } from './datapoints.js';
import { computeExtended, extendedStatistic, type Values } from './percentiles.js';
import type { MetricRecord, Point } from './types.js';

export const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'] as const;
export type Statistic = (typeof STATISTICS)[number];

export interface Bucket {
  /** Start of the period, epoch ms. */
  start: number;
  unit: string;
  SampleCount: number;
  Sum: number;
  Minimum: number;
  Maximum: number;
  Average: number;
  /** The raw values as `[value, count]`; null once a statistic set that is not one repeated value joined. */
  values: Values | null;
}

/** Whether CloudWatch knows the statistic (a standard one, or an extended one like p99 or TM(10%:90%)). */
export function isStatistic(name: string): boolean {
  return STATISTICS.includes(name as Statistic) || extendedStatistic(name) !== undefined;
}

/** A statistic of a bucket, standard or extended; undefined where CloudWatch gives none. */
export function statisticOf(b: Bucket, name: string): number | undefined {
  if (STATISTICS.includes(name as Statistic)) return b[name as Statistic];
  return computeExtended(name, b.values);
}

/** A point's raw values, or null when it is a statistic set of several values. */
function rawValues([, n, sum, min, max]: Point): [number, number] | null {
  return min === max && sum === min * n ? [min, n] : null;
}

/** The buckets of `metric` with data in [start, end), oldest first; `unit` keeps only that unit. */
export function aggregate(metric: MetricRecord | undefined, start: number, end: number, periodSeconds: number, unit?: string): Bucket[] {
  const period = periodSeconds * 1000;
  const from = Math.floor(start / period) * period;
  const buckets = new Map<string, Bucket>();
  const points = metric?.points ?? [];
  // Points are in time order: start at the first in range, stop at the end.
  for (let i = firstAtOrAfter(points, from); i < points.length && points[i][0] < end; i++) {
    const [t, n, sum, min, max, u] = points[i];
    if (unit && u !== unit) continue;
    const bucketStart = Math.floor(t / period) * period;
    const key = `${bucketStart} ${u}`;
    const b = buckets.get(key);
    const raw = rawValues(points[i]);
    if (!b) buckets.set(key, { start: bucketStart, unit: u, SampleCount: n, Sum: sum, Minimum: min, Maximum: max, Average: 0, values: raw && [raw] });
    else {
      b.SampleCount += n;
      b.Sum += sum;
      b.Minimum = Math.min(b.Minimum, min);
      b.Maximum = Math.max(b.Maximum, max);
      if (b.values && raw) b.values.push(raw);
      else b.values = null;
    }
  }
  const out = [...buckets.values()].sort((a, b) => a.start - b.start);
  for (const b of out) {
    b.Average = b.Sum / b.SampleCount;
    b.values?.sort((x, y) => x[0] - y[0]);
  }
  return out;
}

/** A point from one value, or from a statistic set. */
export function point(t: number, unit: string, value: number, count = 1): Point {
  return [t, count, value * count, value, value, unit];
}
