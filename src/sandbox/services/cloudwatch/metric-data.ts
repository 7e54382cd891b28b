/**
 * GetMetricData, and the query evaluation alarms on metric math share: MetricStat queries read a
 * metric at a statistic (standard or extended) and period, Expression queries are metric math
 * (./metric-math.ts) over the others. Labels are AWS's defaults (the metric name, with the
 * dimension values when several queries read metrics of that name; an expression's id), results are
 * ordered by ScanBy and paged by MaxDatapoints with NextToken, a paged result saying PartialData.
 */
import type { MetricDataQuery, MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { datapointsOf } from './datapoints.js';
import { evaluate, mathError, parseExpression, periodGrid, references, type Expression, type MathValue, type Series } from './metric-math.js';
import { checkPeriod } from './metrics.js';
import { searchMetrics } from './search.js';
import { aggregate, isStatistic, statisticOf } from './statistics.js';
import type { AlarmRecord, GivenDimension, Input, MetricRecord, Output } from './types.js';

const ID = /^[a-z][a-zA-Z0-9_]*$/;
const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;

/** A metric of the account and region queried, by identity. */
export type FindMetric = (namespace: string, name: string, dimensions?: GivenDimension[]) => MetricRecord | undefined;

/** Where the metrics live and the time range asked for. */
export interface QueryScope {
  find: FindMetric;
  /** Every metric of the account and region (SEARCH); alarms, which cannot search, have none. */
  metrics?: () => Iterable<MetricRecord>;
  start: number;
  end: number;
}

interface Checked {
  query: MetricDataQuery;
  expression?: Expression;
}

/** Validates the queries as AWS does: ids, one of MetricStat or Expression, known references, no cycles. */
export function checkQueries(queries: MetricDataQuery[], member = 'MetricDataQueries'): Map<string, Checked> {
  if (queries.length === 0) throw new AwsError('MissingParameter', `The parameter ${member} is required.`);
  if (queries.length > MAX_QUERIES) throw mathError(`The collection ${member} must not have a size greater than ${MAX_QUERIES}.`);
  const byId = new Map<string, Checked>();
  queries.forEach((q, i) => {
    const where = `${member}.member.${i + 1}`;
    const id = q.Id ?? '';
    if (!ID.test(id)) throw mathError(`Invalid metric_id: ${id}. The first character must be a lowercase letter, and the others letters, digits or underscores (${where}.Id).`);
    if (byId.has(id)) throw mathError(`The values for parameter id in ${member} are not unique.`);
    if (!q.MetricStat === !q.Expression) throw mathError(`Exactly one element of ${where} must have either MetricStat or Expression.`);
    if (q.MetricStat) {
      const stat = q.MetricStat.Stat ?? '';
      if (!isStatistic(stat)) throw new AwsError('InvalidParameterValue', `The value ${stat} for parameter ${where}.MetricStat.Stat is invalid.`);
      checkPeriod(q.MetricStat.Period, `${where}.MetricStat.Period`);
      if (!q.MetricStat.Metric?.MetricName) throw new AwsError('MissingParameter', `The parameter ${where}.MetricStat.Metric.MetricName is required.`);
      byId.set(id, { query: q });
    } else {
      try {
        byId.set(id, { query: q, expression: parseExpression(q.Expression!) });
      } catch (e) {
        throw e instanceof AwsError ? mathError(`Error in expression ${id}: ${e.message}`) : e;
      }
    }
  });
  const [visiting, checked] = [new Set<string>(), new Set<string>()];
  const visit = (id: string) => {
    if (visiting.has(id)) throw mathError(`Circular dependency in the expressions: ${[...visiting, id].join(' -> ')}.`);
    const expression = byId.get(id)?.expression;
    // Each id once: expressions sharing inputs must not cost a walk per path.
    if (!expression || checked.has(id)) return;
    checked.add(id);
    visiting.add(id);
    for (const ref of references(expression)) {
      if (!byId.has(ref)) throw mathError(`Error in expression ${id}: Unrecognized metric identifier: ${ref}.`);
      visit(ref);
    }
    visiting.delete(id);
  };
  for (const id of byId.keys()) visit(id);
  return byId;
}

/** AWS's default labels of MetricStat queries: the metric name, with dimension values when several share it. */
function defaultLabels(queries: MetricDataQuery[]): Map<string, string> {
  const stats = queries.filter((q) => q.MetricStat);
  const labels = new Map<string, string>();
  for (const q of stats) {
    const m = q.MetricStat!.Metric!;
    const shared = stats.filter((o) => o.MetricStat!.Metric!.MetricName === m.MetricName).length > 1;
    const values = (m.Dimensions ?? []).map((d) => d.Value);
    labels.set(q.Id!, q.Label ?? (shared && values.length ? `${values.join(' ')} ${m.MetricName}` : m.MetricName!));
  }
  return labels;
}

/** The smallest period of the MetricStat queries (an expression's period when it gives none). */
function basePeriod(queries: MetricDataQuery[]): number {
  const periods = queries.flatMap((q) => (q.MetricStat?.Period ? [q.MetricStat.Period] : []));
  return periods.length ? Math.min(...periods) : 60;
}

/** The period an alarm is evaluated at: its own, or that of the query its metric math returns. */
export function alarmPeriod(alarm: Pick<AlarmRecord, 'Period' | 'Metrics'>): number {
  if (alarm.Period) return alarm.Period;
  const returned = alarm.Metrics?.find((q) => q.ReturnData !== false);
  return returned?.MetricStat?.Period ?? returned?.Period ?? basePeriod(alarm.Metrics ?? []);
}

/** Evaluates checked queries; each id's value, computed once and on demand. */
export function runQueries(byId: Map<string, Checked>, scope: QueryScope): (id: string) => Series | Series[] {
  const queries = [...byId.values()].map((c) => c.query);
  const labels = defaultLabels(queries);
  const fallbackPeriod = basePeriod(queries);
  const done = new Map<string, MathValue>();
  /** A metric's statistic per period in the time range; periods without it (a percentile of a statistic set) are left out. */
  const metricSeries = (metric: MetricRecord | undefined, label: string, stat: string, period: number, unit?: string): Series => ({
    label,
    points: new Map(aggregate(metric, scope.start, scope.end, period, unit).flatMap((b): Array<[number, number]> => {
      const v = statisticOf(b, stat);
      return v === undefined ? [] : [[b.start, v]];
    })),
  });
  const resolve = (id: string): MathValue => {
    if (done.has(id)) return done.get(id)!;
    const { query, expression } = byId.get(id)!;
    let value: MathValue;
    if (query.MetricStat) {
      const { Metric: m, Period: period, Stat: stat, Unit: unit } = query.MetricStat;
      value = metricSeries(scope.find(m!.Namespace ?? '', m!.MetricName ?? '', m!.Dimensions), labels.get(id)!, stat!, period!, unit);
    } else {
      const period = query.Period ?? fallbackPeriod;
      const ctx = {
        resolve,
        metrics: () => queries.filter((q) => q.MetricStat).map((q) => resolve(q.Id!) as Series),
        grid: () => periodGrid(scope.start, scope.end, period),
        period,
        search: (text: string, stat: string, searchPeriod: number) => {
          if (!scope.metrics) throw mathError('SEARCH is not supported in alarms.');
          if (!isStatistic(stat)) throw mathError(`SEARCH: ${stat} is not a statistic.`);
          checkPeriod(searchPeriod, 'SEARCH period');
          return searchMetrics(scope.metrics(), text).map((m) => metricSeries(m, [...m.dimensions.map((d) => d.Value), m.name].join(' '), stat, searchPeriod));
        },
      };
      try {
        value = evaluate(expression!, ctx, query.Label ?? id);
      } catch (e) {
        throw e instanceof AwsError ? mathError(`Error in expression ${id}: ${e.message}`) : e;
      }
      if (typeof value === 'number') value = { label: query.Label ?? id, points: new Map(ctx.grid().map((t) => [t, value as number])) };
      else if (Array.isArray(value)) value = value.map((s) => ({ ...s, label: query.Label ? `${query.Label} ${s.label}` : s.label }));
      else value = { ...value, label: query.Label ?? id };
    }
    done.set(id, value);
    return value;
  };
  return (id) => resolve(id) as Series | Series[];
}

function pageToken(offset: number): string {
  return Buffer.from(String(offset)).toString('base64url');
}

export async function getMetricData(input: Input<'GetMetricData'>, ctx: RequestContext): Promise<Output<'GetMetricData'>> {
  const [start, end] = [input.StartTime?.getTime(), input.EndTime?.getTime()];
  if (start === undefined || end === undefined) throw new AwsError('MissingParameter', `The parameter ${start === undefined ? 'StartTime' : 'EndTime'} is required.`);
  if (start >= end) throw new AwsError('InvalidParameterValue', 'The parameter StartTime must be less than the parameter EndTime.');
  const byId = checkQueries(input.MetricDataQueries ?? []);
  const datapoints = await datapointsOf(ctx.sandbox);
  const run = runQueries(byId, { find: (ns, name, dims) => datapoints.find(ctx.accountId, ctx.region, ns, name, dims), metrics: () => datapoints.metrics(ctx.accountId, ctx.region), start, end });
  const descending = input.ScanBy !== 'TimestampAscending';
  const all = [...byId.values()]
    .filter(({ query }) => query.ReturnData !== false)
    .flatMap(({ query }) => [run(query.Id!)].flat().map((s) => ({ id: query.Id!, label: s.label, points: [...s.points].sort((a, b) => (descending ? b[0] - a[0] : a[0] - b[0])) })));
  const from = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw new AwsError('InvalidNextToken', 'The service cannot parse the NextToken.');
  const budget = input.MaxDatapoints ?? DEFAULT_MAX_DATAPOINTS;
  // The results laid end to end: this page holds the points from `from` to `from + budget`.
  let offset = 0;
  const results: Array<Wire<MetricDataResult>> = [];
  for (const r of all) {
    const [first, last] = [Math.max(from - offset, 0), Math.min(from + budget - offset, r.points.length)];
    offset += r.points.length;
    // A result without data is answered on the first page; others on the pages their points fall on.
    if (r.points.length ? first >= last : from > 0) continue;
    const shown = r.points.slice(first, last);
    results.push({ Id: r.id, Label: r.label, Timestamps: shown.map(([t]) => new Date(t)), Values: shown.map(([, v]) => v), StatusCode: last < r.points.length ? 'PartialData' : 'Complete', Messages: [] });
  }
  return { MetricDataResults: results, Messages: [], NextToken: from + budget < offset ? pageToken(from + budget) : undefined };
}
