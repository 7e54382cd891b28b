/** At the prompt: composite alarms and dashboards as resources with reprs, tracked by `.created` and deleted by `.cleanup`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import { promptOnSandbox } from '../helpers/prompt.js';

test('composite alarms and dashboards at the prompt: reprs, .created, .cleanup (composites before their children)', async (t) => {
  const { sandbox, prompt } = await promptOnSandbox(t);
  await prompt.type("await cw.createAlarm({namespace: 'App', metricName: 'Errors', name: 'errors', comparison: '>', threshold: 5}); 0");
  assert.equal(await prompt.type("await cw.createCompositeAlarm({name: 'app-down', rule: 'ALARM(errors) OR FALSE'})"), 'CompositeAlarm:app-down[ALARM(errors) OR FALSE]');
  assert.match(await prompt.type("await cw.createCompositeAlarm({name: 'bad', rule: 'ALARM(errors) AND'})"), /^ValidationException: Invalid AlarmRule: unexpected end of the rule\.$/m);
  // Data over the threshold: the alarm fires on evaluation, and the composite follows.
  await prompt.type("await cw.put('App', 'Errors', 10)");
  const state = "(await cw.compositeAlarms())[0].state";
  assert.equal(await prompt.type(`for (let i = 0; i < 150 && ${state} !== 'ALARM'; i++) await new Promise((r) => setTimeout(r, 100)); ${state}`, undefined, 30_000), "'ALARM'");
  assert.match(await prompt.type("(await (await cw.compositeAlarms())[0].describeHistory({type: 'StateUpdate'})).join('\\n')"), /Alarm updated from OK to ALARM/);
  await prompt.type("await cw.putDashboard({DashboardName: 'main', DashboardBody: JSON.stringify({widgets: [{type: 'text', properties: {markdown: 'hi'}}]})}); 0");
  assert.equal(await prompt.type('await (await cw.dashboards())[0].update()'), 'Dashboard:main[1 widgets]');
  const listed = await prompt.type('.created');
  assert.deepEqual(listed.split('\n').slice(1).map((l) => l.trim().split(' ')[0]), ['CompositeAlarm:app-down', 'Alarm:errors', 'Dashboard:main']);
  assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 30_000), /Cleaning up 3 resources…/);
  const cw = new CloudWatch({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
  const alarms = await cw.describeAlarms({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  assert.deepEqual([alarms.MetricAlarms, alarms.CompositeAlarms, (await cw.listDashboards({})).DashboardEntries], [[], [], []]);
});

test('a metric query at the prompt charts percentiles beside the standard statistics', async (t) => {
  const { prompt } = await promptOnSandbox(t);
  const minute = Math.floor(Date.now() / 60_000) * 60_000 - 180_000;
  await prompt.type(`await cw.putMetricData({Namespace: 'App', MetricData: [0, 1, 2].map((i) => ({MetricName: 'Latency', Values: Array.from({length: 10}, (_, k) => (k + 1) * (i + 1)), Timestamp: new Date(${minute} + i * 60000)}))}); 0`);
  const points = `await cw.metric('App', 'Latency').query(${minute}, ${minute + 180_000}, ['p90', 'Maximum'])`;
  const shown = await prompt.type(points);
  assert.match(shown, /^Latency p90 \(None\) — 3 datapoints of 60s/);
  // Within 80 columns: within a day the span's end is a time.
  assert.match(shown, /\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC → \d\d:\d\d:\d\d UTC\n/);
  for (const line of shown.split('\n')) assert.ok(line.length <= 80, `wider than 80: ${line}`);
  assert.match(shown, /min 9  max 27/);
  const table = await prompt.type(`(${points}).table()`);
  assert.match(table, /Timestamp +Maximum +p90 +Unit/);
  assert.deepEqual(table.split('\n').slice(1).map((l) => l.trim().split(/ +/).slice(-3)), [['10', '9', 'None'], ['20', '18', 'None'], ['30', '27', 'None']]);
  // Metric math charts the same way.
  const math = `await cw.math('m * 2', {m: cw.metric('App', 'Latency')}, ${minute}, ${minute + 180_000}, {statistic: 'Maximum'})`;
  assert.match(await prompt.type(math), /^m \* 2 Value \(None\) — 3 datapoints of 60s[\s\S]*min 20  max 60/);
  assert.match(await prompt.type(`(${math}).table()`), /Timestamp +Value +Unit\n.* 20 *\n.* 40 *\n.* 60/);
  assert.match(await prompt.type("await cw.math('METRICS()', {a: cw.metric('App', 'Latency'), b: cw.metric('App', 'Other')}, Date.now() - 600000, Date.now())"), /^InvalidArgument: METRICS\(\) gives 2 time series/);
  assert.match(await prompt.type("await cw.math('m +', {m: cw.metric('App', 'Latency')}, Date.now() - 600000, Date.now())"), /^ValidationException: Error in expression paws_result: Unexpected end of the expression\.$/);
});
