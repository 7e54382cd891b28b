/** Metric math and extended statistics on the sandbox's evaluator itself: FILL's modes, per-series functions, AWS's combination rules, the trimmed and winsorized statistics. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluate, parseExpression, periodGrid, type MathContext, type Series } from '../../src/sandbox/services/cloudwatch/metric-math.js';
import { computeExtended, type Values } from '../../src/sandbox/services/cloudwatch/percentiles.js';

const minute = 60_000;
const m: Series = { label: 'm', points: new Map([[2 * minute, 2], [6 * minute, 8]]) };
const n: Series = { label: 'n', points: new Map([[2 * minute, 1], [3 * minute, 5]]) };
const ctx: MathContext = { resolve: (id) => ({ m, n })[id]!, metrics: () => [m, n], grid: () => periodGrid(0, 10 * minute, 60), period: 60, search: () => [] };

function values(expression: string): number[] | number[][] | number {
  const v = evaluate(parseExpression(expression), ctx, 'e1');
  if (typeof v === 'number') return v;
  return Array.isArray(v) ? v.map((s) => [...s.points.values()]) : [...v.points.values()];
}

test('FILL with a value, REPEAT, LINEAR or another series, over every period of the range', () => {
  assert.deepEqual(values('FILL(m, 0)'), [0, 0, 2, 0, 0, 0, 8, 0, 0, 0]);
  assert.deepEqual(values('FILL(m, REPEAT)'), [2, 2, 2, 2, 2, 2, 8, 8, 8, 8]);
  assert.deepEqual(values('FILL(m, LINEAR)'), [2, 2, 2, 3.5, 5, 6.5, 8, 8, 8, 8]);
  assert.deepEqual(values('FILL(m, n)'), [2, 5, 8]);
});

test('series combine on the timestamps both have; scalars, arrays and per-series functions as AWS', () => {
  assert.deepEqual(values('m + n'), [3]);
  assert.deepEqual(values('m * 2 - 1'), [3, 15]);
  assert.deepEqual(values('DIFF(m)'), [6]);
  assert.deepEqual(values('RATE(m)'), [0.025]);
  assert.deepEqual(values('IF(m > 5, m)'), [8]);
  assert.deepEqual(values('[m, n] * 10'), [[20, 80], [10, 50]]);
  assert.deepEqual(values('MAX([m, n])'), [2, 5, 8]);
  assert.equal(values('AVG(m)'), 5);
  assert.deepEqual(values('RUNNING_SUM(n)'), [1, 6]);
  assert.throws(() => values('[m] + [n]'), { code: 'ValidationError', message: /two arrays/ });
  assert.throws(() => values('RATE(3)'), { code: 'ValidationError', message: /not a scalar/ });
  assert.throws(() => values('ABS(m, n)'), { code: 'ValidationError', message: /ABS takes 1 argument, not 2/ });
});

test('trimmed, winsorized and ranged statistics; none where a value is negative', () => {
  const ten: Values = Array.from({ length: 10 }, (_, i) => [i + 1, 1]);
  assert.equal(computeExtended('p50', ten), 5);
  assert.equal(computeExtended('p100', ten), 10);
  assert.equal(computeExtended('tm80', ten), 4.5);
  assert.equal(computeExtended('TM(10%:90%)', ten), 5.5);
  // The top two clamped to the 80th percentile: (1 + … + 8 + 8 + 8) / 10.
  assert.equal(computeExtended('wm80', ten), 5.2);
  assert.equal(computeExtended('ts50', ten), 15);
  assert.equal(computeExtended('TC(3:7)', ten), 4);
  assert.equal(computeExtended('PR(:5)', ten), 50);
  // Counts weigh values: [1 ×9, 100 ×1].
  assert.equal(computeExtended('p90', [[1, 9], [100, 1]]), 1);
  assert.equal(computeExtended('p91', [[1, 9], [100, 1]]), 100);
  assert.equal(computeExtended('p50', [[-1, 1], [3, 1]]), undefined);
  assert.equal(computeExtended('p50', null), undefined);
});
