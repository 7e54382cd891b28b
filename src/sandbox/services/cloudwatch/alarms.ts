/**
 * Metric alarms — on a metric's statistic or percentile, or on metric math — and what metric and
 * composite alarms share: DescribeAlarms(ForMetric), DeleteAlarms, SetAlarmState,
 * DescribeAlarmHistory, Enable/DisableAlarmActions. State changes are ./transitions.ts's.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { parseAlarmRule, ruleAlarms } from './alarm-rule.js';
import { alarmPeriod, checkQueries } from './metric-data.js';
import { functionsCalled } from './metric-math.js';
import { checkPeriod } from './metrics.js';
import { percentileOf } from './percentiles.js';
import { isStatistic, STATISTICS, type Statistic } from './statistics.js';
import { regionState, sortDimensions } from './state.js';
import { putTags } from './tags.js';
import { alarmTypeOf, changeState, evaluateComposites, recordHistory } from './transitions.js';
import type { AlarmBase, AlarmRecord, AlarmState, CloudWatchState, CompositeAlarmRecord, Input, Output } from './types.js';

const OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'];
const ACTION = /^arn:aws:(sns|automate|swf|lambda|ssm|ssm-incidents):/;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

/** Checks the name and actions every alarm has. */
type AlarmActionsInput = { OKActions?: string[]; AlarmActions?: string[]; InsufficientDataActions?: string[] };

export function checkAlarmBasics(input: AlarmActionsInput & { AlarmName?: string }): string {
  const name = input.AlarmName ?? '';
  if (!name || name.length > 255) throw invalid('The parameter AlarmName must be between 1 and 255 characters.');
  for (const arn of [...(input.OKActions ?? []), ...(input.AlarmActions ?? []), ...(input.InsufficientDataActions ?? [])]) {
    if (!ACTION.test(arn)) throw invalid(`Invalid arn syntax: ${arn}`);
  }
  return name;
}

/** What metric and composite alarms share, from the Put input; a replaced alarm keeps its state. */
export function alarmBase(ctx: RequestContext, name: string, input: AlarmActionsInput & { AlarmDescription?: string; ActionsEnabled?: boolean }, old: AlarmBase | undefined): AlarmBase {
  const now = new Date().toISOString();
  return {
    AlarmName: name,
    AlarmArn: `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:alarm:${name}`,
    AlarmDescription: input.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: now,
    ActionsEnabled: input.ActionsEnabled ?? true,
    OKActions: input.OKActions ?? [],
    AlarmActions: input.AlarmActions ?? [],
    InsufficientDataActions: input.InsufficientDataActions ?? [],
    StateValue: old?.StateValue ?? 'INSUFFICIENT_DATA',
    StateReason: old?.StateReason ?? 'Unchecked: Initial alarm creation',
    StateReasonData: old?.StateReasonData,
    StateUpdatedTimestamp: old?.StateUpdatedTimestamp ?? now,
    StateTransitionedTimestamp: old?.StateTransitionedTimestamp ?? now,
  };
}

