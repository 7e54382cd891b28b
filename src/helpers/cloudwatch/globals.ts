/** What CloudWatch puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const cloudwatchGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'cw',
    title: 'CloudWatch',
    doc: 'Amazon CloudWatch: every SDK operation, e.g. await cw.listMetrics({Namespace: "AWS/EC2"})',
    members: [
      { name: "metrics({namespace?, metricName?, dimensions?: {InstanceId: 'i-…'}})", doc: "metrics (the book's list_metrics); metric.query(start, end, 'Average', {unit?, period?}) charts the datapoints" },
      { name: "metric(namespace, name, {InstanceId: 'i-…'}?)", doc: 'a metric by name, without listing: alarms and queries work before its first datapoint' },
      { name: 'alarms({prefix?, state?, names?})', doc: 'metric alarms' },
      { name: 'alarm(name)', doc: 'one alarm: setState, describeHistory, update, delete' },
      { name: "createAlarm({namespace, metricName, dimensions?, name, comparison: '>', threshold, period?, evaluationPeriods?, statistic?, alarmActions?})", doc: 'an alarm on any metric' },
      { name: 'put(namespace, name, value, {unit?, dimensions?, timestamp?})', doc: 'stores one value of a custom metric (2.14)' },
    ],
    load: () => import('./service.js'),
  },
  {
    kind: 'function',
    name: 'easyAlarm',
    doc: "easyAlarm(instance, alarmName, emails, metricName, '>', threshold, period?, evalPeriods?, statistic?) — 2.13: monitoring, topic, subscriptions, alarm",
    load: async () => (await import('./recipes/easy-alarm.js')).easyAlarm,
  },
  {
    kind: 'function',
    name: 'buildUserData',
    doc: 'buildUserData({metricDir?, partHandler?, configs?, cloudConfig?, metrics?, scripts?}) — 2.15: CloudInit multipart, gzipped, at most 16 KB',
    load: async () => (await import('./recipes/user-data.js')).buildUserDataHelper,
  },
];
