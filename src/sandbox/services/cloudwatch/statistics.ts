/**
 * CloudWatch's aggregation: datapoints (statistic sets) grouped into period buckets aligned to the
 * epoch, one datapoint per bucket and unit, with SampleCount, Sum, Minimum, Maximum and Average.
 */
import { firstAtOrAfter } from './datapoints.js';
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
    if (!b) buckets.set(key, { start: bucketStart, unit: u, SampleCount: n, Sum: sum, Minimum: min, Maximum: max, Average: 0 });
    else {
      b.SampleCount += n;
      b.Sum += sum;
      b.Minimum = Math.min(b.Minimum, min);
      b.Maximum = Math.max(b.Maximum, max);
    }
  }
  const out = [...buckets.values()].sort((a, b) => a.start - b.start);
  for (const b of out) b.Average = b.Sum / b.SampleCount;
  return out;
}

/** A point from one value, or from a statistic set. */
export function point(t: number, unit: string, value: number, count = 1): Point {
  return [t, count, value * count, value, value, unit];
}
