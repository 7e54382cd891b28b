/**
 * Alarm evaluation: a timer per sandbox evaluates every metric alarm of every account and region on
 * its data — a metric's statistic (standard or percentile) or its metric math's returned series —
 * over the most recent EvaluationPeriods datapoints, the current period's included, so fresh data
 * counts at once (like AWS it looks one period further back, so a datapoint put just before a period
 * ends is not skipped by an evaluation just after), M of N with DatapointsToAlarm, missing data
 * treated as TreatMissingData says; it changes state — running the actions — when the outcome
 * differs. Like AWS, a state forced with SetAlarmState lasts until the next evaluation.
 */
import type { SandboxRuntime } from '../../core/types.js';
import type { Datapoints } from './datapoints.js';
import { alarmPeriod, checkQueries, runQueries, type FindMetric } from './metric-data.js';
import { describeOperator } from './notification.js';
import { percentileOf } from './percentiles.js';
import { aggregate, statisticOf } from './statistics.js';
import { SERVICE } from './state.js';
import { changeState } from './transitions.js';
import type { AlarmRecord, AlarmState, CloudWatchState } from './types.js';

/** AWS evaluates alarms about once a minute; scaled by timeScale. */
export const EVALUATION_MS = 60_000;

function breaches(op: string, value: number, threshold: number): boolean {
  switch (op) {
    case 'GreaterThanThreshold':
      return value > threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= threshold;
    case 'LessThanThreshold':
      return value < threshold;
    default:
      return value <= threshold;
  }
}

/** `20/09/11 14:32:00`, as AWS's state reasons write datapoint times. */
function shortDate(t: number): string {
  const iso = new Date(t).toISOString();
  return `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(2, 4)} ${iso.slice(11, 19)}`;
}

export interface Outcome {
  state: AlarmState;
  reason: string;
  data: string;
}

interface AlarmPoint {
  t: number;
  value: number;
  count: number;
}

/** The alarm's datapoints in [start, end), oldest first. */
function alarmDatapoints(find: FindMetric, alarm: AlarmRecord, start: number, end: number): AlarmPoint[] {
  if (alarm.Metrics) {
    const byId = checkQueries(alarm.Metrics, 'Metrics');
    const returned = alarm.Metrics.find((q) => q.ReturnData !== false)!;
    const series = [runQueries(byId, { find, start, end })(returned.Id!)].flat()[0];
    return [...(series?.points ?? [])].sort((a, b) => a[0] - b[0]).map(([t, value]) => ({ t, value, count: 1 }));
  }
  const stat = alarm.ExtendedStatistic ?? alarm.Statistic ?? 'Average';
  return aggregate(find(alarm.Namespace ?? '', alarm.MetricName ?? '', alarm.Dimensions), start, end, alarmPeriod(alarm), alarm.Unit).flatMap((b) => {
    const value = statisticOf(b, stat);
    return value === undefined ? [] : [{ t: b.start, value, count: b.SampleCount }];
  });
}

/** Whether a percentile alarm set to ignore low sample counts has too few samples to judge (AWS's 10 / (1 - p) rule). */
function tooFewSamples(alarm: AlarmRecord, points: AlarmPoint[]): boolean {
  const p = alarm.ExtendedStatistic ? percentileOf(alarm.ExtendedStatistic) : undefined;
  if (alarm.EvaluateLowSampleCountPercentile !== 'ignore' || p === undefined || p >= 100) return false;
  return points.some((x) => x.count < 10 / (1 - p / 100));
}

/** The state the data puts an alarm in, or undefined to keep the current one (TreatMissingData=ignore, low sample counts ignored). */
export function evaluateAlarm(find: FindMetric, alarm: AlarmRecord, now = Date.now()): Outcome | undefined {
  const period = alarmPeriod(alarm) * 1000;
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const end = (Math.floor(now / period) + 1) * period;
  const start = end - (n + 1) * period;
  const points = alarmDatapoints(find, alarm, start, end).slice(-n);
  if (tooFewSamples(alarm, points)) return undefined;
  const treat = alarm.TreatMissingData ?? 'missing';
  const missing = n - points.length;
  const breaching = points.filter((p) => breaches(alarm.ComparisonOperator, p.value, alarm.Threshold)).length + (treat === 'breaching' ? missing : 0);
  const data = JSON.stringify({
    version: '1.0',
    queryDate: new Date(now).toISOString().replace('Z', '+0000'),
    startDate: new Date(start).toISOString().replace('Z', '+0000'),
    ...(alarm.Metrics ? {} : { [alarm.ExtendedStatistic ? 'extendedStatistic' : 'statistic']: alarm.ExtendedStatistic ?? alarm.Statistic }),
    period: period / 1000,
    recentDatapoints: points.map((p) => p.value),
    threshold: alarm.Threshold,
    evaluatedDatapoints: [...points].reverse().map((p) => ({ timestamp: new Date(p.t).toISOString().replace('Z', '+0000'), sampleCount: p.count, value: p.value })),
  });
  const list = [...points].reverse().map((p) => `${p.value.toFixed(1)} (${shortDate(p.t)})`).join(', ');
  const op = describeOperator(alarm.ComparisonOperator);
  const threshold = alarm.Threshold.toFixed(1);
  if (points.length === 0 && (treat === 'breaching' || treat === 'notBreaching')) {
    const periods = n === 1 ? '1 period and 1 missing datapoint was' : `${n} periods and ${n} missing datapoints were`;
    const state = treat === 'breaching' ? 'ALARM' : 'OK';
    return { state, reason: `Threshold Crossed: no datapoints were received for ${periods} treated as [${treat === 'breaching' ? 'Breaching' : 'NonBreaching'}].`, data };
  }
  if (breaching >= m) {
    const counted = points.length === 1 ? `1 datapoint [${list}] was` : `${breaching} out of the last ${n} datapoints [${list}] were`;
    return { state: 'ALARM', reason: `Threshold Crossed: ${counted} ${op} the threshold (${threshold})${m > 1 ? ` (minimum ${m} datapoints for OK -> ALARM transition)` : ''}.`, data };
  }
  if (points.length === 0) {
    if (treat === 'ignore') return undefined;
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${n} datapoint${n > 1 ? 's were' : ' was'} unknown.`, data };
  }
  const counted = points.length === 1 ? `1 datapoint [${list}] was` : `${points.length} datapoints [${list}] were`;
  return { state: 'OK', reason: `Threshold Crossed: ${counted} not ${op} the threshold (${threshold}).`, data };
}

/** Evaluates every metric alarm now. */
export function evaluateAll(runtime: SandboxRuntime, datapoints: Datapoints): void {
  for (const { accountId, region, state } of runtime.store.all<CloudWatchState>(SERVICE)) {
    const find: FindMetric = (ns, name, dims) => datapoints.find(accountId, region, ns, name, dims);
    for (const alarm of Object.values(state.alarms)) {
      const outcome = evaluateAlarm(find, alarm);
      if (outcome && outcome.state !== alarm.StateValue) changeState(runtime, accountId, region, alarm, outcome.state, outcome.reason, outcome.data);
    }
  }
}
