/**
 * The AWS CLI (query protocol for CloudWatch, SNS, IAM) agrees with the JS SDK (JSON 1.0 for
 * CloudWatch) against the same sandbox; http subscriptions get AWS's JSON documents on loopback;
 * `paws sandbox outbox` prints the mail.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import { SNS } from '@aws-sdk/client-sns';
import { IAM } from '@aws-sdk/client-iam';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { PAWS_BIN, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';

let sandbox: RunningSandbox;
let cw: CloudWatch;
let sns: SNS;
let iam: IAM;
const start = new Date(Date.now() - 300_000);

before(async () => {
  sandbox = await testSandbox();
  const config = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials };
  [cw, sns, iam] = [new CloudWatch(config), new SNS(config), new IAM(config)];
  await cw.putMetricData({
    Namespace: 'PAWS',
    MetricData: [
      { MetricName: 'FooCount', Values: [1, 2, 3], Counts: [1, 1, 2], Timestamp: new Date(start.getTime() + 1000), Unit: 'Count' },
      { MetricName: 'FooCount', StatisticValues: { SampleCount: 4, Sum: 40, Minimum: 5, Maximum: 15 }, Timestamp: new Date(start.getTime() + 120_000), Unit: 'Count' },
    ],
  });
});
after(() => sandbox.close());

test('cloudwatch get-metric-statistics agrees with the SDK (values, sets and counts aggregated)', { skip: awsCliMissing }, async () => {
  const end = new Date();
  const sdk = await cw.getMetricStatistics({ Namespace: 'PAWS', MetricName: 'FooCount', StartTime: start, EndTime: end, Period: 60, Statistics: ['Sum', 'SampleCount', 'Maximum', 'Minimum', 'Average'] });
  const cli = await awsCli(sandbox, ['cloudwatch', 'get-metric-statistics', '--namespace', 'PAWS', '--metric-name', 'FooCount', '--start-time', start.toISOString(), '--end-time', end.toISOString(), '--period', '60', '--statistics', 'Sum', 'SampleCount', 'Maximum', 'Minimum', 'Average']);
  assert.equal(cli.status, 0, cli.stderr);
  const simplify = (points: Array<Record<string, unknown>>) =>
    points.map((p) => ({ t: new Date(p.Timestamp as string).getTime(), sum: p.Sum, n: p.SampleCount, max: p.Maximum, min: p.Minimum, avg: p.Average, unit: p.Unit })).sort((a, b) => a.t - b.t);
  const fromSdk = simplify(sdk.Datapoints as never);
  assert.deepEqual(fromSdk.map((p) => [p.sum, p.n, p.max, p.min, p.avg, p.unit]), [[9, 4, 3, 1, 2.25, 'Count'], [40, 4, 15, 5, 10, 'Count']]);
  assert.deepEqual(simplify(cli.json().Datapoints), fromSdk);
  const tooMany = await awsCli(sandbox, ['cloudwatch', 'get-metric-statistics', '--namespace', 'PAWS', '--metric-name', 'FooCount', '--start-time', '2026-01-01T00:00:00Z', '--end-time', '2026-01-03T00:00:00Z', '--period', '60', '--statistics', 'Sum']);
  assert.match(tooMany.stderr, /InvalidParameterCombination.*exceeds the limit of 1,440/);
});

test('cloudwatch list-metrics and describe-alarms over the query protocol', { skip: awsCliMissing }, async () => {
  await cw.putMetricAlarm({ AlarmName: 'FooHigh', Namespace: 'PAWS', MetricName: 'FooCount', Statistic: 'Maximum', Period: 60, EvaluationPeriods: 1, Threshold: 100, ComparisonOperator: 'GreaterThanThreshold' });
  const list = await awsCli(sandbox, ['cloudwatch', 'list-metrics', '--namespace', 'PAWS', '--metric-name', 'FooCount']);
  assert.deepEqual(list.json().Metrics, [{ Namespace: 'PAWS', MetricName: 'FooCount', Dimensions: [] }]);
  const alarms = await awsCli(sandbox, ['cloudwatch', 'describe-alarms', '--alarm-names', 'FooHigh']);
  assert.equal(alarms.status, 0, alarms.stderr);
  const [alarm] = alarms.json().MetricAlarms;
  assert.deepEqual([alarm.AlarmName, alarm.ComparisonOperator, alarm.Threshold, alarm.AlarmArn], ['FooHigh', 'GreaterThanThreshold', 100, 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:FooHigh']);
  const missing = await awsCli(sandbox, ['cloudwatch', 'set-alarm-state', '--alarm-name', 'Nope', '--state-value', 'ALARM', '--state-reason', 'x']);
  assert.match(missing.stderr, /ResourceNotFound/);
});

test('sns list-subscriptions shows an e-mail subscription confirmed through the link in the outbox', { skip: awsCliMissing }, async () => {
  const { TopicArn } = await sns.createTopic({ Name: 'paws_cloudwatch' });
  await sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'mitch@example.com' });
  // Only this topic's: other tests subscribe to topics of their own.
  const subscriptions = async () => (await awsCli(sandbox, ['sns', 'list-subscriptions'])).json().Subscriptions.filter((s: { TopicArn: string }) => s.TopicArn === TopicArn);
  assert.deepEqual((await subscriptions()).map((s: { SubscriptionArn: string }) => s.SubscriptionArn), ['PendingConfirmation']);
  const printed = await paws(['sandbox', 'outbox', '--state', sandbox.stateDir, '--to', 'mitch@example.com']);
  assert.match(printed, /^From: AWS Notifications <no-reply@sns\.amazonaws\.com>\nTo: mitch@example\.com\nDate: .*\nSubject: AWS Notification - Subscription Confirmation\n/);
  const link = /http:\/\/\S+Action=ConfirmSubscription\S+/.exec(printed)![0];
  assert.equal((await fetch(link)).status, 200);
  const [sub] = await subscriptions();
  assert.deepEqual([sub.Protocol, sub.Endpoint, sub.TopicArn], ['email', 'mitch@example.com', TopicArn]);
  assert.match(sub.SubscriptionArn, new RegExp(`^${TopicArn}:[0-9a-f-]{36}$`));
  const bad = await fetch(link.replace(/Token=\w+/, 'Token=nope'));
  assert.equal(bad.status, 400);
});

test('http subscriptions get the confirmation and notification documents, only on loopback', async () => {
  const received: Array<{ headers: IncomingHttpHeaders; body: Record<string, string> }> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c)).on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(body) });
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    const { TopicArn } = await sns.createTopic({ Name: 'hooks' });
    await assert.rejects(sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: 'http://example.com/hook' }), { name: 'InvalidParameterException', message: /loopback/ });
    await sns.subscribe({ TopicArn, Protocol: 'http', Endpoint: url });
    await until(() => received.length === 1);
    const confirmation = received[0];
    assert.equal(confirmation.headers['x-amz-sns-message-type'], 'SubscriptionConfirmation');
    assert.equal(confirmation.body.Type, 'SubscriptionConfirmation');
    await sns.confirmSubscription({ TopicArn, Token: confirmation.body.Token });
    const { MessageId } = await sns.publish({ TopicArn, Subject: 'Hello', Message: 'from the sandbox' });
    await until(() => received.length === 2);
    const n = received[1];
    assert.equal(n.headers['x-amz-sns-message-type'], 'Notification');
    assert.deepEqual([n.body.Type, n.body.MessageId, n.body.TopicArn, n.body.Subject, n.body.Message], ['Notification', MessageId, TopicArn, 'Hello', 'from the sandbox']);
    assert.match(n.body.UnsubscribeURL, /Action=Unsubscribe&SubscriptionArn=/);
  } finally {
    server.close();
  }
});

test('iam get-user-policy returns the document; the restricted key gets AccessDenied from the CLI', { skip: awsCliMissing }, async () => {
  await iam.createUser({ UserName: 'metrics' });
  const policy = { Statement: [{ Sid: 'Stmt1316576423630', Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }] };
  await iam.putUserPolicy({ UserName: 'metrics', PolicyName: 'CloudWatchPutMetricData', PolicyDocument: JSON.stringify(policy) });
  const { AccessKey } = await iam.createAccessKey({ UserName: 'metrics' });
  const got = await awsCli(sandbox, ['iam', 'get-user-policy', '--user-name', 'metrics', '--policy-name', 'CloudWatchPutMetricData']);
  assert.equal(got.status, 0, got.stderr);
  assert.deepEqual(got.json(), { UserName: 'metrics', PolicyName: 'CloudWatchPutMetricData', PolicyDocument: policy });

  const restricted = { endpoint: sandbox.endpoint, credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } };
  const put = await awsCli(restricted, ['cloudwatch', 'put-metric-data', '--namespace', 'PAWS', '--metric-name', 'DiskUsage', '--value', '12', '--unit', 'Percent']);
  assert.equal(put.status, 0, put.stderr);
  const list = await awsCli(restricted, ['cloudwatch', 'list-metrics']);
  assert.notEqual(list.status, 0);
  assert.match(list.stderr, /\(AccessDenied\) when calling the ListMetrics operation: User: arn:aws:iam::123456789012:user\/metrics is not authorized to perform: cloudwatch:ListMetrics/);
  const ec2 = await awsCli(restricted, ['ec2', 'describe-instances']);
  assert.match(ec2.stderr, /\(UnauthorizedOperation\) when calling the DescribeInstances operation: You are not authorized to perform this operation/);
  const who = await awsCli(restricted, ['sts', 'get-caller-identity']);
  assert.equal(who.json().Arn, 'arn:aws:iam::123456789012:user/metrics');
});

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(check());
}

function paws(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [PAWS_BIN, ...args], (err, stdout, stderr) => (err ? reject(new Error(stderr || err.message)) : resolve(stdout)));
  });
}
