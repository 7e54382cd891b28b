/**
 * Metric math at the prompt: `await cw.math('errors / requests * 100', {errors, requests}, start, end)`
 * asks CloudWatch (GetMetricData) for the expression over the named metrics and charts its values
 * as a metric query's datapoints are charted.
 */
import { paginateGetMetricData, type CloudWatch, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { expectArguments } from '../core/arguments.js';
import { pawsError } from '../core/errors.js';
import { Datapoints, MATH_VALUE } from './datapoints.js';
import { toDate } from './dimensions.js';
import type { Metric } from './metric.js';

export interface MathOptions {
  /** The statistic each metric is read at. @default 'Average' */
  statistic?: string;
  /** Seconds. @default 60 */
  period?: number;
}

/** The expression's id in the request: one no metric is likely to be named. */
const RESULT = 'paws_result';

export async function metricMath(cw: CloudWatch, expression: string, metrics: Record<string, Metric>, start: Date | string | number, end: Date | string | number, options: MathOptions = {}): Promise<Datapoints> {
  expectArguments('cw.math(expression, {id: metric, …}, start, end)', { expression: [expression, 'string'] });
  if (typeof metrics !== 'object' || metrics === null) throw pawsError('InvalidArgument', "cw.math(expression, {id: metric, …}, start, end): name the expression's metrics, e.g. {m1: cw.metric('AWS/EC2', 'CPUUtilization', {InstanceId: 'i-…'})}");
  const { statistic = 'Average', period = 60 } = options;
  const queries = Object.entries(metrics).map(([Id, m]) => ({ Id, ReturnData: false, MetricStat: { Metric: m.data, Period: period, Stat: statistic } }));
  const results: MetricDataResult[] = [];
  let series: number | undefined;
  const input = { StartTime: toDate(start), EndTime: toDate(end), ScanBy: 'TimestampAscending' as const, MetricDataQueries: [...queries, { Id: RESULT, Expression: expression, Label: expression }] };
  for await (const page of paginateGetMetricData({ client: cw }, input)) {
    // The first page has a result for every time series; later ones continue them.
    series ??= page.MetricDataResults?.length ?? 0;
    results.push(...(page.MetricDataResults ?? []));
  }
  if (series! > 1) throw pawsError('InvalidArgument', `${expression} gives ${series} time series; chart one at a time, e.g. SUM(${expression})`);
  const points = results.flatMap((r) => (r.Timestamps ?? []).map((Timestamp, i) => ({ Timestamp, Value: r.Values![i] })));
  return Datapoints.create(expression, [MATH_VALUE], period, points);
}
