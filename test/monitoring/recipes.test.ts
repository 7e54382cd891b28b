/** Recipes 2.12–2.15 replayed with paws's helpers against the sandbox (Examples 2-13 to 2-21). */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import { EC2 } from '@aws-sdk/client-ec2';
import { SNS } from '@aws-sdk/client-sns';
import type { CloudWatchService } from '../../src/helpers/cloudwatch/service.js';
import type { SNSService } from '../../src/helpers/sns/service.js';
import type { Topic } from '../../src/helpers/sns/topic.js';
import type { MetricAlarm } from '../../src/helpers/cloudwatch/alarm.js';
import type { Instance } from '../../src/helpers/ec2/instance.js';
import { easyAlarm } from '../../src/helpers/cloudwatch/recipes/notifications.js';
import { buildUserData } from '../../src/helpers/cloudwatch/recipes/startup-scripts.js';
import { createRestrictedUser } from '../../src/helpers/iam/recipes/startup-scripts.js';
import { readOutbox } from '../../src/helpers/sns/outbox.js';
import { printable } from '../../src/helpers/core/values.js';
import { eventually, REPO } from '../helpers/index.js';
import { awsCliMissing } from '../helpers/aws-cli.js';
import { Captured, ec2World, missingBwrap, runningInstance, type Ec2World } from './support.js';

