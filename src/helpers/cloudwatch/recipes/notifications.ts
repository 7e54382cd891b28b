/**
 * Recipe 2.13's `easy_alarm`: e-mail notifications for an instance's metric in one call —
 * monitoring on, a topic `CWAlarm-<name>` with the addresses subscribed, and the alarm, printing
 * each step as the book does.
 */
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import { getInstance, type Instance } from '../../ec2/instance.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import type { MetricAlarm } from '../alarm.js';
import { listMetrics } from '../metric.js';

export async function easyAlarm(
  session: Session,
  instanceRef: Ref<Instance>,
  alarmName: string,
  emailAddresses: string | string[],
  metricName: string,
  comparison: string,
  threshold: number,
  period = 60,
  evalPeriods = 1,
  statistic = 'Average',
  options: { out?: Output } = {},
): Promise<MetricAlarm> {
  const say = reporterFor(session, options.out);
  const ec2 = await session.service('ec2');
  const sns = await session.service('sns');
  const cw = await session.service('cw');
  // The instance must exist, and be monitored.
  const instance = await getInstance(ec2, instanceRef);
  await instance.monitor();

  const topicName = `CWAlarm-${alarmName}`;
  say.say(`Creating SNS topic: ${topicName}`);
  const topic = await sns.topic(topicName, { create: true });
  say.say(`Topic ARN: ${topic.arn}`);
  for (const addr of [emailAddresses].flat()) {
    say.say(`Subscribing ${addr} to Topic ${topic.arn}`);
    await topic.subscribe('email', addr);
  }

  const dimensions = { InstanceId: instance.id };
  // A freshly monitored instance may have no data yet: the alarm can watch the metric all the same.
  const [found] = await listMetrics(cw, { namespace: 'AWS/EC2', metricName, dimensions });
  const metric = found ?? cw.metric('AWS/EC2', metricName, dimensions);
  say.say(`Found: ${metric}`);
  say.say('Creating alarm');
  return metric.createAlarm({ name: alarmName, comparison, threshold, period, evaluationPeriods: evalPeriods, statistic, alarmActions: [topic.arn], okActions: [topic.arn] });
}
