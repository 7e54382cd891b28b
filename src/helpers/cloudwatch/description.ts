/**
 * What CloudWatch puts at the prompt (the `cw` service object and the book's monitoring helpers),
 * and the alarms its operations create (see ../core/folder.ts).
 */
import { describeFolder, helper } from '../core/folder.js';

export const cloudwatchFolder = describeFolder({
  service: {
    name: 'cw',
    title: 'CloudWatch',
    doc: 'Amazon CloudWatch: every SDK operation, e.g. await cw.listMetrics({Namespace: "AWS/EC2"})',
    members: [
      { name: "metrics({namespace?, metricName?, dimensions?: {InstanceId: 'i-…'}})", doc: "metrics (the book's list_metrics); metric.query(start, end, 'Average', {unit?, period?}) charts the datapoints" },
      { name: "metric(namespace, name, {InstanceId: 'i-…'}?)", doc: 'a metric by name, without listing: alarms and queries work before its first datapoint' },
      { name: 'alarms({prefix?, state?, names?})', doc: 'metric alarms' },
      { name: 'alarm(name)', doc: 'one alarm: setState, describeHistory, update, delete' },
      { name: 'compositeAlarms({prefix?, state?})', doc: 'composite alarms (CompositeAlarm:name[rule])' },
      { name: "createCompositeAlarm({name, rule: 'ALARM(a) AND ALARM(b)', alarmActions?, okActions?})", doc: 'an alarm on other alarms’ states' },
      { name: "math('a / b * 100', {a: metric, b: metric}, start, end, {statistic?, period?})", doc: 'metric math over metrics, charted' },
      { name: 'dashboards(prefix?)', doc: 'dashboards (Dashboard:name); dashboard.update() reads the body' },
      { name: "createAlarm({namespace, metricName, dimensions?, name, comparison: '>', threshold, period?, evaluationPeriods?, statistic?, alarmActions?})", doc: 'an alarm on any metric' },
      { name: 'put(namespace, name, value, {unit?, dimensions?, timestamp?})', doc: 'stores one value of a custom metric (2.14)' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    easyAlarm: helper(
      "easyAlarm(instance, alarmName, emails, metricName, '>', threshold, period?, evalPeriods?, statistic?) — 2.13: monitoring, topic, subscriptions, alarm",
      async () => (await import('./recipes/notifications.js')).easyAlarm,
    ),
    buildUserData: helper(
      'buildUserData({metricDir?, partHandler?, configs?, cloudConfig?, metrics?, scripts?}) — 2.15: CloudInit multipart, gzipped, at most 16 KB',
      async () => (await import('./recipes/startup-scripts.js')).buildUserDataHelper,
    ),
  },

  resources: {
    Alarm: {
      // A composite alarm's rule names alarms: it goes first.
      deletedAfter: ['CompositeAlarm'],
      createdBy: { PutMetricAlarm: (i) => [{ id: i.AlarmName }] },
      deletedBy: { DeleteAlarms: (i) => i.AlarmNames ?? [] },
      async remove(cw, r) {
        const { MetricAlarm } = await import('./alarm.js');
        await new MetricAlarm(cw, { AlarmName: r.id }).delete();
      },
    },
    CompositeAlarm: {
      createdBy: { PutCompositeAlarm: (i) => [{ id: i.AlarmName }] },
      deletedBy: { DeleteAlarms: (i) => i.AlarmNames ?? [] },
      async remove(cw, r) {
        const { CompositeAlarm } = await import('./composite-alarm.js');
        await new CompositeAlarm(cw, { AlarmName: r.id }).delete();
      },
    },
    Dashboard: {
      createdBy: { PutDashboard: (i) => [{ id: i.DashboardName }] },
      deletedBy: { DeleteDashboards: (i) => i.DashboardNames ?? [] },
      async remove(cw, r) {
        const { Dashboard } = await import('./dashboard.js');
        await new Dashboard(cw, { DashboardName: r.id }).delete();
      },
    },
  },

  billable: {
    PutMetricAlarm: { says: (i) => `the CloudWatch alarm ${i.AlarmName}, billed monthly until deleted` },
    PutCompositeAlarm: { says: (i) => `the CloudWatch composite alarm ${i.AlarmName}, billed monthly until deleted` },
    PutDashboard: { says: (i) => `the CloudWatch dashboard ${i.DashboardName}, billed monthly beyond the first three` },
  },

  names: {
    alarms: { list: async (cw) => ((await cw.describeAlarms({})).MetricAlarms ?? []).map((a) => a.AlarmName!), members: ['AlarmName', 'AlarmNames'] },
  },
});
