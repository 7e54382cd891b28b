/** Alarm evaluation at period boundaries, on the sandbox's evaluator itself (its clock given). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateAlarm } from '../../src/sandbox/services/cloudwatch/evaluate.js';
import { point } from '../../src/sandbox/services/cloudwatch/statistics.js';
import type { AlarmRecord, MetricRecord } from '../../src/sandbox/services/cloudwatch/types.js';

const minute = 60_000;
const t0 = Date.UTC(2026, 11, 7, 12, 0, 0);

function metric(...values: [number, number][]): MetricRecord {
  return { id: 1, namespace: 'PAWS', name: 'QueueDepth', dimensions: [], points: values.map(([t, v]) => point(t, 'Count', v)), lastPut: t0 };
}

function alarm(evaluationPeriods: number): AlarmRecord {
  const when = new Date(t0).toISOString();
  return { AlarmName: 'QueueDeep', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:QueueDeep', AlarmConfigurationUpdatedTimestamp: when, ActionsEnabled: true, OKActions: [], AlarmActions: [], InsufficientDataActions: [], StateReason: '', StateUpdatedTimestamp: when, StateTransitionedTimestamp: when, Namespace: 'PAWS', MetricName: 'QueueDepth', Dimensions: [], Period: 60, EvaluationPeriods: evaluationPeriods, Threshold: 10, ComparisonOperator: 'GreaterThanOrEqualToThreshold', Statistic: 'Maximum', StateValue: 'INSUFFICIENT_DATA' };
}

test('a datapoint put just before a period ends still fires an alarm evaluated just after it', () => {
  const data = metric([t0 + minute - 100, 12]);
  assert.equal(evaluateAlarm(() => data, alarm(1), t0 + minute - 50)?.state, 'ALARM');
  const after = evaluateAlarm(() => data, alarm(1), t0 + minute + 500);
  assert.equal(after?.state, 'ALARM');
  assert.match(after!.reason, /^Threshold Crossed: 1 datapoint \[12\.0 \(07\/12\/26 12:00:00\)\] was greater than or equal to the threshold \(10\.0\)\.$/);
});

test('only the most recent EvaluationPeriods datapoints count', () => {
  // Over the threshold two periods ago, under it in the last two: OK; the reason names those two, newest first.
  const data = metric([t0, 50], [t0 + minute, 1], [t0 + 2 * minute, 2]);
  const outcome = evaluateAlarm(() => data, alarm(2), t0 + 2 * minute + 1000);
  assert.equal(outcome?.state, 'OK');
  assert.match(outcome!.reason, /^Threshold Crossed: 2 datapoints \[2\.0 \(07\/12\/26 12:02:00\), 1\.0 \(07\/12\/26 12:01:00\)\] were not greater than or equal to the threshold/);
  assert.equal(evaluateAlarm(() => metric(), alarm(1), t0)?.state, 'INSUFFICIENT_DATA');
});

test('M of N (DatapointsToAlarm) and the four TreatMissingData modes', () => {
  const m = (treat: string | undefined, periods = 3, datapoints = 2) => ({ ...alarm(periods), DatapointsToAlarm: datapoints, TreatMissingData: treat });
  const now = t0 + 2 * minute + 1000;
  // Two of three breach, one missing: ALARM, whatever the missing one is taken for.
  const gappy = metric([t0, 12], [t0 + 2 * minute, 12]);
  assert.equal(evaluateAlarm(() => gappy, m('missing'), now)?.state, 'ALARM');
  assert.match(evaluateAlarm(() => gappy, m('missing'), now)!.reason, /^Threshold Crossed: 2 out of the last 3 datapoints .* \(minimum 2 datapoints for OK -> ALARM transition\)\.$/);
  // One breaching point: only `breaching` makes the missing ones count against it.
  const one = metric([t0 + 2 * minute, 12]);
  assert.equal(evaluateAlarm(() => one, m('breaching'), now)?.state, 'ALARM');
  assert.equal(evaluateAlarm(() => one, m('notBreaching'), now)?.state, 'OK');
  assert.equal(evaluateAlarm(() => one, m(undefined), now)?.state, 'OK');
  // No data at all.
  const none = metric();
  assert.equal(evaluateAlarm(() => none, m('missing'), now)?.state, 'INSUFFICIENT_DATA');
  assert.equal(evaluateAlarm(() => none, m('notBreaching'), now)?.state, 'OK');
  assert.equal(evaluateAlarm(() => none, m('breaching'), now)?.state, 'ALARM');
  assert.equal(evaluateAlarm(() => none, m('breaching'), now)?.reason, 'Threshold Crossed: no datapoints were received for 3 periods and 3 missing datapoints were treated as [Breaching].');
  assert.equal(evaluateAlarm(() => none, m('ignore'), now), undefined, 'ignore keeps the state');
});

test('a percentile alarm with EvaluateLowSampleCountPercentile=ignore keeps its state on too few samples', () => {
  const p99 = (low: string) => ({ ...alarm(1), Statistic: undefined, ExtendedStatistic: 'p99', EvaluateLowSampleCountPercentile: low });
  const few = metric([t0, 12], [t0 + 1000, 13]);
  assert.equal(evaluateAlarm(() => few, p99('evaluate'), t0 + 2000)?.state, 'ALARM');
  assert.equal(evaluateAlarm(() => few, p99('ignore'), t0 + 2000), undefined);
  // p99 needs 10 / (1 - 0.99) = 1000 samples to count.
  const many: MetricRecord = { ...few, points: [point(t0, 'Count', 12, 1000)] };
  assert.equal(evaluateAlarm(() => many, p99('ignore'), t0 + 2000)?.state, 'ALARM');
});

test('a metric math alarm is evaluated on the series its returned expression makes', () => {
  const math: AlarmRecord = {
    ...alarm(1),
    Namespace: undefined,
    MetricName: undefined,
    Statistic: undefined,
    Period: undefined,
    Threshold: 100,
    Metrics: [{ Id: 'm1', ReturnData: false, MetricStat: { Metric: { Namespace: 'PAWS', MetricName: 'QueueDepth' }, Period: 60, Stat: 'Maximum' } }, { Id: 'e1', Expression: 'm1 * 10' }],
  };
  const outcome = evaluateAlarm(() => metric([t0, 12]), math, t0 + 1000);
  assert.equal(outcome?.state, 'ALARM');
  assert.match(outcome!.reason, /\[120\.0 \(07\/12\/26 12:00:00\)\]/);
  assert.equal(evaluateAlarm(() => metric([t0, 9]), math, t0 + 1000)?.state, 'OK');
});