/** What a metric alarm watches: one metric's statistic, or metric math (`Metrics`), never both. */
function checkMetric(input: Input<'PutMetricAlarm'>): Pick<AlarmRecord, 'MetricName' | 'Namespace' | 'Statistic' | 'ExtendedStatistic' | 'Period' | 'Metrics' | 'EvaluateLowSampleCountPercentile'> {
  if (input.Metrics?.length) {
    const single = (['MetricName', 'Namespace', 'Statistic', 'ExtendedStatistic', 'Period', 'Unit'] as const).filter((k) => input[k] !== undefined);
    if (single.length || input.Dimensions?.length) throw new AwsError('InvalidParameterCombination', `Metrics is mutually exclusive with ${[...single, ...(input.Dimensions?.length ? ['Dimensions'] : [])].join(', ')}.`);
    if (input.Metrics.filter((q) => q.ReturnData !== false).length !== 1) throw new AwsError('ValidationError', 'Exactly one element of the Metrics list must have ReturnData set to true (it defaults to true).');
    const queries = checkQueries(input.Metrics, 'Metrics');
    if ([...queries.values()].some((q) => q.expression && functionsCalled(q.expression).includes('SEARCH'))) throw new AwsError('ValidationError', 'SEARCH expressions are not supported in alarms.');
    return { Metrics: input.Metrics };
  }
  if (!input.MetricName || !input.Namespace) throw new AwsError('MissingParameter', `The parameter ${input.MetricName ? 'Namespace' : 'MetricName'} is required.`);
  if (input.Statistic && input.ExtendedStatistic) throw new AwsError('InvalidParameterCombination', 'The parameters Statistic and ExtendedStatistic are mutually exclusive and you have specified both.');
  if (!input.Statistic && !input.ExtendedStatistic) throw new AwsError('MissingParameter', 'The parameter Statistic or ExtendedStatistic is required.');
  if (input.Statistic && !STATISTICS.includes(input.Statistic as Statistic)) throw invalid(`The value ${input.Statistic} for parameter Statistic is invalid.`);
  const extended = input.ExtendedStatistic;
  if (extended && (!isStatistic(extended) || STATISTICS.includes(extended as Statistic))) throw invalid(`The value ${extended} for parameter ExtendedStatistic is invalid.`);
  const low = input.EvaluateLowSampleCountPercentile;
  if (low !== undefined && !['evaluate', 'ignore'].includes(low)) throw invalid(`The value ${low} for parameter EvaluateLowSampleCountPercentile is invalid; use evaluate or ignore.`);
  if (low && (!extended || percentileOf(extended) === undefined)) throw new AwsError('InvalidParameterCombination', 'EvaluateLowSampleCountPercentile applies only to alarms on a percentile (ExtendedStatistic pNN).');
  return { MetricName: input.MetricName, Namespace: input.Namespace, Statistic: input.Statistic, ExtendedStatistic: extended, Period: checkPeriod(input.Period), EvaluateLowSampleCountPercentile: low };
}

