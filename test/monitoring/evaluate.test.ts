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
