/**
 * Recipe 2.13 Getting Notifications — creates the SNS topic `paws_cloudwatch` with an e-mail subscription and the CPU alarm `CPUAlarm` on the instance tagged `paws` (launched by 2.1 when none runs); then easyAlarm() makes a second alarm, `paws-easy`, with its own topic.
 *
 * Book: sns.create_topic('paws_cloudwatch'); sns.subscribe(topic_arn, 'email', …);
 * metric.create_alarm(name='CPUAlarm', comparison='>', threshold=80.0, …); alarm.set_state(…);
 * alarm.describe_history(); easy_alarm(…). The sandbox delivers e-mail to its outbox: outbox().
 * Right after a launch CloudWatch lists no CPUUtilization for the instance yet (for minutes, on
 * AWS too); an alarm may watch a metric before its first datapoint, so it is made by name then.
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
await instance.monitor();

const topic = await sns.topic('paws_cloudwatch', { create: true });
console.log(`topic ${topic.arn}`);
console.log(await topic.subscribe('email', 'workshop@example.com'));

const [listed] = await cw.metrics({ dimensions: { InstanceId: instance.id }, metricName: 'CPUUtilization' });
const metric = listed ?? cw.metric('AWS/EC2', 'CPUUtilization', { InstanceId: instance.id });
const alarm = await metric.createAlarm({
  name: 'CPUAlarm',
  comparison: '>',
  threshold: 80,
  period: 60,
  evaluationPeriods: 2,
  statistic: 'Average',
  alarmActions: [topic.arn],
  okActions: [topic.arn],
});
console.log(alarm);
console.log(await alarm.setState('ALARM', 'Testing my alarm', '100'));
console.log(await alarm.describeHistory());

const easy = await easyAlarm(instance, 'paws-easy', ['workshop@example.com'], 'CPUUtilization', '>', 75);
console.log(easy);