describe('recipes 2.12–2.15', () => {
  let w: Ec2World;
  let cw: CloudWatchService;
  let sns: SNSService;
  const outbox = (to?: string) => readOutbox(w.sandbox.stateDir, { to, sns: (region) => w.session.serviceIn('sns', region) });

  before(async () => {
    w = await ec2World();
    cw = await w.session.service('cw');
    sns = await w.session.service('sns');
  });
  after(() => w.close());

  /** A running instance with detailed monitoring on, once CloudWatch lists its CPUUtilization. */
  async function monitoredInstance(): Promise<Instance> {
    const instance = await runningInstance(w);
    await instance.monitor();
    await eventually(async () => (await cw.metrics({ dimensions: { InstanceId: instance.id }, metricName: 'CPUUtilization' })).length > 0, 'the CPUUtilization metric');
    return instance;
  }

  /** A topic with `email` subscribed and the subscription confirmed from the outbox. */
  async function confirmedTopic(name: string, email: string): Promise<Topic> {
    const topic = await sns.topic(name, { create: true });
    await topic.subscribe('email', email);
    await outbox(email)[0].confirm();
    return topic;
  }

  /** Example 2-20's user that may only put metric data; its keys saved at `path`. */
  async function metricsUser(name: string, path: string): Promise<void> {
    await createRestrictedUser(w.session, name, undefined, { path, out: new Captured() });
  }

  test('Examples 2-13/2-14: monitor an instance, find its metrics, three queries', async () => {
    const instance = await runningInstance(w);
    assert.ok(['pending', 'enabled'].includes((await instance.monitor()) ?? ''));
    const mine = await eventually(async () => {
      const metrics = await cw.metrics({ dimensions: { InstanceId: instance.id } });
      return metrics.length >= 7 && metrics;
    }, 'the instance metrics');
    const names = mine.map((m) => m.name);
    for (const n of ['CPUUtilization', 'DiskReadOps', 'NetworkIn', 'DiskWriteOps', 'DiskWriteBytes', 'DiskReadBytes', 'NetworkOut']) assert.ok(names.includes(n), n);
    const metric = mine.find((m) => m.name === 'CPUUtilization')!;
    assert.equal(String(metric), `Metric:CPUUtilization(InstanceId,${instance.id})`);
    assert.deepEqual(metric.dimensions, { InstanceId: [instance.id] });
    assert.ok(metric.Units.includes('Bytes/Second') && metric.Statistics.includes('SampleCount'));

    const start = instance.launchTime!;
    const end = new Date(Date.now() + 60_000);
    const cpu = await metric.query(start, end, 'Average');
    assert.ok(cpu.length >= 1);
    assert.equal(cpu[0].Unit, 'Percent');
    assert.ok(cpu[0].Average! >= 0 && cpu[0].Average! <= 100);
    assert.ok(cpu[0].Timestamp!.getTime() % 60_000 === 0, 'periods start on the minute');

    const disk = await mine.find((m) => m.name === 'DiskReadBytes')!.query(start, end, 'Maximum', 'Bytes');
    assert.deepEqual([disk[0].Maximum, disk[0].Unit], [0, 'Bytes']);
    assert.equal((await mine.find((m) => m.name === 'DiskReadBytes')!.query(start, end, 'Maximum', 'Count')).length, 0, 'no data in another unit');

    const net = await mine.find((m) => m.name === 'NetworkOut')!.query(start, end, 'Maximum', { period: 120 });
    assert.ok(net.length >= 1 && net.every((p) => p.Timestamp!.getTime() % 120_000 === 0));
    assert.ok(net[0].Maximum! > 0);
    assert.match(inspect(net), /^NetworkOut Maximum \(Bytes\) — \d+ datapoints? of 120s/);
  });

  test('a user-data script that burns CPU moves CPUUtilization', { skip: missingBwrap }, async () => {
    const image = await w.ec2.latestAmazonLinux();
    const script = '#!/bin/sh\nend=$(($(date +%s) + 4)); while [ $(date +%s) -lt $end ]; do :; done\n';
    const run = await w.ec2.runInstances({ ImageId: image.id, InstanceType: 't1.micro', MinCount: 1, MaxCount: 1, Monitoring: { Enabled: true }, UserData: Buffer.from(script).toString('base64') });
    const id = run.Instances![0].InstanceId!;
    const busy = await eventually(async () => {
      const [metric] = await cw.metrics({ metricName: 'CPUUtilization', dimensions: { InstanceId: id } });
      const points = metric ? await metric.query(new Date(Date.now() - 120_000), new Date(Date.now() + 60_000), 'Maximum') : [];
      // An idle instance reports about 0%; a loaded 2-core machine may give the loop well under a whole core.
      return points.find((p) => p.Maximum! > 20);
    }, 'a busy datapoint', 30_000);
    assert.ok(busy.Maximum! <= 100);
    await w.ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('Examples 2-15/2-16: topic, e-mail subscription confirmed from the outbox, alarm, setState, history', async () => {
    const instance = await monitoredInstance();
    const topic = await sns.topic('paws_cloudwatch', { create: true });
    assert.equal(String(topic), 'Topic:paws_cloudwatch');
    const topicArn = topic.arn;
    assert.equal(topicArn, 'arn:aws:sns:us-east-1:123456789012:paws_cloudwatch');
    const sub = await topic.subscribe('email', 'mitch@example.com');
    assert.equal(sub.pending, true);
    const [confirmation] = outbox('mitch@example.com');
    assert.equal(confirmation.subject, 'AWS Notification - Subscription Confirmation');
    assert.match(confirmation.body, /You have chosen to subscribe to the topic: \narn:aws:sns:us-east-1:123456789012:paws_cloudwatch/);
    assert.equal(await confirmation.confirm(), sub.arn);
    assert.deepEqual((await topic.subscriptions()).map(String), ['Subscription:email:mitch@example.com']);

    const [metric] = await cw.metrics({ dimensions: { InstanceId: instance.id }, metricName: 'CPUUtilization' });
    const alarm = await metric.createAlarm({ name: 'CPUAlarm', comparison: '>', threshold: 80.0, period: 60, evaluationPeriods: 2, statistic: 'Average', alarmActions: [topicArn], okActions: [topicArn] });
    assert.equal(String(alarm), 'MetricAlarm:CPUAlarm[CPUUtilization(Average) GreaterThanThreshold 80.0]');
    // The first evaluation finds the instance's data below the threshold.
    await eventually(async () => (await alarm.update()).state === 'OK', 'the alarm to be OK');
    assert.equal(await alarm.setState('ALARM', 'Testing my alarm', '100'), true);
    // …and the next one puts it back, as on AWS.
    const history = await eventually(async () => {
      const h = await alarm.describeHistory();
      return h.some((i) => i.summary === 'Alarm updated from ALARM to OK') && h;
    }, 'the alarm to return to OK');
    const action = `Successfully executed action ${topicArn}`;
    assert.deepEqual(history.map((h) => h.summary), [action, 'Alarm updated from ALARM to OK', action, 'Alarm updated from OK to ALARM', action, 'Alarm updated from INSUFFICIENT_DATA to OK', 'Alarm "CPUAlarm" created']);
    assert.match(String(history[3]), /^AlarmHistory:CPUAlarm\[Alarm updated from OK to ALARM at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}\]$/);

    const mail = outbox('mitch@example.com').find((m) => m.subject.startsWith('ALARM'))!;
    assert.equal(mail.subject, 'ALARM: "CPUAlarm" in US East (N. Virginia)');
    assert.equal(mail.headers.from, 'AWS Notifications <no-reply@sns.amazonaws.com>');
    assert.match(mail.body, /^You are receiving this email because your Amazon CloudWatch Alarm "CPUAlarm" in the US East \(N\. Virginia\) region has entered the ALARM state, because "Testing my alarm"/);
    assert.match(mail.body, /- State Change:\s+OK -> ALARM\n- Reason for State Change:\s+Testing my alarm/);
    assert.match(mail.body, new RegExp(`- Dimensions:\\s+\\[InstanceId = ${instance.id}\\]`));
    assert.match(mail.body, /- ALARM: \[arn:aws:sns:us-east-1:123456789012:paws_cloudwatch\]/);
  });

  test('an alarm is evaluated on the data: custom values over the threshold fire it, with the datapoints in the reason', async () => {
    const topic = await confirmedTopic('paws_queue', 'queue@example.com');
    const alarm = await cw.createAlarm({ namespace: 'PAWS', metricName: 'QueueDepth', name: 'QueueDeep', comparison: '>=', threshold: 10, evaluationPeriods: 1, statistic: 'Maximum', alarmActions: [topic.arn] });
    assert.equal(alarm.state, 'INSUFFICIENT_DATA');
    await cw.put('PAWS', 'QueueDepth', 12, { unit: 'Count' });
    await eventually(async () => (await alarm.update()).state === 'ALARM', 'the alarm to fire');
    assert.match(alarm.stateReason!, /^Threshold Crossed: 1 datapoint \[12\.0 \(\d\d\/\d\d\/\d\d \d\d:\d\d:\d\d\)\] was greater than or equal to the threshold \(10\.0\)\.$/);
    const mail = await eventually(() => outbox('queue@example.com').find((m) => m.subject === 'ALARM: "QueueDeep" in US East (N. Virginia)'), 'the notification');
    assert.match(mail.body, /- Reason for State Change:\s+Threshold Crossed/);
    await alarm.delete();
    assert.deepEqual((await cw.alarms({ prefix: 'Queue' })).map(String), []);
  });

  test('Example 2-17: easyAlarm prints each step and returns the alarm', async () => {
    const out = new Captured();
    const instance = await monitoredInstance();
    const alarm: MetricAlarm = await easyAlarm(w.session, instance.id, 'EasyCPU', ['ops@example.com', 'dev@example.com'], 'CPUUtilization', '>=', 75, 60, 2, 'Maximum', { out });
    const arn = 'arn:aws:sns:us-east-1:123456789012:CWAlarm-EasyCPU';
    assert.equal(
      out.take(),
      [
        'Creating SNS topic: CWAlarm-EasyCPU',
        `Topic ARN: ${arn}`,
        `Subscribing ops@example.com to Topic ${arn}`,
        `Subscribing dev@example.com to Topic ${arn}`,
        `Found: Metric:CPUUtilization(InstanceId,${instance.id})`,
        'Creating alarm',
        '',
      ].join('\n'),
    );
    assert.equal(String(alarm), 'MetricAlarm:EasyCPU[CPUUtilization(Maximum) GreaterThanOrEqualToThreshold 75.0]');
    assert.deepEqual([alarm.alarmActions, alarm.okActions, alarm.evaluationPeriods], [[arn], [arn], 2]);
    assert.equal(outbox('ops@example.com')[0].subject, 'AWS Notification - Subscription Confirmation');
    assert.equal(outbox('dev@example.com').length, 1);
    assert.deepEqual((await (await sns.topic('CWAlarm-EasyCPU')).subscriptions()).map((s) => s.pending), [true, true]);
  });

  test('Example 2-18: a custom metric, Maximum and Average per minute correct to the value', async () => {
    const start = new Date(Date.now() - 600_000);
    // The book stores 0…99 five seconds apart; the timestamps say so without the wait.
    for (let i = 0; i < 100; i++) assert.equal(await cw.put('PAWS', 'FooCount', i, { timestamp: start.getTime() + i * 5000 }), true);
    const end = new Date();
    const metrics = await cw.metrics({ namespace: 'PAWS', metricName: 'FooCount' });
    assert.deepEqual(metrics.map(String), ['Metric:FooCount']);
    const expected = new Map<number, number[]>();
    for (let i = 0; i < 100; i++) {
      const minute = Math.floor((start.getTime() + i * 5000) / 60_000) * 60_000;
      expected.set(minute, [...(expected.get(minute) ?? []), i]);
    }
    const max = await metrics[0].query(start, end, 'Maximum');
    assert.deepEqual(max.map((p) => [p.Timestamp!.getTime(), p.Maximum, p.Unit]), [...expected].map(([t, v]) => [t, Math.max(...v), 'None']));
    const avg = await metrics[0].query(start, end, ['Average', 'SampleCount']);
    assert.deepEqual(avg.map((p) => [p.Average, p.SampleCount]), [...expected.values()].map((v) => [v.reduce((a, b) => a + b) / v.length, v.length]));
    const chart = inspect(max);
    assert.match(chart, /^FooCount Maximum \(None\) — \d+ datapoints of 60s(, |\n)\d{4}-/);
    assert.match(chart, /┤/);
    assert.match(chart, /min \d+  max 99/);
    assert.match(max.table(), /^Timestamp\s+Maximum\s+Unit\n\d{4}-\d\d-\d\d \d\d:\d\d:00 UTC\s+\d+\s+None/);
  });

  test('Example 2-20: a restricted user may put metric data and nothing else; its keys saved 0600, never printed', async () => {
    const out = new Captured();
    const path = join(w.home, 'metrics.credentials');
    const { user, accessKey } = await createRestrictedUser(w.session, 'metrics', undefined, { path, out });
    const printed = out.take();
    const secret = accessKey.credentials.secretAccessKey;
    assert.equal(String(user), 'User:metrics');
    assert.match(String(accessKey), /^AccessKey:AKIA[A-Z2-7]{16}\(Active\)$/);
    assert.match(printed, /^Created User:metrics\nCreated AccessKey:AKIA\w+\(Active\)\nAttached the policy CloudWatchPutMetricData\nWrote the credentials to .*metrics\.credentials \(mode 0600\)\n$/);
    for (const shown of [printed, inspect(accessKey), inspect(printable(accessKey.credentials)), inspect(printable({ accessKey }))]) assert.ok(!shown.includes(secret), shown);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    assert.match(readFileSync(path, 'utf8'), new RegExp(`^\\[default\\]\\naws_access_key_id = ${accessKey.id}\\naws_secret_access_key = \\S{40}\\nregion = us-east-1\\nendpoint_url = http://127\\.0\\.0\\.1:\\d+\\n$`));
    assert.deepEqual(await user.policy('CloudWatchPutMetricData'), { Version: '2012-10-17', Statement: [{ Sid: 'Stmt1316576423630', Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }] });

    const config = { endpoint: w.sandbox.endpoint, region: 'us-east-1', credentials: accessKey.credentials };
    await new CloudWatch(config).putMetricData({ Namespace: 'PAWS', MetricData: [{ MetricName: 'DiskUsage', Value: 12, Unit: 'Percent' }] });
    await assert.rejects(new EC2(config).runInstances({ ImageId: 'ami-12345678', MinCount: 1, MaxCount: 1 }), (e: Error) => {
      assert.equal(e.name, 'UnauthorizedOperation');
      assert.match(e.message, /^You are not authorized to perform this operation\. User: arn:aws:iam::123456789012:user\/metrics is not authorized to perform: ec2:RunInstances/);
      return true;
    });
    await assert.rejects(new CloudWatch(config).listMetrics({}), { name: 'AccessDenied', message: /not authorized to perform: cloudwatch:ListMetrics .*because no identity-based policy allows/ });
    await assert.rejects(new SNS(config).listTopics({}), { name: 'AuthorizationErrorException' });
    // An explicit Deny wins over the Allow.
    await user.putPolicy('NoPuts', { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: 'cloudwatch:Put*', Resource: '*' }] });
    await assert.rejects(new CloudWatch(config).putMetricData({ Namespace: 'PAWS', MetricData: [{ MetricName: 'DiskUsage', Value: 1 }] }), { name: 'AccessDenied', message: /with an explicit deny/ });
    await w.session.service('iam').then((iam) => iam.deleteUserPolicy({ UserName: 'metrics', PolicyName: 'NoPuts' }));
    // A deactivated key is refused outright.
    await accessKey.deactivate();
    await assert.rejects(new CloudWatch(config).putMetricData({ Namespace: 'PAWS', MetricData: [{ MetricName: 'DiskUsage', Value: 1 }] }), { name: 'InvalidClientTokenId' });
    await accessKey.activate();
  });

  test('Example 2-21: the disk-usage script stores PAWS/DiskUsage with the restricted keys (AWS CLI)', { skip: awsCliMissing }, async () => {
    const instance = await runningInstance(w);
    const credentials = join(w.home, 'disk-metrics.credentials');
    await metricsUser('disk-metrics', credentials);
    const script = join(REPO, 'recipes', 'metrics', 'metric_disk_usage');
    const env = { PATH: '/usr/bin:/bin', HOME: w.home, CREDENTIALS: credentials, INSTANCE_ID: instance.id, AWS_EC2_METADATA_DISABLED: 'true' };
    const { stdout, code } = await new Promise<{ stdout: string; code: number }>((resolve) => {
      execFile(script, { env }, (err, stdout, stderr) => resolve({ stdout: stdout + stderr, code: err ? 1 : 0 }));
    });
    assert.equal(code, 0, stdout);
    const used = Number(/metric_disk_usage: (\d+)/.exec(stdout)![1]);
    const [metric] = await cw.metrics({ namespace: 'PAWS', metricName: 'DiskUsage', dimensions: { InstanceId: instance.id } });
    assert.equal(String(metric), `Metric:DiskUsage(InstanceId,${instance.id})`);
    const [point] = await metric.query(new Date(Date.now() - 120_000), new Date(Date.now() + 60_000), ['Maximum']);
    assert.deepEqual([point.Maximum, point.Unit], [used, 'Percent']);
  });

  test('buildUserData packs part handler, credentials, cloud-config and metric programs, gzipped, at most 16 KB', async () => {
    const dir = join(w.home, 'metrics');
    // Only the recipe's own files (never a credentials file lying in the repository).
    mkdirSync(dir);
    for (const f of ['metric_part_handler.py', 'metric_disk_usage']) copyFileSync(join(REPO, 'recipes', 'metrics', f), join(dir, f));
    await metricsUser('user-data-metrics', join(dir, 'metrics.credentials'));
    const data = buildUserData({ metricDir: dir, cloudConfig: '\npackages:\n - awscli\n' });
    assert.deepEqual([...data.subarray(0, 2)], [0x1f, 0x8b]);
    const text = gunzipSync(data).toString();
    assert.match(text, /^Content-Type: multipart\/mixed; boundary="(.+)"\nMIME-Version: 1\.0\n/);
    const types = [...text.matchAll(/Content-Type: (text\/[\w-]+);[^\n]*\n(?:[^\n]+\n)*?Content-Disposition: attachment; filename="([^"]+)"/g)].map((m) => `${m[1]} ${m[2]}`);
    assert.deepEqual(types, ['text/part-handler metric_part_handler.py', 'text/x-metric metric_disk_usage', 'text/x-config metrics.credentials']);
    assert.match(text, /Content-Type: text\/cloud-config; charset="us-ascii"\n(?:[^\n]+\n)+\n#cloud-config\npackages:\n - awscli\n/);
    assert.throws(() => buildUserData({ scripts: [`#!/bin/sh\n: '${randomText(40_000)}'`] }), { name: 'UserDataTooLarge', message: /over EC2's limit of 16384/ });
  });
});

function randomText(n: number): string {
  let s = '';
  while (s.length < n) s += Math.random().toString(36).slice(2);
  return s;
}
