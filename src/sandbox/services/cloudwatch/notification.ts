/**
 * What an alarm's SNS action publishes: AWS's JSON document (what http and email-json subscribers
 * and programs read) and, for e-mail, the text AWS's alarm e-mails carry.
 */
import { alarmPeriod } from './metric-data.js';
import type { AlarmRecord, AlarmState, CompositeAlarmRecord } from './types.js';

const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-north-1': 'EU (Stockholm)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'sa-east-1': 'South America (Sao Paulo)',
  'ca-central-1': 'Canada (Central)',
};

export function regionName(region: string): string {
  return REGION_NAMES[region] ?? region;
}

const OPERATORS: Record<string, string> = {
  GreaterThanThreshold: 'greater than',
  GreaterThanOrEqualToThreshold: 'greater than or equal to',
  LessThanThreshold: 'less than',
  LessThanOrEqualToThreshold: 'less than or equal to',
};

/** `Tuesday 20 September, 2011 14:32:13 UTC`, as AWS's alarm e-mails write dates. */
export function longDate(iso: string): string {
  const d = new Date(iso);
  const day = d.toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' });
  const date = d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
  return `${day} ${date}, ${d.getUTCFullYear()} ${d.toISOString().slice(11, 19)} UTC`;
}

export interface StateChange {
  alarm: AlarmRecord | CompositeAlarmRecord;
  accountId: string;
  region: string;
  oldState: AlarmState;
}

/** The trigger a metric alarm's message describes: its metric and statistic, or its metric math. */
function trigger(alarm: AlarmRecord) {
  const metric = alarm.Metrics
    ? { Metrics: alarm.Metrics }
    : {
        MetricName: alarm.MetricName,
        Namespace: alarm.Namespace,
        StatisticType: alarm.ExtendedStatistic ? 'ExtendedStatistic' : 'Statistic',
        ...(alarm.ExtendedStatistic ? { ExtendedStatistic: alarm.ExtendedStatistic } : { Statistic: (alarm.Statistic ?? '').toUpperCase() }),
        Unit: alarm.Unit ?? null,
        Dimensions: alarm.Dimensions.map((d) => ({ value: d.Value, name: d.Name })),
        Period: alarm.Period,
      };
  return {
    ...metric,
    EvaluationPeriods: alarm.EvaluationPeriods,
    DatapointsToAlarm: alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods,
    ComparisonOperator: alarm.ComparisonOperator,
    Threshold: alarm.Threshold,
    TreatMissingData: alarm.TreatMissingData ?? 'missing',
    EvaluateLowSampleCountPercentile: alarm.EvaluateLowSampleCountPercentile ?? '',
  };
}

export function alarmMessage({ alarm, accountId, region, oldState }: StateChange) {
  return {
    AlarmName: alarm.AlarmName,
    AlarmDescription: alarm.AlarmDescription ?? null,
    AWSAccountId: accountId,
    AlarmConfigurationUpdatedTimestamp: alarm.AlarmConfigurationUpdatedTimestamp.replace('Z', '+0000'),
    NewStateValue: alarm.StateValue,
    NewStateReason: alarm.StateReason,
    StateChangeTime: alarm.StateUpdatedTimestamp.replace('Z', '+0000'),
    Region: regionName(region),
    AlarmArn: alarm.AlarmArn,
    OldStateValue: oldState,
    OKActions: alarm.OKActions,
    AlarmActions: alarm.AlarmActions,
    InsufficientDataActions: alarm.InsufficientDataActions,
    ...('AlarmRule' in alarm ? { AlarmRule: alarm.AlarmRule } : { Trigger: trigger(alarm) }),
  };
}

export function alarmSubject({ alarm, region }: StateChange): string {
  return `${alarm.StateValue}: "${alarm.AlarmName}" in ${regionName(region)}`.slice(0, 100);
}

const pad = (label: string) => `- ${label}:`.padEnd(30);

export function alarmEmail(change: StateChange): string {
  const { alarm, region, oldState } = change;
  const head = [
    `You are receiving this email because your Amazon CloudWatch Alarm "${alarm.AlarmName}" in the ${regionName(region)} region has entered the ${alarm.StateValue} state, because "${alarm.StateReason}" at "${longDate(alarm.StateUpdatedTimestamp)}".`,
    '',
    'View this alarm in the AWS Management Console:',
    `https://${region}.console.aws.amazon.com/cloudwatch/deeplink.js?region=${region}#alarmsV2:alarm/${encodeURIComponent(alarm.AlarmName)}`,
    '',
    'Alarm Details:',
    `${pad('Name')}${alarm.AlarmName}`,
    `${pad('Description')}${alarm.AlarmDescription ?? ''}`,
    `${pad('State Change')}${oldState} -> ${alarm.StateValue}`,
    `${pad('Reason for State Change')}${alarm.StateReason}`,
    `${pad('Timestamp')}${longDate(alarm.StateUpdatedTimestamp)}`,
    `${pad('AWS Account')}${change.accountId}`,
    `${pad('Alarm Arn')}${alarm.AlarmArn}`,
    '',
  ];
  const actions = [
    '',
    'State Change Actions:',
    `- OK: [${alarm.OKActions.join(', ')}]`,
    `- ALARM: [${alarm.AlarmActions.join(', ')}]`,
    `- INSUFFICIENT_DATA: [${alarm.InsufficientDataActions.join(', ')}]`,
  ];
  if ('AlarmRule' in alarm) return [...head, 'Alarm Rule:', alarm.AlarmRule, ...actions].join('\n');
  const m = alarm.DatapointsToAlarm ?? alarm.EvaluationPeriods;
  const monitored = alarm.Metrics
    ? ['Monitored Metrics:', ...alarm.Metrics.map((q) => `- ${q.Id}: ${q.Expression ?? `${q.MetricStat?.Metric?.Namespace} ${q.MetricStat?.Metric?.MetricName} ${q.MetricStat?.Stat}`}`)]
    : [
        'Monitored Metric:',
        `${pad('MetricNamespace')}${alarm.Namespace}`,
        `${pad('MetricName')}${alarm.MetricName}`,
        `${pad('Dimensions')}${alarm.Dimensions.map((d) => `[${d.Name} = ${d.Value}]`).join(' ')}`,
        `${pad('Period')}${alarm.Period} seconds`,
        `${pad('Statistic')}${alarm.Statistic ?? alarm.ExtendedStatistic ?? ''}`,
        `${pad('Unit')}${alarm.Unit ?? 'not specified'}`,
        `${pad('TreatMissingData')}${alarm.TreatMissingData ?? 'missing'}`,
      ];
  return [
    ...head,
    'Threshold:',
    `- The alarm is in the ALARM state when the metric is ${alarm.ComparisonOperator} ${alarm.Threshold.toFixed(1)} for at least ${m} of the last ${alarm.EvaluationPeriods} period(s) of ${alarmPeriod(alarm)} seconds.`,
    '',
    ...monitored,
    ...actions,
  ].join('\n');
}

export function describeOperator(op: string): string {
  return OPERATORS[op] ?? op;
}
