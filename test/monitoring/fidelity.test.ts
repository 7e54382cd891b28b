/**
 * CloudWatch fidelity (issue 17): metric math, labels, paging, percentiles, metric-math, percentile
 * and composite alarms, dashboards, tags and insight rules — the JS SDK (JSON 1.0) beside the AWS
 * CLI and boto3 (query), their answers and error codes agreeing.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { CloudWatch, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { SNS } from '@aws-sdk/client-sns';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { eventually, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { boto3, boto3Missing } from './boto3.js';

// Each test checks the SDK, then the independent clients that are installed; say plainly which are not.
for (const missing of [awsCliMissing, boto3Missing]) if (missing) console.log(`the checks that need it are skipped: ${missing}`);

let sandbox: RunningSandbox;
let cw: CloudWatch;
const MINUTE = 60_000;
/** Five whole minutes of data, ending two minutes ago. */
const t0 = Math.floor(Date.now() / MINUTE) * MINUTE - 7 * MINUTE;
const [start, end] = [new Date(t0), new Date(t0 + 5 * MINUTE)];

const stat = (id: string, svc: string, s = 'Average'): MetricDataQuery => ({ Id: id, MetricStat: { Metric: { Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: svc }] }, Period: 60, Stat: s } });

/** What a client answered, as comparable rows: id, label, values oldest first. */
function rows(results: Array<{ Id?: string; Label?: string; Values?: number[]; Timestamps?: Array<Date | string> }>) {
  return results.map((r) => [r.Id, r.Label, r.Values]);
}

/** The error code an SDK error carries (the query code, as the CLI and boto3 see it). */
async function sdkError(call: Promise<unknown>): Promise<[string, number, string]> {
  const e = await call.then(() => assert.fail('expected an error'), (x) => x);
  return [e.Code ?? e.name, e.$metadata.httpStatusCode, e.message];
}

before(async () => {
  sandbox = await testSandbox();
  cw = new CloudWatch({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
  const data = [];
  for (let i = 0; i < 5; i++) {
    data.push({ MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'a' }], Values: Array.from({ length: 100 }, (_, k) => k + 1 + i), Timestamp: new Date(t0 + i * MINUTE) });
    data.push({ MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'b' }], Value: 10 * i, Timestamp: new Date(t0 + i * MINUTE) });
  }
  data.push({ MetricName: 'Spread', StatisticValues: { SampleCount: 4, Sum: 40, Minimum: 5, Maximum: 15 }, Timestamp: start });
  await cw.putMetricData({ Namespace: 'App', MetricData: data });
});
after(() => sandbox.close());

const queries: MetricDataQuery[] = [
  stat('a', 'a'),
  { ...stat('b', 'b'), ReturnData: false },
  { Id: 'total', Expression: 'a + b' },
  { Id: 'sum', Expression: 'SUM(METRICS())', Label: 'All' },
  { Id: 'rate', Expression: 'RATE(b) * 60' },
  { Id: 'busy', Expression: 'IF(b > 15, 1, 0)' },
  { Id: 'p90', MetricStat: { ...stat('x', 'a').MetricStat!, Stat: 'p90' } },
];

