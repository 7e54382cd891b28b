/**
 * Alarms as the book's boto objects: `MetricAlarm:CPUAlarm[CPUUtilization(Average)
 * GreaterThanThreshold 80.0]`, with `setState`, `describeHistory` (→ `AlarmHistory:` items),
 * `update()` and `delete()` (recipe 2.13).
 */
import { inspect } from 'node:util';
import { paginateDescribeAlarms, type AlarmHistoryItem, type CloudWatch, type MetricAlarm as AlarmData } from '@aws-sdk/client-cloudwatch';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';
import { dimensionMap, toDate, toDimensions, type Dimensions } from './dimensions.js';
import type { Metric } from './metric.js';

const COMPARISONS: Record<string, string> = {
  '>': 'GreaterThanThreshold',
  '>=': 'GreaterThanOrEqualToThreshold',
  '<': 'LessThanThreshold',
  '<=': 'LessThanOrEqualToThreshold',
};

/** `>` → `GreaterThanThreshold` (the operator names pass through). */
export function comparisonOperator(comparison: string): string {
  const op = COMPARISONS[comparison.trim()] ?? comparison;
  if (!Object.values(COMPARISONS).includes(op)) throw new TypeError(`comparison must be one of >, >=, <, <= (or ${Object.values(COMPARISONS).join(', ')}), not ${comparison}`);
  return op;
}

/** `80.0` as Python prints floats, so reprs read as the book's. */
function float(n: number | undefined): string {
  return n === undefined ? '' : Number.isInteger(n) ? n.toFixed(1) : String(n);
}

/** `2011-09-20 14:32:14.355000`, as the book's history items print times. */
function historyTime(d: Date | undefined): string {
  return d ? `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 23)}000` : '';
}

export class AlarmHistory {
  constructor(readonly data: AlarmHistoryItem) {}
  get alarmName(): string {
    return this.data.AlarmName ?? '';
  }
  get timestamp(): Date | undefined {
    return this.data.Timestamp;
  }
  /** `StateUpdate`, `Action` or `ConfigurationUpdate`. */
  get type(): string | undefined {
    return this.data.HistoryItemType;
  }
  get summary(): string {
    return this.data.HistorySummary ?? '';
  }
  /** The item's details, parsed from the JSON CloudWatch keeps. */
  get details(): unknown {
    try {
      return JSON.parse(this.data.HistoryData ?? 'null');
    } catch {
      return this.data.HistoryData;
    }
  }
  toString(): string {
    return `AlarmHistory:${this.alarmName}[${this.summary} at ${historyTime(this.timestamp)}]`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

/** The fields metric and composite alarms share, as DescribeAlarms gives them. */
type AlarmFields = Pick<AlarmData, 'AlarmName' | 'AlarmArn' | 'AlarmDescription' | 'StateValue' | 'StateReason' | 'AlarmActions' | 'OKActions' | 'InsufficientDataActions' | 'ActionsEnabled'>;

/** What metric and composite alarms share at the prompt: names, state, actions, history, setState, delete. */
export abstract class Alarm<Data extends AlarmFields> extends Resource<Data, CloudWatch> {
  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.AlarmName ?? '';
  }
  get arn(): string | undefined {
    return this.data.AlarmArn;
  }
  get description(): string | undefined {
    return this.data.AlarmDescription;
  }
  /** `OK`, `ALARM` or `INSUFFICIENT_DATA` (as last described). */
  get state(): string | undefined {
    return this.data.StateValue;
  }
  get stateReason(): string | undefined {
    return this.data.StateReason;
  }
  get alarmActions(): string[] {
    return this.data.AlarmActions ?? [];
  }
  get okActions(): string[] {
    return this.data.OKActions ?? [];
  }
  get insufficientDataActions(): string[] {
    return this.data.InsufficientDataActions ?? [];
  }
  get actionsEnabled(): boolean {
    return this.data.ActionsEnabled ?? false;
  }

  /** Forces the state until the next evaluation, firing its actions (to test them, as in the book); `data` is JSON or an object. */
  async setState(state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA', reason: string, data?: unknown): Promise<boolean> {
    const reasonData = data === undefined ? undefined : typeof data === 'string' ? data : JSON.stringify(data);
    await this.client.setAlarmState({ AlarmName: this.name, StateValue: state, StateReason: reason, StateReasonData: reasonData });
    return true;
  }

  /** The alarm's history, newest first: state changes, actions, configuration updates. */
  async describeHistory(options: { type?: 'StateUpdate' | 'Action' | 'ConfigurationUpdate'; start?: Date | string; end?: Date | string } = {}): Promise<AlarmHistory[]> {
    const items: AlarmHistory[] = [];
    let NextToken: string | undefined;
    do {
      const page = await this.client.describeAlarmHistory({
        AlarmName: this.name,
        // Names are unique across metric and composite alarms; without both types AWS answers metric alarms' history only.
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        HistoryItemType: options.type,
        StartDate: options.start === undefined ? undefined : toDate(options.start),
        EndDate: options.end === undefined ? undefined : toDate(options.end),
        NextToken,
      });
      items.push(...(page.AlarmHistoryItems ?? []).map((h) => new AlarmHistory(h)));
      NextToken = page.NextToken;
    } while (NextToken);
    return items.sort((a, b) => (b.timestamp?.getTime() ?? 0) - (a.timestamp?.getTime() ?? 0));
  }

  async enableActions(): Promise<void> {
    await this.client.enableAlarmActions({ AlarmNames: [this.name] });
  }
  async disableActions(): Promise<void> {
    await this.client.disableAlarmActions({ AlarmNames: [this.name] });
  }
  async delete(): Promise<void> {
    await this.client.deleteAlarms({ AlarmNames: [this.name] });
  }
}

export class MetricAlarm extends Alarm<AlarmData> {
  static override kind = 'MetricAlarm';
  static override columns: readonly Column<MetricAlarm>[] = [
    { header: 'Alarm', value: (a) => a.name },
    { header: 'State', value: (a) => a.state },
    { header: 'Metric', value: (a) => `${a.namespace} ${a.metricName}` },
    { header: 'Condition', value: (a) => `${a.statistic} ${a.comparison} ${float(a.threshold)}` },
    { header: 'Period', value: (a) => `${a.evaluationPeriods} × ${a.period}s` },
  ];

