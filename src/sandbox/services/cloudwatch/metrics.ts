/** Metric data: PutMetricData, ListMetrics, GetMetricStatistics (GetMetricData is ./metric-data.ts). */
import type { Datapoint, Metric } from '@aws-sdk/client-cloudwatch';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { datapointsOf, RETENTION_MS } from './datapoints.js';
import { aggregate, isStatistic, point, statisticOf, STATISTICS, type Bucket, type Statistic } from './statistics.js';
import type { Input, MetricRecord, Output, Point } from './types.js';

const FUTURE_MS = 2 * 3600 * 1000;
const PAGE = 500;
const MAX_DATAPOINTS = 1440;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}
function combination(message: string): AwsError {
  return new AwsError('InvalidParameterCombination', message);
}

export async function putMetricData(input: Input<'PutMetricData'>, ctx: RequestContext): Promise<Output<'PutMetricData'>> {
  const ns = input.Namespace ?? '';
  if (!ns) throw new AwsError('MissingParameter', 'The parameter Namespace is required.');
  if (ns.startsWith('AWS/')) throw invalid(`The value ${ns} for parameter Namespace is invalid.`);
  const data = input.MetricData ?? [];
  if (data.length === 0) throw new AwsError('MissingParameter', 'The parameter MetricData is required.');
  if (data.length > 1000) throw invalid('The collection MetricData must not have a size greater than 1000.');
  const now = Date.now();
  const batch = data.map((d, i) => {
    const where = `MetricData.member.${i + 1}`;
    if (!d.MetricName) throw new AwsError('MissingParameter', `The parameter ${where}.MetricName is required.`);
    (d.Dimensions ?? []).forEach((dim, j) => {
      for (const member of ['Name', 'Value'] as const) {
        if (!dim[member]) throw new AwsError('MissingParameter', `The parameter ${where}.Dimensions.member.${j + 1}.${member} is required.`);
      }
    });
    const t = d.Timestamp?.getTime() ?? now;
    if (t < now - RETENTION_MS + 24 * 3600 * 1000) throw invalid(`The parameter ${where}.Timestamp must specify a time no more than two weeks in the past.`);
    if (t > now + FUTURE_MS) throw invalid(`The parameter ${where}.Timestamp must specify a time no more than two hours in the future.`);
    const unit = d.Unit ?? 'None';
    const given = [d.Value !== undefined, d.StatisticValues !== undefined, d.Values !== undefined].filter(Boolean).length;
    if (given > 1) throw combination(`The parameters ${where}.Value, ${where}.StatisticValues and ${where}.Values are mutually exclusive and you have specified more than one.`);
    let points: Point[];
    if (d.StatisticValues) {
      const { SampleCount: n, Sum: sum, Minimum: min, Maximum: max } = d.StatisticValues;
      if (n === undefined || sum === undefined || min === undefined || max === undefined || n <= 0 || min > max) throw invalid(`The parameter ${where}.StatisticValues is invalid.`);
      points = [[t, n, sum, min, max, unit]];
    } else if (d.Values) {
      if (d.Counts && d.Counts.length !== d.Values.length) throw invalid(`The parameters ${where}.Values and ${where}.Counts must be of the same size.`);
      points = d.Values.map((v, j) => point(t, unit, v, d.Counts?.[j] ?? 1));
    } else {
      if (d.Value === undefined || !Number.isFinite(d.Value)) throw new AwsError('MissingParameter', `The parameter ${where}.Value is required.`);
      points = [point(t, unit, d.Value)];
    }
    return { name: d.MetricName, dimensions: d.Dimensions ?? [], points };
  });
  const datapoints = await datapointsOf(ctx.sandbox);
  await Promise.all(batch.map((b) => datapoints.record(ctx.accountId, ctx.region, ns, b.name, b.dimensions, b.points, now)));
  return {};
}