test('GetMetricData evaluates metric math, labels as AWS and agrees across the SDK, the AWS CLI and boto3', async () => {
  const sdk = await cw.getMetricData({ StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', MetricDataQueries: queries });
  assert.deepEqual(rows(sdk.MetricDataResults!), [
    // Several queries read Latency: each label names the dimension values too.
    ['a', 'a Latency', [50.5, 51.5, 52.5, 53.5, 54.5]],
    ['total', 'total', [50.5, 61.5, 72.5, 83.5, 94.5]],
    // METRICS() is every MetricStat query, returned or not: a, b and p90.
    ['sum', 'All', [140.5, 152.5, 164.5, 176.5, 188.5]],
    ['rate', 'rate', [10, 10, 10, 10]],
    ['busy', 'busy', [0, 0, 1, 1, 1]],
    ['p90', 'a Latency', [90, 91, 92, 93, 94]],
  ]);
  assert.ok(sdk.MetricDataResults!.every((r) => r.StatusCode === 'Complete'));
  const input = { StartTime: start.toISOString(), EndTime: end.toISOString(), ScanBy: 'TimestampAscending', MetricDataQueries: queries };
  if (!awsCliMissing) {
    const cli = await awsCli(sandbox, ['cloudwatch', 'get-metric-data', '--cli-input-json', JSON.stringify(input)]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual(rows(cli.json().MetricDataResults), rows(sdk.MetricDataResults!));
  }
  if (!boto3Missing) assert.deepEqual(rows((await boto3(sandbox, 'cloudwatch', 'get_metric_data', input)).MetricDataResults), rows(sdk.MetricDataResults!));
});

test('SEARCH finds metrics by schema and terms; alarms refuse it', async () => {
  const ask = (Expression: string) => cw.getMetricData({ StartTime: start, EndTime: end, ScanBy: 'TimestampAscending', MetricDataQueries: [{ Id: 's', Expression }] });
  const found = await ask("SEARCH('{App,Service} MetricName=\"Latency\"', 'Maximum', 60)");
  assert.deepEqual(rows(found.MetricDataResults!), [
    ['s', 'a Latency', [100, 101, 102, 103, 104]],
    ['s', 'b Latency', [0, 10, 20, 30, 40]],
  ]);
  assert.deepEqual((await ask("SEARCH('{App,Service} Service=b', 'Sum')")).MetricDataResults!.map((r) => r.Label), ['b Latency']);
  assert.deepEqual((await ask("SEARCH('Spre', 'SampleCount', 60)")).MetricDataResults!.map((r) => [r.Label, r.Values]), [['Spread', [4]]]);
  assert.deepEqual((await ask("SUM(SEARCH('{App,Service} Latency NOT Service=a', 'Maximum', 60))")).MetricDataResults!.map((r) => r.Values), [[0, 10, 20, 30, 40]]);
  const refused = await sdkError(cw.putMetricAlarm({ AlarmName: 'search', Metrics: [{ Id: 'e1', Expression: "MAX(SEARCH('{App,Service} Latency', 'Maximum', 60))" }], EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
  assert.deepEqual(refused.slice(0, 2), ['ValidationError', 400]);
});

test('GetMetricData pages by MaxDatapoints: newest first, PartialData, then the rest with NextToken', async () => {
  const ask = (NextToken?: string) => cw.getMetricData({ StartTime: start, EndTime: end, MaxDatapoints: 3, NextToken, MetricDataQueries: [stat('a', 'a'), stat('b', 'b')] });
  const first = await ask();
  assert.deepEqual(first.MetricDataResults!.map((r) => [r.Id, r.StatusCode, r.Values]), [['a', 'PartialData', [54.5, 53.5, 52.5]]]);
  const second = await ask(first.NextToken);
  assert.deepEqual(second.MetricDataResults!.map((r) => [r.Id, r.Label, r.StatusCode, r.Values]), [['a', 'a Latency', 'Complete', [51.5, 50.5]], ['b', 'b Latency', 'PartialData', [40]]]);
  assert.ok(second.NextToken);
});

test('bad metric math and duplicate ids are ValidationError (400) for every client', async () => {
  const cases: Array<[MetricDataQuery[], RegExp]> = [
    [[stat('a', 'a'), { Id: 'e1', Expression: 'a +' }], /Error in expression e1/],
    [[stat('a', 'a'), { Id: 'e1', Expression: 'NOPE(a)' }], /Unrecognized function: NOPE/],
    [[stat('a', 'a'), { Id: 'e1', Expression: 'a * zz' }], /Unrecognized metric identifier: zz/],
    [[stat('a', 'a'), stat('a', 'b')], /not unique/],
  ];
  for (const [MetricDataQueries, message] of cases) {
    const [code, status, text] = await sdkError(cw.getMetricData({ StartTime: start, EndTime: end, MetricDataQueries }));
    assert.deepEqual([code, status], ['ValidationError', 400]);
    assert.match(text, message);
    const input = { StartTime: start.toISOString(), EndTime: end.toISOString(), MetricDataQueries };
    if (!awsCliMissing) assert.match((await awsCli(sandbox, ['cloudwatch', 'get-metric-data', '--cli-input-json', JSON.stringify(input)])).stderr, /\(ValidationError\)/);
    if (!boto3Missing) assert.deepEqual((await boto3(sandbox, 'cloudwatch', 'get_metric_data', input)).Error.Code, 'ValidationError');
  }
  const [code] = await sdkError(cw.getMetricData({ StartTime: start, EndTime: end, MetricDataQueries: [{ ...stat('a', 'a'), MetricStat: { ...stat('a', 'a').MetricStat!, Stat: 'Avg' } }] }));
  assert.equal(code, 'InvalidParameterValue');
});

test('extended statistics over raw values; a statistic set of several values has none', async () => {
  const ask = { Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'a' }], StartTime: start, EndTime: end, Period: 60, ExtendedStatistics: ['p50', 'p99', 'tm90', 'IQM', 'TC(:10)'] };
  const sdk = await cw.getMetricStatistics(ask);
  const oldest = sdk.Datapoints!.sort((x, y) => x.Timestamp!.getTime() - y.Timestamp!.getTime())[0];
  assert.deepEqual(oldest.ExtendedStatistics, { p50: 50, p99: 99, tm90: 45.5, IQM: 50.5, 'TC(:10)': 10 });
  const spread = await cw.getMetricStatistics({ ...ask, MetricName: 'Spread', Dimensions: [], ExtendedStatistics: ['p50'] });
  assert.deepEqual(spread.Datapoints!.map((d) => d.ExtendedStatistics), [{}]);
  const simplify = (points: Array<{ Timestamp?: Date | string; ExtendedStatistics?: object }>) => points.map((p) => [new Date(p.Timestamp!).getTime(), p.ExtendedStatistics]).sort();
  const wire = { ...ask, StartTime: start.toISOString(), EndTime: end.toISOString() };
  if (!awsCliMissing) {
    const cli = await awsCli(sandbox, ['cloudwatch', 'get-metric-statistics', '--cli-input-json', JSON.stringify(wire)]);
    assert.deepEqual(simplify(cli.json().Datapoints), simplify(sdk.Datapoints!));
  }
  if (!boto3Missing) assert.deepEqual(simplify((await boto3(sandbox, 'cloudwatch', 'get_metric_statistics', wire)).Datapoints), simplify(sdk.Datapoints!));
  const [code] = await sdkError(cw.getMetricStatistics({ ...ask, Statistics: ['Sum'] }));
  assert.equal(code, 'InvalidParameterCombination');
  assert.equal((await sdkError(cw.getMetricStatistics({ ...ask, ExtendedStatistics: ['p101'] })))[0], 'InvalidParameterValue');
});

test('ListMetrics: a dimension filter with only a name matches any value', async () => {
  const list = await cw.listMetrics({ Namespace: 'App', Dimensions: [{ Name: 'Service' }] });
  assert.deepEqual(list.Metrics!.map((m) => m.Dimensions![0].Value), ['a', 'b']);
  if (!awsCliMissing) {
    const cli = await awsCli(sandbox, ['cloudwatch', 'list-metrics', '--namespace', 'App', '--dimensions', 'Name=Service,Value=b']);
    assert.deepEqual(cli.json().Metrics, [{ Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'b' }] }]);
  }
});

test('metric math and percentile alarms fire; a composite alarm follows its children', async () => {
  await cw.putMetricAlarm({ AlarmName: 'slow-p90', Namespace: 'App', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'a' }], ExtendedStatistic: 'p90', EvaluateLowSampleCountPercentile: 'evaluate', Period: 60, EvaluationPeriods: 10, DatapointsToAlarm: 3, Threshold: 91, ComparisonOperator: 'GreaterThanThreshold', Tags: [{ Key: 'team', Value: 'web' }] });
  await cw.putMetricAlarm({ AlarmName: 'busy-sum', Metrics: [{ ...stat('a', 'a'), ReturnData: false }, { ...stat('b', 'b'), ReturnData: false }, { Id: 'e1', Expression: 'a + b', Label: 'Total' }], EvaluationPeriods: 10, DatapointsToAlarm: 1, Threshold: 90, ComparisonOperator: 'GreaterThanThreshold' });
  const { TopicArn } = await new SNS({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials }).createTopic({ Name: 'pager' });
  await cw.putCompositeAlarm({ AlarmName: 'app-down', AlarmRule: 'ALARM("slow-p90") AND ALARM(busy-sum)', AlarmActions: [TopicArn!], Tags: [{ Key: 'team', Value: 'ops' }] });
  const states = async () => {
    const { MetricAlarms, CompositeAlarms } = await cw.describeAlarms({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
    return Object.fromEntries([...MetricAlarms!, ...CompositeAlarms!].map((a) => [a.AlarmName, a.StateValue]));
  };
  await eventually(async () => (await states())['app-down'] === 'ALARM', 'the composite alarm in ALARM');
  assert.deepEqual(await states(), { 'slow-p90': 'ALARM', 'busy-sum': 'ALARM', 'app-down': 'ALARM' });
  // Without AlarmTypes, AWS answers the history of metric alarms only.
  assert.deepEqual((await cw.describeAlarmHistory({ AlarmName: 'app-down' })).AlarmHistoryItems, []);
  const action = await cw.describeAlarmHistory({ AlarmName: 'app-down', HistoryItemType: 'Action', AlarmTypes: ['CompositeAlarm'] });
  assert.deepEqual(action.AlarmHistoryItems!.map((h) => [h.AlarmType, h.HistorySummary]), [['CompositeAlarm', `Successfully executed action ${TopicArn}`]]);
  const published = JSON.parse(action.AlarmHistoryItems![0].HistoryData!).publishedMessage.default;
  assert.deepEqual([published.AlarmName, published.NewStateValue, published.AlarmRule, published.Trigger], ['app-down', 'ALARM', 'ALARM("slow-p90") AND ALARM(busy-sum)', undefined]);
  // Without AlarmTypes, AWS answers metric alarms only.
  assert.deepEqual((await cw.describeAlarms({})).CompositeAlarms, []);
  await cw.disableAlarmActions({ AlarmNames: ['busy-sum'] });
  await cw.putMetricAlarm({ AlarmName: 'busy-sum', Metrics: [{ ...stat('a', 'a'), ReturnData: false }, { ...stat('b', 'b'), ReturnData: false }, { Id: 'e1', Expression: 'a + b' }], EvaluationPeriods: 10, Threshold: 1000, ComparisonOperator: 'GreaterThanThreshold' });
  await eventually(async () => (await states())['app-down'] === 'OK', 'the composite alarm back to OK');
  const history = await cw.describeAlarmHistory({ AlarmName: 'app-down', HistoryItemType: 'StateUpdate', AlarmTypes: ['CompositeAlarm'] });
  // Evaluated at once on creation (its children not yet in ALARM), then as they change; newest first.
  assert.deepEqual(history.AlarmHistoryItems!.map((h) => h.HistorySummary), ['Alarm updated from ALARM to OK', 'Alarm updated from OK to ALARM', 'Alarm updated from INSUFFICIENT_DATA to OK']);
  assert.match(history.AlarmHistoryItems![0].HistoryData!, /"triggeringAlarms":\[\{"arn":"arn:aws:cloudwatch:us-east-1:123456789012:alarm:busy-sum"/);
  if (!awsCliMissing) {
    const cli = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-types', 'CompositeAlarm']);
    assert.deepEqual(cli.json().CompositeAlarms.map((a: { AlarmName: string; AlarmRule: string; StateValue: string }) => [a.AlarmName, a.AlarmRule, a.StateValue]), [['app-down', 'ALARM("slow-p90") AND ALARM(busy-sum)', 'OK']]);
    const children = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--children-of-alarm-name', 'app-down', '--alarm-types', 'MetricAlarm']);
    assert.deepEqual(children.json().MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName), ['busy-sum', 'slow-p90']);
  }
  const [code, status] = await sdkError(cw.putCompositeAlarm({ AlarmName: 'bad', AlarmRule: 'ALARM(nope) OR' }));
  assert.deepEqual([code, status], ['ValidationError', 400]);
  assert.match((await sdkError(cw.putCompositeAlarm({ AlarmName: 'bad', AlarmRule: 'ALARM(nope)' })))[2], /\[nope\] in the alarm rule do not exist/);
  assert.equal((await sdkError(cw.putMetricAlarm({ AlarmName: 'two', Metrics: [stat('a', 'a'), { Id: 'e1', Expression: 'a * 2' }], EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' })))[0], 'ValidationError');
});

test('tags on alarms: given at creation, TagResource, UntagResource, and ResourceNotFoundException', async () => {
  await cw.putMetricAlarm({ AlarmName: 'tagged', Namespace: 'App', MetricName: 'Latency', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold', Tags: [{ Key: 'team', Value: 'web' }] });
  const arn = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:tagged';
  await cw.tagResource({ ResourceARN: arn, Tags: [{ Key: 'env', Value: 'dev' }] });
  await cw.untagResource({ ResourceARN: arn, TagKeys: ['team'] });
  assert.deepEqual((await cw.listTagsForResource({ ResourceARN: arn })).Tags, [{ Key: 'env', Value: 'dev' }]);
  if (!awsCliMissing) assert.deepEqual((await awsCli(sandbox, ['cloudwatch', 'list-tags-for-resource', '--resource-arn', arn])).json().Tags, [{ Key: 'env', Value: 'dev' }]);
  const missing = `${arn}-gone`;
  assert.deepEqual((await sdkError(cw.listTagsForResource({ ResourceARN: missing }))).slice(0, 2), ['ResourceNotFoundException', 404]);
  if (!boto3Missing) assert.equal((await boto3(sandbox, 'cloudwatch', 'tag_resource', { ResourceARN: missing, Tags: [{ Key: 'a', Value: 'b' }] })).Error.Code, 'ResourceNotFoundException');
  await cw.deleteAlarms({ AlarmNames: ['tagged'] });
  await cw.putMetricAlarm({ AlarmName: 'tagged', Namespace: 'App', MetricName: 'Latency', Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' });
  assert.deepEqual((await cw.listTagsForResource({ ResourceARN: arn })).Tags, []);
});

test('dashboards: put, get, list by prefix, delete; bad bodies and missing dashboards as AWS', async () => {
  const body = JSON.stringify({ widgets: [{ type: 'text', x: 0, y: 0, width: 6, height: 3, properties: { markdown: '# App' } }] });
  assert.deepEqual((await cw.putDashboard({ DashboardName: 'app-main', DashboardBody: body })).DashboardValidationMessages, []);
  await cw.putDashboard({ DashboardName: 'other', DashboardBody: JSON.stringify({ widgets: [] }) });
  const got = await cw.getDashboard({ DashboardName: 'app-main' });
  assert.deepEqual([got.DashboardArn, got.DashboardBody], ['arn:aws:cloudwatch::123456789012:dashboard/app-main', body]);
  assert.deepEqual((await cw.listDashboards({ DashboardNamePrefix: 'app' })).DashboardEntries!.map((d) => [d.DashboardName, d.Size]), [['app-main', body.length]]);
  const [code, status, message] = await sdkError(cw.putDashboard({ DashboardName: 'bad', DashboardBody: JSON.stringify({ widgets: [{ type: 'chart', properties: {} }] }) }));
  assert.deepEqual([code, status], ['InvalidParameterInput', 400]);
  assert.match(message, /\/widgets\/0\/type/);
  if (!awsCliMissing) {
    const cli = await awsCli(sandbox, ['cloudwatch', 'list-dashboards']);
    assert.deepEqual(cli.json().DashboardEntries.map((d: { DashboardName: string }) => d.DashboardName), ['app-main', 'other']);
    assert.match((await awsCli(sandbox, ['cloudwatch', 'put-dashboard', '--dashboard-name', 'bad', '--dashboard-body', '{nope'])).stderr, /\(InvalidParameterInput\)/);
    assert.match((await awsCli(sandbox, ['cloudwatch', 'get-dashboard', '--dashboard-name', 'gone'])).stderr, /\(ResourceNotFound\).*Dashboard gone does not exist/);
  }
  assert.deepEqual((await sdkError(cw.deleteDashboards({ DashboardNames: ['other', 'gone'] }))).slice(0, 2), ['ResourceNotFound', 404]);
  await cw.deleteDashboards({ DashboardNames: ['other', 'app-main'] });
  if (!boto3Missing) assert.deepEqual((await boto3(sandbox, 'cloudwatch', 'list_dashboards')).DashboardEntries, []);
});

test('insight rules are stored: put, describe, disable, delete (a missing rule a Failure)', async () => {
  const definition = JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: ['/app'], LogFormat: 'JSON', Contribution: { Keys: ['$.ip'] }, AggregateOn: 'Count' });
  await cw.putInsightRule({ RuleName: 'top-ips', RuleDefinition: definition });
  assert.equal((await sdkError(cw.putInsightRule({ RuleName: 'bad', RuleDefinition: '{' })))[0], 'InvalidParameterValue');
  const disabled = await cw.disableInsightRules({ RuleNames: ['top-ips', 'gone'] });
  assert.deepEqual(disabled.Failures!.map((f) => [f.FailureResource, f.ExceptionType]), [['gone', 'ResourceNotFoundException']]);
  const expected = [{ Name: 'top-ips', State: 'DISABLED', Schema: 'CloudWatchLogRule/1', Definition: definition, ManagedRule: false }];
  assert.deepEqual((await cw.describeInsightRules({})).InsightRules, expected);
  if (!awsCliMissing) assert.deepEqual((await awsCli(sandbox, ['cloudwatch', 'describe-insight-rules'])).json().InsightRules, expected);
  await cw.deleteInsightRules({ RuleNames: ['top-ips'] });
  assert.deepEqual((await cw.describeInsightRules({})).InsightRules, []);
});

test('every new operation over the query protocol: the AWS CLI writes, the SDK reads', { skip: awsCliMissing }, async () => {
  const cli = async (...args: string[]) => {
    const r = await awsCli(sandbox, ['cloudwatch', ...args]);
    assert.equal(r.status, 0, `${args[0]}: ${r.stderr}`);
    return r.stdout ? r.json() : undefined;
  };
  const metrics = JSON.stringify([{ ...stat('a', 'a'), ReturnData: false }, { Id: 'e1', Expression: 'a * 2' }]);
  await cli('put-metric-alarm', '--alarm-name', 'cli-math', '--metrics', metrics, '--evaluation-periods', '1', '--threshold', '1000', '--comparison-operator', 'GreaterThanThreshold');
  await cli('put-metric-alarm', '--alarm-name', 'cli-p99', '--namespace', 'App', '--metric-name', 'Latency', '--dimensions', 'Name=Service,Value=a', '--extended-statistic', 'p99', '--evaluate-low-sample-count-percentile', 'ignore', '--period', '60', '--evaluation-periods', '1', '--threshold', '1000', '--comparison-operator', 'GreaterThanThreshold');
  await cli('put-composite-alarm', '--alarm-name', 'cli-both', '--alarm-rule', 'ALARM(cli-math) OR ALARM(cli-p99)', '--tags', 'Key=team,Value=ops');
  const { MetricAlarms, CompositeAlarms } = await cw.describeAlarms({ AlarmNamePrefix: 'cli-', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] });
  assert.deepEqual(MetricAlarms!.map((a) => [a.AlarmName, a.ExtendedStatistic, a.EvaluateLowSampleCountPercentile, a.Metrics?.map((q) => q.Expression ?? q.MetricStat?.Stat)]), [
    ['cli-math', undefined, undefined, ['Average', 'a * 2']],
    ['cli-p99', 'p99', 'ignore', undefined],
  ]);
  assert.deepEqual(CompositeAlarms!.map((a) => [a.AlarmName, a.AlarmRule]), [['cli-both', 'ALARM(cli-math) OR ALARM(cli-p99)']]);
  const arn = CompositeAlarms![0].AlarmArn!;
  await cli('tag-resource', '--resource-arn', arn, '--tags', 'Key=env,Value=dev');
  await cli('untag-resource', '--resource-arn', arn, '--tag-keys', 'team');
  assert.deepEqual((await cw.listTagsForResource({ ResourceARN: arn })).Tags, [{ Key: 'env', Value: 'dev' }]);
  await cli('set-alarm-state', '--alarm-name', 'cli-math', '--state-value', 'ALARM', '--state-reason', 'test');
  const history = await cli('describe-alarm-history', '--alarm-name', 'cli-both', '--alarm-types', 'CompositeAlarm', '--history-item-type', 'StateUpdate');
  assert.ok(history.AlarmHistoryItems.some((h: { HistorySummary: string; AlarmType: string }) => h.HistorySummary.endsWith('to ALARM') && h.AlarmType === 'CompositeAlarm'), JSON.stringify(history));
  await cli('delete-alarms', '--alarm-names', 'cli-both', 'cli-math', 'cli-p99');

  await cli('put-dashboard', '--dashboard-name', 'cli-board', '--dashboard-body', JSON.stringify({ widgets: [{ type: 'metric', properties: { metrics: [['App', 'Latency', 'Service', 'a']] } }] }));
  assert.equal((await cw.getDashboard({ DashboardName: 'cli-board' })).DashboardName, 'cli-board');
  await cli('delete-dashboards', '--dashboard-names', 'cli-board');

  const definition = JSON.stringify({ Schema: { Name: 'CloudWatchLogRule', Version: 1 }, LogGroupNames: ['/app'], LogFormat: 'JSON', Contribution: { Keys: ['$.ip'] }, AggregateOn: 'Count' });
  await cli('put-insight-rule', '--rule-name', 'cli-rule', '--rule-definition', definition, '--rule-state', 'DISABLED');
  assert.deepEqual((await cli('enable-insight-rules', '--rule-names', 'cli-rule', 'gone')).Failures.map((f: { FailureResource: string }) => f.FailureResource), ['gone']);
  assert.equal((await cw.describeInsightRules({})).InsightRules!.find((r) => r.Name === 'cli-rule')?.State, 'ENABLED');
  await cli('delete-insight-rules', '--rule-names', 'cli-rule');
  assert.equal((await cw.describeInsightRules({})).InsightRules!.find((r) => r.Name === 'cli-rule'), undefined);
});