  override toString(): string {
    return `MetricAlarm:${this.name}[${this.metricName}(${this.statistic}) ${this.comparison} ${float(this.threshold)}]`;
  }
  get metricName(): string {
    return this.data.MetricName ?? '';
  }
  get namespace(): string {
    return this.data.Namespace ?? '';
  }
  get dimensions(): Record<string, string[]> {
    return dimensionMap(this.data.Dimensions);
  }
  get statistic(): string | undefined {
    return this.data.Statistic ?? this.data.ExtendedStatistic;
  }
  get comparison(): string | undefined {
    return this.data.ComparisonOperator;
  }
  get threshold(): number | undefined {
    return this.data.Threshold;
  }
  get period(): number | undefined {
    return this.data.Period;
  }
  get evaluationPeriods(): number | undefined {
    return this.data.EvaluationPeriods;
  }

  protected async describe(): Promise<AlarmData> {
    const { MetricAlarms = [] } = await this.client.describeAlarms({ AlarmNames: [this.name] });
    if (!MetricAlarms[0]) throw new ResourceNotFound('MetricAlarm', this.name);
    return MetricAlarms[0];
  }
}

export interface AlarmOptions {
  name: string;
  /** `>`, `>=`, `<`, `<=` or CloudWatch's operator names. */
  comparison: string;
  threshold: number;
  /** Seconds. @default 60 */
  period?: number;
  /** @default 1 */
  evaluationPeriods?: number;
  /** Of the evaluation periods, how many must breach. @default evaluationPeriods */
  datapointsToAlarm?: number;
  /** SampleCount, Average, Sum, Minimum or Maximum. @default 'Average' */
  statistic?: string;
  alarmActions?: string[];
  okActions?: string[];
  insufficientDataActions?: string[];
  description?: string;
  unit?: string;
  /** breaching, notBreaching, ignore or missing. @default 'missing' */
  treatMissingData?: string;
}

/** Creates (or replaces) an alarm on a metric and returns it as described. */
export async function createAlarm(cw: CloudWatch, o: AlarmOptions & { metric: Metric } | AlarmOptions & { namespace: string; metricName: string; dimensions?: Dimensions }): Promise<MetricAlarm> {
  const target = 'metric' in o ? { Namespace: o.metric.namespace, MetricName: o.metric.name, Dimensions: o.metric.data.Dimensions } : { Namespace: o.namespace, MetricName: o.metricName, Dimensions: toDimensions(o.dimensions) };
  await cw.putMetricAlarm({
    AlarmName: o.name,
    AlarmDescription: o.description,
    ...target,
    ComparisonOperator: comparisonOperator(o.comparison) as never,
    Threshold: o.threshold,
    Period: o.period ?? 60,
    EvaluationPeriods: o.evaluationPeriods ?? 1,
    DatapointsToAlarm: o.datapointsToAlarm,
    Statistic: (o.statistic ?? 'Average') as never,
    AlarmActions: o.alarmActions,
    OKActions: o.okActions,
    InsufficientDataActions: o.insufficientDataActions,
    Unit: o.unit as never,
    TreatMissingData: o.treatMissingData,
  });
  return new MetricAlarm(cw, { AlarmName: o.name }).update();
}

/** Alarms: all, by name prefix or state, or those watching one metric. */
export async function listAlarms(cw: CloudWatch, filter: { metric?: Metric; prefix?: string; state?: string; names?: string[] } = {}): Promise<MetricAlarm[]> {
  if (filter.metric) {
    const m = filter.metric;
    const { MetricAlarms = [] } = await cw.describeAlarmsForMetric({ Namespace: m.namespace, MetricName: m.name, Dimensions: m.data.Dimensions });
    return MetricAlarms.map((a) => new MetricAlarm(cw, a));
  }
  const out: MetricAlarm[] = [];
  for await (const page of paginateDescribeAlarms({ client: cw }, { AlarmNamePrefix: filter.prefix, StateValue: filter.state as never, AlarmNames: filter.names })) {
    out.push(...(page.MetricAlarms ?? []).map((a) => new MetricAlarm(cw, a)));
  }
  return out;
}
