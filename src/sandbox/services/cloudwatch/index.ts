/**
 * CloudWatch: metric data, statistics and metric math, metric and composite alarms evaluated on
 * the data, dashboards, Contributor Insights rules (stored), tags, and the AWS/EC2 metrics of
 * running sandbox instances. Answers AWS JSON 1.0 (the JS SDK) and the query protocol (AWS CLI).
 */
import type { SandboxRuntime, ServiceDefinition } from '../../core/types.js';
import type { CloudWatchApi } from './types.js';
import * as alarms from './alarms.js';
import * as composites from './composite-alarms.js';
import * as dashboards from './dashboards.js';
import * as insightRules from './insight-rules.js';
import * as tags from './tags.js';
import { datapointsOf } from './datapoints.js';
import { emitEc2Metrics, MINUTE_MS, newSampler } from './ec2-metrics.js';
import { EVALUATION_MS, evaluateAll } from './evaluate.js';
import * as metricData from './metric-data.js';
import * as metrics from './metrics.js';

/** One timer per sandbox: every scaled minute, sample the instances, drop expired data, evaluate the alarms. */
async function start(runtime: SandboxRuntime): Promise<void> {
  const datapoints = await datapointsOf(runtime);
  const sampler = newSampler();
  const every = Math.max(20, Math.min(MINUTE_MS, EVALUATION_MS) * runtime.options.timeScale);
  const timer = setInterval(() => {
    try {
      emitEc2Metrics(runtime, sampler, datapoints);
      datapoints.expire();
      evaluateAll(runtime, datapoints);
    } catch (e) {
      if (runtime.options.verbose) console.error('cloudwatch timer:', e);
    }
  }, every);
  timer.unref();
  runtime.onClose(() => clearInterval(timer));
}

export const cloudwatch: ServiceDefinition<CloudWatchApi> = {
  signingName: 'monitoring',
  actionPrefix: 'cloudwatch',
  protocols: ['json', 'query'],
  modelPackage: '@aws-sdk/client-cloudwatch',
  xmlNamespace: 'http://monitoring.amazonaws.com/doc/2010-08-01/',
  targetPrefix: 'GraniteServiceVersion20100801',
  handlers: {
    PutMetricData: metrics.putMetricData,
    ListMetrics: metrics.listMetrics,
    GetMetricStatistics: metrics.getMetricStatistics,
    GetMetricData: metricData.getMetricData,
    PutMetricAlarm: alarms.putMetricAlarm,
    DescribeAlarms: alarms.describeAlarms,
    DescribeAlarmsForMetric: alarms.describeAlarmsForMetric,
    DeleteAlarms: alarms.deleteAlarms,
    SetAlarmState: alarms.setAlarmState,
    DescribeAlarmHistory: alarms.describeAlarmHistory,
    EnableAlarmActions: alarms.setActionsEnabled(true),
    DisableAlarmActions: alarms.setActionsEnabled(false),
    PutCompositeAlarm: composites.putCompositeAlarm,
    PutDashboard: dashboards.putDashboard,
    GetDashboard: dashboards.getDashboard,
    ListDashboards: dashboards.listDashboards,
    DeleteDashboards: dashboards.deleteDashboards,
    TagResource: tags.tagResource,
    UntagResource: tags.untagResource,
    ListTagsForResource: tags.listTagsForResource,
    PutInsightRule: insightRules.putInsightRule,
    DescribeInsightRules: insightRules.describeInsightRules,
    DeleteInsightRules: insightRules.deleteInsightRules,
    EnableInsightRules: insightRules.setInsightRulesState(true),
    DisableInsightRules: insightRules.setInsightRulesState(false),
  },
  start,
};
