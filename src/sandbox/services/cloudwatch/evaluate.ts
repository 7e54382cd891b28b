/**
 * Alarm evaluation: a timer per sandbox evaluates every alarm of every account and region on its
 * metric's data (the most recent EvaluationPeriods datapoints, the current period's included, so
 * fresh data counts at once; like AWS it looks one period further back, so a datapoint put just
 * before a period ends is not skipped by an evaluation just after) and changes state — running the actions — when the outcome differs. Like AWS,
 * a state forced with SetAlarmState lasts until the next evaluation.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { changeState } from './alarms.js';
import type { Datapoints } from './datapoints.js';
import { describeOperator } from './notification.js';
import { aggregate } from './statistics.js';
import { SERVICE } from './state.js';
import type { AlarmRecord, AlarmState, CloudWatchState, MetricRecord } from './types.js';

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

/** The state the data puts an alarm in, or undefined to keep the current one (TreatMissingData=ignore). */
export function evaluateAlarm(metric: MetricRecord | undefined, alarm: AlarmRecord, now = Date.now()): Outcome | undefined {
  const period = alarm.Period * 1000;
  const n = alarm.EvaluationPeriods;
  const m = alarm.DatapointsToAlarm ?? n;
  const end = (Math.floor(now / period) + 1) * period;
  const start = end - (n + 1) * period;
  const stat = (alarm.Statistic ?? 'Average') as 'Average';
  const points = aggregate(metric, start, end, alarm.Period, alarm.Unit).slice(-n).map((b) => ({ t: b.start, value: b[stat], count: b.SampleCount }));
  const treat = alarm.TreatMissingData ?? 'missing';
  const missing = n - points.length;
  const breaching = points.filter((p) => breaches(alarm.ComparisonOperator, p.value, alarm.Threshold)).length + (treat === 'breaching' ? missing : 0);
  const data = JSON.stringify({
    version: '1.0',
    queryDate: new Date(now).toISOString().replace('Z', '+0000'),
    startDate: new Date(start).toISOString().replace('Z', '+0000'),
    statistic: stat,
    period: alarm.Period,
    recentDatapoints: points.map((p) => p.value),
    threshold: alarm.Threshold,
    evaluatedDatapoints: points.reverse().map((p) => ({ timestamp: new Date(p.t).toISOString().replace('Z', '+0000'), sampleCount: p.count, value: p.value })),
  });
  const list = points.map((p) => `${p.value.toFixed(1)} (${shortDate(p.t)})`).join(', ');
  const op = describeOperator(alarm.ComparisonOperator);
  const threshold = alarm.Threshold.toFixed(1);
  if (breaching >= m) {
    const counted = points.length === 1 ? `1 datapoint [${list}] was` : `${breaching} out of the last ${n} datapoints [${list}] were`;
    return { state: 'ALARM', reason: `Threshold Crossed: ${counted} ${op} the threshold (${threshold})${m > 1 ? ` (minimum ${m} datapoints for OK -> ALARM transition)` : ''}.`, data };
  }
  if (points.length === 0 && treat !== 'notBreaching') {
    if (treat === 'ignore') return undefined;
    return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${n} datapoint${n > 1 ? 's were' : ' was'} unknown.`, data };
  }
  const counted = points.length === 1 ? `1 datapoint [${list}] was` : `${points.length} datapoints [${list}] were`;
  return { state: 'OK', reason: `Threshold Crossed: ${counted} not ${op} the threshold (${threshold}).`, data };
}

/** Evaluates every alarm now. */
export function evaluateAll(runtime: SandboxRuntime, datapoints: Datapoints): void {
  for (const { accountId, region, state } of runtime.store.all<CloudWatchState>(SERVICE)) {
    for (const alarm of Object.values(state.alarms)) {
      const outcome = evaluateAlarm(datapoints.find(accountId, region, alarm.Namespace, alarm.MetricName, alarm.Dimensions), alarm);
      if (outcome && outcome.state !== alarm.StateValue) changeState(runtime, accountId, region, alarm, outcome.state, outcome.reason, outcome.data);
    }
  }
}