/** The metrics that match a namespace, a name and dimension filters (metrics having all of them). */
export function matchingMetrics(metrics: Iterable<MetricRecord>, filter: { Namespace?: string; MetricName?: string; Dimensions?: Array<{ Name?: string; Value?: string }>; RecentlyActive?: string }): MetricRecord[] {
  const now = Date.now();
  return [...metrics]
    .filter((m) => now - m.lastPut < RETENTION_MS)
    .filter((m) => !filter.Namespace || m.namespace === filter.Namespace)
    .filter((m) => !filter.MetricName || m.name === filter.MetricName)
    .filter((m) => (filter.Dimensions ?? []).every((f) => m.dimensions.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value))))
    .filter((m) => filter.RecentlyActive !== 'PT3H' || now - m.lastPut < 3 * 3600 * 1000)
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || JSON.stringify(a.dimensions).localeCompare(JSON.stringify(b.dimensions)));
}

export async function listMetrics(input: Input<'ListMetrics'>, ctx: RequestContext): Promise<Output<'ListMetrics'>> {
  const all = matchingMetrics((await datapointsOf(ctx.sandbox)).metrics(ctx.accountId, ctx.region), input);
  const from = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalid('The value for parameter NextToken is invalid.');
  const page = all.slice(from, from + PAGE);
  return {
    Metrics: page.map((m): Wire<Metric> => ({ Namespace: m.namespace, MetricName: m.name, Dimensions: m.dimensions })),
    NextToken: from + PAGE < all.length ? Buffer.from(String(from + PAGE)).toString('base64url') : undefined,
  };
}

/** Validates a period: 1, 5, 10, 30 or a multiple of 60 seconds. */
export function checkPeriod(period: number | undefined, name = 'Period'): number {
  if (period === undefined) throw new AwsError('MissingParameter', `The parameter ${name} is required.`);
  if (!(period > 0 && ([1, 5, 10, 30].includes(period) || period % 60 === 0))) throw invalid(`The parameter ${name} must be a multiple of 60.`);
  return period;
}

function checkRange(start: Date | undefined, end: Date | undefined, period: number): [number, number] {
  if (!start || !end) throw new AwsError('MissingParameter', `The parameter ${start ? 'EndTime' : 'StartTime'} is required.`);
  const [s, e] = [start.getTime(), end.getTime()];
  if (s >= e) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
  const requested = Math.ceil((e - s) / (period * 1000));
  if (requested > MAX_DATAPOINTS) {
    throw combination(`You have requested up to ${requested.toLocaleString('en-US')} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`);
  }
  return [s, e];
}

/** A datapoint with the statistics asked for, each a Datapoint member of the same name, the extended ones in ExtendedStatistics. */
function datapoint(b: Bucket, stats: Statistic[], extended: string[]): Wire<Datapoint> {
  const values = extended.flatMap((s) => {
    const v = statisticOf(b, s);
    return v === undefined ? [] : [[s, v]];
  });
  return { Timestamp: new Date(b.start), Unit: b.unit, ...Object.fromEntries(stats.map((s) => [s, b[s]])), ...(extended.length ? { ExtendedStatistics: Object.fromEntries(values) } : {}) };
}

export async function getMetricStatistics(input: Input<'GetMetricStatistics'>, ctx: RequestContext): Promise<Output<'GetMetricStatistics'>> {
  const stats = input.Statistics ?? [];
  const extended = input.ExtendedStatistics ?? [];
  if (!stats.length === !extended.length) throw combination('Must specify either Statistics or ExtendedStatistics, but not both.');
  stats.forEach((s, i) => {
    if (!STATISTICS.includes(s as Statistic)) throw invalid(`The parameter Statistics.member.${i + 1} must be a value in the set [ Maximum, Minimum, SampleCount, Average, Sum ].`);
  });
  if (extended.length > 10) throw invalid('The collection ExtendedStatistics must not have a size greater than 10.');
  extended.forEach((s, i) => {
    if (!isStatistic(s) || STATISTICS.includes(s as Statistic)) throw invalid(`The value ${s} for parameter ExtendedStatistics.member.${i + 1} is invalid.`);
  });
  const period = checkPeriod(input.Period);
  const [start, end] = checkRange(input.StartTime, input.EndTime, period);
  const metric = (await datapointsOf(ctx.sandbox)).find(ctx.accountId, ctx.region, input.Namespace ?? '', input.MetricName ?? '', input.Dimensions);
  return {
    Label: input.MetricName,
    Datapoints: aggregate(metric, start, end, period, input.Unit).map((b) => datapoint(b, stats as Statistic[], extended)),
  };
}
