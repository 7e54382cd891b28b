/**
 * CloudWatch's extended statistics (p99, tm90, TM(10%:90%), wm, tc, ts, PR, IQM) over a period's raw
 * values. CloudWatch needs raw values for these: a statistic set counts only when it is one value
 * repeated (Minimum = Maximum, Sum = Minimum × SampleCount — what Values/Counts and single values
 * store), and no statistic is given for a period holding a negative value, as on AWS.
 */

/** A period's raw values: `[value, count]`, sorted by value. */
export type Values = Array<[number, number]>;

type Compute = (values: Values, total: number) => number | undefined;

/** A range bound: a percentage of the values, or a value itself. */
interface Bound {
  percent: boolean;
  x: number;
}

const NUMBER = String.raw`\d+(?:\.\d+)?`;
const SHORT = new RegExp(`^(p|tm|wm|tc|ts)(${NUMBER})$`);
const RANGE = new RegExp(`^(TM|WM|TC|TS|PR)\\((?:(${NUMBER})(%?))?:(?:(${NUMBER})(%?))?\\)$`);

/** The value at rank `i` (0-based) of the values laid out one by one. */
function at(values: Values, i: number): number {
  let seen = 0;
  for (const [v, n] of values) {
    seen += n;
    if (i < seen) return v;
  }
  return values[values.length - 1][0];
}

/** Nearest-rank percentile: p100 is the maximum, p0 the minimum. */
function percentile(values: Values, total: number, p: number): number {
  return at(values, Math.max(0, Math.ceil((p / 100) * total) - 1));
}

/** The values whose rank or value lies in the range (low exclusive, high inclusive), as `[value, count]`. */
function within(values: Values, total: number, low: Bound | undefined, high: Bound | undefined): Values {
  const from = low ? (low.percent ? Math.floor((low.x / 100) * total) : undefined) : 0;
  const to = high ? (high.percent ? Math.ceil((high.x / 100) * total) : undefined) : total;
  const out: Values = [];
  let rank = 0;
  for (const [v, n] of values) {
    const [first, last] = [rank, rank + n];
    rank = last;
    if (low && !low.percent && !(v > low.x)) continue;
    if (high && !high.percent && !(v <= high.x)) continue;
    const kept = Math.min(last, to ?? last) - Math.max(first, from ?? first);
    if (kept > 0) out.push([v, kept]);
  }
  return out;
}

function sum(values: Values): number {
  return values.reduce((s, [v, n]) => s + v * n, 0);
}
function count(values: Values): number {
  return values.reduce((s, [, n]) => s + n, 0);
}

function ranged(kind: string, low?: Bound, high?: Bound): Compute {
  return (values, total) => {
    const kept = within(values, total, low, high);
    const n = count(kept);
    switch (kind) {
      case 'TC':
        return n;
      case 'TS':
        return sum(kept);
      case 'PR':
        return (100 * n) / total;
      case 'TM':
        return n ? sum(kept) / n : undefined;
      default: {
        // Winsorized mean: values outside the range are clamped to its ends, not dropped.
        if (!n) return undefined;
        const [lo, hi] = [kept[0][0], kept[kept.length - 1][0]];
        return values.reduce((s, [v, c]) => s + Math.min(hi, Math.max(lo, v)) * c, 0) / total;
      }
    }
  };
}

function bound(x: string | undefined, percent: string | undefined): Bound | undefined {
  return x === undefined ? undefined : { x: Number(x), percent: percent === '%' };
}

/** How to compute an extended statistic, or undefined if `name` is none. */
export function extendedStatistic(name: string): Compute | undefined {
  if (name === 'IQM') return ranged('TM', { x: 25, percent: true }, { x: 75, percent: true });
  const short = SHORT.exec(name);
  if (short) {
    const x = Number(short[2]);
    if (x > 100) return undefined;
    if (short[1] === 'p') return (values, total) => percentile(values, total, x);
    return ranged(short[1].toUpperCase(), undefined, { x, percent: true });
  }
  const range = RANGE.exec(name);
  if (!range) return undefined;
  const [, kind, lo, loPercent, hi, hiPercent] = range;
  const [low, high] = [bound(lo, loPercent), bound(hi, hiPercent)];
  if (!low && !high) return undefined;
  if (kind === 'PR' && (low?.percent || high?.percent)) return undefined;
  if ([low, high].some((b) => b?.percent && b.x > 100)) return undefined;
  return ranged(kind, low, high);
}

/** The percentile an alarm's statistic asks for (p99 → 99), for its low-sample-count rule. */
export function percentileOf(name: string): number | undefined {
  const m = /^p(\d+(?:\.\d+)?)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}

/** An extended statistic of a period's values; undefined where CloudWatch gives none. */
export function computeExtended(name: string, values: Values | null): number | undefined {
  if (!values?.length || values[0][0] < 0) return undefined;
  const total = count(values);
  return extendedStatistic(name)?.(values, total);
}