export function putMetricAlarm(input: Input<'PutMetricAlarm'>, ctx: RequestContext): Output<'PutMetricAlarm'> {
  const name = checkAlarmBasics(input);
  const watched = checkMetric(input);
  if (!OPERATORS.includes(input.ComparisonOperator ?? '')) throw invalid(`The value ${input.ComparisonOperator} for parameter ComparisonOperator is invalid.`);
  if (input.Threshold === undefined) throw new AwsError('MissingParameter', 'The parameter Threshold is required.');
  const periods = input.EvaluationPeriods ?? 0;
  if (periods < 1) throw invalid('The parameter EvaluationPeriods must be greater than or equal to 1.');
  if (alarmPeriod(watched) * periods > 7 * 86400) throw invalid('The evaluation period of the alarm must be no more than 7 days (Period * EvaluationPeriods).');
  if (input.DatapointsToAlarm !== undefined && (input.DatapointsToAlarm < 1 || input.DatapointsToAlarm > periods)) {
    throw invalid('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  if (input.TreatMissingData && !MISSING.includes(input.TreatMissingData)) throw invalid(`The value ${input.TreatMissingData} for parameter TreatMissingData is invalid.`);
  const state = regionState(ctx);
  if (state.composites[name]) throw invalid(`The alarm ${name} is a composite alarm; a metric alarm cannot have its name.`);
  const old = state.alarms[name];
  const alarm: AlarmRecord = {
    ...alarmBase(ctx, name, input, old),
    ...watched,
    Dimensions: sortDimensions(input.Dimensions),
    Unit: input.Unit,
    EvaluationPeriods: periods,
    DatapointsToAlarm: input.DatapointsToAlarm,
    Threshold: input.Threshold,
    ComparisonOperator: input.ComparisonOperator!,
    TreatMissingData: input.TreatMissingData,
  };
  state.alarms[name] = alarm;
  if (!old) putTags(state, alarm.AlarmArn, input.Tags);
  recordConfiguration(state, alarm, !!old, alarm.AlarmConfigurationUpdatedTimestamp);
  return {};
}

/** Records a created or updated alarm in its history. */
export function recordConfiguration(state: CloudWatchState, alarm: AlarmRecord | CompositeAlarmRecord, updated: boolean, at: string): void {
  const shown = { ...alarm, StateReasonData: undefined };
  const summary = `Alarm "${alarm.AlarmName}" ${updated ? 'updated' : 'created'}`;
  recordHistory(state, alarm, 'ConfigurationUpdate', summary, updated ? { type: 'Update', updatedAlarm: shown, originalUpdatedFields: {} } : { type: 'Create', createdAlarm: shown }, at);
}

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const from = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalid('The value for parameter NextToken is invalid.');
  return { items: items.slice(from, from + size), next: from + size < items.length ? Buffer.from(String(from + size)).toString('base64url') : undefined };
}

/** The alarms a composite alarm's rule names. */
function childrenOf(state: CloudWatchState, name: string): string[] {
  const composite = state.composites[name];
  return composite ? ruleAlarms(parseAlarmRule(composite.AlarmRule)) : [];
}

export function describeAlarms(input: Input<'DescribeAlarms'>, ctx: RequestContext): Output<'DescribeAlarms'> {
  if (input.AlarmNames?.length && input.AlarmNamePrefix) throw new AwsError('InvalidParameterCombination', 'AlarmNamePrefix and AlarmNames cannot both be specified.');
  const relatives = [input.ChildrenOfAlarmName, input.ParentsOfAlarmName].filter(Boolean).length;
  if (relatives && (input.AlarmNames?.length || input.AlarmNamePrefix || relatives > 1)) {
    throw new AwsError('InvalidParameterCombination', 'ChildrenOfAlarmName and ParentsOfAlarmName cannot be given together, nor with AlarmNames or AlarmNamePrefix.');
  }
  const state = regionState(ctx);
  // Without AlarmTypes, AWS returns metric alarms only.
  const types = input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm'];
  const children = input.ChildrenOfAlarmName ? childrenOf(state, input.ChildrenOfAlarmName) : undefined;
  const keep = (a: AlarmBase) =>
    (!input.AlarmNames?.length || input.AlarmNames.includes(a.AlarmName)) &&
    (!input.AlarmNamePrefix || a.AlarmName.startsWith(input.AlarmNamePrefix)) &&
    (!input.StateValue || a.StateValue === input.StateValue) &&
    (!input.ActionPrefix || [...a.OKActions, ...a.AlarmActions, ...a.InsufficientDataActions].some((x) => x.startsWith(input.ActionPrefix!))) &&
    (!children || children.includes(a.AlarmName)) &&
    (!input.ParentsOfAlarmName || childrenOf(state, a.AlarmName).includes(input.ParentsOfAlarmName));
  const all = [...(types.includes('MetricAlarm') ? Object.values(state.alarms) : []), ...(types.includes('CompositeAlarm') ? Object.values(state.composites) : [])]
    .filter(keep)
    .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
  const { items, next } = page<AlarmBase>(all, input.NextToken, Math.min(input.MaxRecords ?? 50, 100));
  return {
    MetricAlarms: items.filter((a) => alarmTypeOf(a) === 'MetricAlarm') as AlarmRecord[],
    CompositeAlarms: items.filter((a) => alarmTypeOf(a) === 'CompositeAlarm') as CompositeAlarmRecord[],
    NextToken: next,
  };
}

export function describeAlarmsForMetric(input: Input<'DescribeAlarmsForMetric'>, ctx: RequestContext): Output<'DescribeAlarmsForMetric'> {
  const dims = JSON.stringify(sortDimensions(input.Dimensions));
  const alarms = Object.values(regionState(ctx).alarms).filter(
    (a) =>
      a.MetricName === input.MetricName &&
      a.Namespace === input.Namespace &&
      (!input.Dimensions || JSON.stringify(a.Dimensions) === dims) &&
      (!input.Statistic || a.Statistic === input.Statistic) &&
      (!input.ExtendedStatistic || a.ExtendedStatistic === input.ExtendedStatistic) &&
      (!input.Period || a.Period === input.Period) &&
      (!input.Unit || a.Unit === input.Unit),
  );
  return { MetricAlarms: alarms };
}

function findAlarm(state: CloudWatchState, name: string | undefined): AlarmRecord | CompositeAlarmRecord {
  const alarm = state.alarms[name ?? ''] ?? state.composites[name ?? ''];
  if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
  return alarm;
}

export function deleteAlarms(input: Input<'DeleteAlarms'>, ctx: RequestContext): Output<'DeleteAlarms'> {
  const state = regionState(ctx);
  const names = input.AlarmNames ?? [];
  const missing = names.filter((n) => !state.alarms[n] && !state.composites[n]);
  if (missing.length) throw new AwsError('ResourceNotFound', `${missing.length} of the alarms requested could not be found: ${missing.join(', ')}`, 404);
  for (const n of names) {
    const alarm = findAlarm(state, n);
    delete state.alarms[n];
    delete state.composites[n];
    delete state.tags[alarm.AlarmArn];
    recordHistory(state, alarm, 'ConfigurationUpdate', `Alarm "${n}" deleted`, { type: 'Delete' });
  }
  // A composite alarm whose child is gone no longer sees it in any state.
  evaluateComposites(ctx.sandbox, ctx.accountId, ctx.region);
  return {};
}

export function setAlarmState(input: Input<'SetAlarmState'>, ctx: RequestContext): Output<'SetAlarmState'> {
  const alarm = findAlarm(regionState(ctx), input.AlarmName);
  if (!STATES.includes(input.StateValue as AlarmState)) throw invalid(`The value ${input.StateValue} for parameter StateValue is invalid.`);
  if (input.StateReasonData !== undefined) {
    try {
      JSON.parse(input.StateReasonData);
    } catch {
      throw new AwsError('InvalidFormat', 'StateReasonData is not valid JSON.');
    }
  }
  changeState(ctx.sandbox, ctx.accountId, ctx.region, alarm, input.StateValue as AlarmState, input.StateReason ?? '', input.StateReasonData);
  return {};
}

export function setActionsEnabled(enabled: boolean) {
  return (input: Input<'EnableAlarmActions'>, ctx: RequestContext): Output<'EnableAlarmActions'> => {
    const state = regionState(ctx);
    for (const n of input.AlarmNames ?? []) {
      const alarm = state.alarms[n] ?? state.composites[n];
      if (alarm) alarm.ActionsEnabled = enabled;
    }
    return {};
  };
}

export function describeAlarmHistory(input: Input<'DescribeAlarmHistory'>, ctx: RequestContext): Output<'DescribeAlarmHistory'> {
  let items = regionState(ctx)
    .history.filter((h) => !input.AlarmName || h.AlarmName === input.AlarmName)
    // Without AlarmTypes, AWS answers the history of metric alarms only.
    .filter((h) => (input.AlarmTypes?.length ? input.AlarmTypes : ['MetricAlarm']).includes(h.AlarmType))
    .filter((h) => !input.HistoryItemType || h.HistoryItemType === input.HistoryItemType)
    .filter((h) => !input.StartDate || Date.parse(h.Timestamp) >= input.StartDate.getTime())
    .filter((h) => !input.EndDate || Date.parse(h.Timestamp) <= input.EndDate.getTime());
  if (input.ScanBy !== 'TimestampAscending') items = [...items].reverse();
  const { items: shown, next } = page(items, input.NextToken, Math.min(input.MaxRecords ?? 100, 100));
  return { AlarmHistoryItems: shown, NextToken: next };
}
