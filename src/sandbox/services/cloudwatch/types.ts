/**
 * The sandbox's CloudWatch state, per account and region: alarms and their history in the state
 * document (`store.get('monitoring', …)`, in the shape DescribeAlarms returns), metrics and their
 * datapoints in ./datapoints.ts. Datapoints are kept as statistic sets, one per PutMetricData
 * value (or set), so any statistic over any period can be computed exactly; timestamps are epoch
 * milliseconds to keep the journal small.
 */
import type * as sdk from '@aws-sdk/client-cloudwatch';
import type { MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';

/** CloudWatch's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type CloudWatchApi = typeof sdk;
export type Operation = keyof SdkApi<CloudWatchApi>;
export type Input<Op extends Operation> = OperationInput<CloudWatchApi, Op>;
export type Output<Op extends Operation> = OperationOutput<CloudWatchApi, Op>;

export interface Dimension {
  Name: string;
  Value: string;
}

/** A dimension as a request gives it: the model's `required` is not enforced on input. */
export interface GivenDimension {
  Name?: string;
  Value?: string;
}

/** `[timestamp ms, sampleCount, sum, minimum, maximum, unit]` */
export type Point = [number, number, number, number, number, string];

export interface MetricRecord {
  /** How the datapoint journal names it. */
  id: number;
  namespace: string;
  name: string;
  /** Sorted by name: a metric is identified by namespace, name and the exact set of dimensions. */
  dimensions: Dimension[];
  /** Oldest first. */
  points: Point[];
  /** When data last arrived (ListMetrics' RecentlyActive). */
  lastPut: number;
}

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

/** What metric and composite alarms share: a name, a state and actions. */
export interface AlarmBase {
  AlarmName: string;
  AlarmArn: string;
  AlarmDescription?: string;
  AlarmConfigurationUpdatedTimestamp: string;
  ActionsEnabled: boolean;
  OKActions: string[];
  AlarmActions: string[];
  InsufficientDataActions: string[];
  StateValue: AlarmState;
  StateReason: string;
  StateReasonData?: string;
  StateUpdatedTimestamp: string;
  StateTransitionedTimestamp: string;
}

/** A metric alarm: on one metric's statistic, or on metric math (`Metrics`). */
export interface AlarmRecord extends AlarmBase {
  MetricName?: string;
  Namespace?: string;
  Statistic?: string;
  ExtendedStatistic?: string;
  Dimensions: Dimension[];
  Period?: number;
  Unit?: string;
  EvaluationPeriods: number;
  DatapointsToAlarm?: number;
  Threshold: number;
  ComparisonOperator: string;
  TreatMissingData?: string;
  EvaluateLowSampleCountPercentile?: string;
  Metrics?: MetricDataQuery[];
}

export interface CompositeAlarmRecord extends AlarmBase {
  AlarmRule: string;
}

export type AlarmType = 'MetricAlarm' | 'CompositeAlarm';

export interface HistoryItem {
  AlarmName: string;
  AlarmType: AlarmType;
  Timestamp: string;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate' | 'Action';
  HistorySummary: string;
  HistoryData: string;
}

export interface DashboardRecord {
  DashboardName: string;
  DashboardBody: string;
  LastModified: string;
}

export interface InsightRuleRecord {
  Name: string;
  State: 'ENABLED' | 'DISABLED';
  Schema: string;
  Definition: string;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface CloudWatchState {
  /** Metric alarms by name. */
  alarms: Record<string, AlarmRecord>;
  /** Composite alarms by name. */
  composites: Record<string, CompositeAlarmRecord>;
  /** Oldest first. */
  history: HistoryItem[];
  /** By name; dashboards are global, so only the account's `global` state holds them. */
  dashboards: Record<string, DashboardRecord>;
  /** Contributor Insights rules by name. */
  insightRules: Record<string, InsightRuleRecord>;
  /** Tags by resource ARN (alarms, insight rules). */
  tags: Record<string, Tag[]>;
}
