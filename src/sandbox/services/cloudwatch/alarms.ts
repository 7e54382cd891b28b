/**
 * Metric alarms: PutMetricAlarm, DescribeAlarms(ForMetric), DeleteAlarms, SetAlarmState,
 * DescribeAlarmHistory, Enable/DisableAlarmActions — and the state change every path shares,
 * which records history and runs the actions (publishing to SNS topics).
 */
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { publishTo } from '../sns/index.js';
import { checkPeriod } from './metrics.js';
import { alarmEmail, alarmMessage, alarmSubject } from './notification.js';
import { regionState, sortDimensions, stateOf } from './state.js';
import type { AlarmRecord, AlarmState, CloudWatchState, HistoryItem, Input, Output } from './types.js';

const OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const STATISTICS = ['SampleCount', 'Average', 'Sum', 'Minimum', 'Maximum'];
const STATES: AlarmState[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
const MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'];
const HISTORY_MS = 14 * 24 * 3600 * 1000;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

function history(state: CloudWatchState, alarm: string, type: HistoryItem['HistoryItemType'], summary: string, data: object, at = new Date().toISOString()): void {
  state.history.push({ AlarmName: alarm, AlarmType: 'MetricAlarm', Timestamp: at, HistoryItemType: type, HistorySummary: summary, HistoryData: JSON.stringify({ version: '1.0', ...data }) });
  const cutoff = Date.now() - HISTORY_MS;
  while (state.history.length && Date.parse(state.history[0].Timestamp) < cutoff) state.history.shift();
}

export function putMetricAlarm(input: Input<'PutMetricAlarm'>, ctx: RequestContext): Output<'PutMetricAlarm'> {
  const name = input.AlarmName ?? '';
  if (!name || name.length > 255) throw invalid('The parameter AlarmName must be between 1 and 255 characters.');
  if (input.Metrics?.length) throw invalid('The paws sandbox does not evaluate metric math alarms; give MetricName, Namespace and Statistic.');
  if (!input.MetricName || !input.Namespace) throw new AwsError('MissingParameter', `The parameter ${input.MetricName ? 'Namespace' : 'MetricName'} is required.`);
  if (input.ExtendedStatistic) throw invalid('The paws sandbox does not evaluate percentile statistics (ExtendedStatistic); use Statistic.');
  if (!input.Statistic) throw new AwsError('MissingParameter', 'The parameter Statistic is required.');
  if (!STATISTICS.includes(input.Statistic)) throw invalid(`The value ${input.Statistic} for parameter Statistic is invalid.`);
  if (!OPERATORS.includes(input.ComparisonOperator ?? '')) throw invalid(`The value ${input.ComparisonOperator} for parameter ComparisonOperator is invalid.`);
  if (input.Threshold === undefined) throw new AwsError('MissingParameter', 'The parameter Threshold is required.');
  const period = checkPeriod(input.Period);
  const periods = input.EvaluationPeriods ?? 0;
  if (periods < 1) throw invalid('The parameter EvaluationPeriods must be greater than or equal to 1.');
  if (period * periods > 7 * 86400) throw invalid('The evaluation period of the alarm must be no more than 7 days (Period * EvaluationPeriods).');
  if (input.DatapointsToAlarm !== undefined && (input.DatapointsToAlarm < 1 || input.DatapointsToAlarm > periods)) {
    throw invalid('DatapointsToAlarm must be between 1 and EvaluationPeriods.');
  }
  if (input.TreatMissingData && !MISSING.includes(input.TreatMissingData)) throw invalid(`The value ${input.TreatMissingData} for parameter TreatMissingData is invalid.`);
  for (const arn of [...(input.OKActions ?? []), ...(input.AlarmActions ?? []), ...(input.InsufficientDataActions ?? [])]) {
    if (!/^arn:aws:(sns|automate|swf|lambda|ssm|ssm-incidents):/.test(arn)) throw invalid(`Invalid arn syntax: ${arn}`);
  }
  const state = regionState(ctx);
  const now = new Date().toISOString();
  const old = state.alarms[name];
  const alarm: AlarmRecord = {
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
    MetricName: input.MetricName,
    Namespace: input.Namespace,
    Statistic: input.Statistic,
    Dimensions: sortDimensions(input.Dimensions),
    Period: period,
    Unit: input.Unit,
    EvaluationPeriods: periods,
    DatapointsToAlarm: input.DatapointsToAlarm,
    Threshold: input.Threshold,
    ComparisonOperator: input.ComparisonOperator!,
    TreatMissingData: input.TreatMissingData,
  };
  state.alarms[name] = alarm;
  const shown = { ...alarm, StateReasonData: undefined };
  history(state, name, 'ConfigurationUpdate', `Alarm "${name}" ${old ? 'updated' : 'created'}`, old ? { type: 'Update', updatedAlarm: shown, originalUpdatedFields: {} } : { type: 'Create', createdAlarm: shown }, now);
  return {};
}

function page<T>(items: T[], token: string | undefined, size: number): { items: T[]; next?: string } {
  const from = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalid('The value for parameter NextToken is invalid.');
  return { items: items.slice(from, from + size), next: from + size < items.length ? Buffer.from(String(from + size)).toString('base64url') : undefined };
}

export function describeAlarms(input: Input<'DescribeAlarms'>, ctx: RequestContext): Output<'DescribeAlarms'> {
  if (input.AlarmNames?.length && input.AlarmNamePrefix) throw new AwsError('InvalidParameterCombination', 'AlarmNamePrefix and AlarmNames cannot both be specified.');
  const wantMetric = !input.AlarmTypes?.length || input.AlarmTypes.includes('MetricAlarm');
  const alarms = Object.values(regionState(ctx).alarms)
    .filter((a) => wantMetric)
    .filter((a) => !input.AlarmNames?.length || input.AlarmNames.includes(a.AlarmName))
    .filter((a) => !input.AlarmNamePrefix || a.AlarmName.startsWith(input.AlarmNamePrefix))
    .filter((a) => !input.StateValue || a.StateValue === input.StateValue)
    .filter((a) => !input.ActionPrefix || [...a.OKActions, ...a.AlarmActions, ...a.InsufficientDataActions].some((x) => x.startsWith(input.ActionPrefix!)))
    .sort((a, b) => a.AlarmName.localeCompare(b.AlarmName));
  const { items, next } = page(alarms, input.NextToken, Math.min(input.MaxRecords ?? 50, 100));
  return { MetricAlarms: items, CompositeAlarms: [], NextToken: next };
}

export function describeAlarmsForMetric(input: Input<'DescribeAlarmsForMetric'>, ctx: RequestContext): Output<'DescribeAlarmsForMetric'> {
  const dims = JSON.stringify(sortDimensions(input.Dimensions));
  const alarms = Object.values(regionState(ctx).alarms).filter(
    (a) =>
      a.MetricName === input.MetricName &&
      a.Namespace === input.Namespace &&
      (!input.Dimensions || JSON.stringify(a.Dimensions) === dims) &&
      (!input.Statistic || a.Statistic === input.Statistic) &&
      (!input.Period || a.Period === input.Period) &&
      (!input.Unit || a.Unit === input.Unit),
  );
  return { MetricAlarms: alarms };
}

export function deleteAlarms(input: Input<'DeleteAlarms'>, ctx: RequestContext): Output<'DeleteAlarms'> {
  const state = regionState(ctx);
  const missing = (input.AlarmNames ?? []).filter((n) => !state.alarms[n]);
  if (missing.length) throw new AwsError('ResourceNotFound', `${missing.length} of the alarms requested could not be found: ${missing.join(', ')}`, 404);
  for (const n of input.AlarmNames ?? []) {
    delete state.alarms[n];
    history(state, n, 'ConfigurationUpdate', `Alarm "${n}" deleted`, { type: 'Delete' });
  }
  return {};
}

function findAlarm(state: CloudWatchState, name: string | undefined): AlarmRecord {
  const alarm = state.alarms[name ?? ''];
  if (!alarm) throw new AwsError('ResourceNotFound', `Alarm ${name} not found`, 404);
  return alarm;
}

export function setAlarmState(input: Input<'SetAlarmState'>, ctx: RequestContext): Output<'SetAlarmState'> {
  const state = regionState(ctx);
  const alarm = findAlarm(state, input.AlarmName);
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
    for (const n of input.AlarmNames ?? []) if (state.alarms[n]) state.alarms[n].ActionsEnabled = enabled;
    return {};
  };
}

export function describeAlarmHistory(input: Input<'DescribeAlarmHistory'>, ctx: RequestContext): Output<'DescribeAlarmHistory'> {
  let items = regionState(ctx)
    .history.filter((h) => !input.AlarmName || h.AlarmName === input.AlarmName)
    .filter((h) => !input.HistoryItemType || h.HistoryItemType === input.HistoryItemType)
    .filter((h) => !input.StartDate || Date.parse(h.Timestamp) >= input.StartDate.getTime())
    .filter((h) => !input.EndDate || Date.parse(h.Timestamp) <= input.EndDate.getTime());
  if (input.ScanBy !== 'TimestampAscending') items = [...items].reverse();
  const { items: shown, next } = page(items, input.NextToken, Math.min(input.MaxRecords ?? 100, 100));
  return { AlarmHistoryItems: shown, NextToken: next };
}

/**
 * Moves an alarm to `next` (SetAlarmState or an evaluation): records the update and, if the state
 * changed and actions are enabled, runs that state's actions, recording each outcome.
 */
export function changeState(runtime: SandboxRuntime, accountId: string, region: string, alarm: AlarmRecord, next: AlarmState, reason: string, reasonData?: string): void {
  const state = stateOf(runtime, accountId, region);
  const oldState = alarm.StateValue;
  const oldReason = alarm.StateReason;
  const now = new Date();
  alarm.StateValue = next;
  alarm.StateReason = reason;
  alarm.StateReasonData = reasonData;
  alarm.StateUpdatedTimestamp = now.toISOString();
  if (oldState === next) return void runtime.store.markDirty('monitoring');
  alarm.StateTransitionedTimestamp = now.toISOString();
  history(state, alarm.AlarmName, 'StateUpdate', `Alarm updated from ${oldState} to ${next}`, {
    oldState: { stateValue: oldState, stateReason: oldReason },
    newState: { stateValue: next, stateReason: reason, ...(reasonData ? { stateReasonData: JSON.parse(reasonData) } : {}) },
  }, now.toISOString());
  if (alarm.ActionsEnabled) {
    const actions = next === 'OK' ? alarm.OKActions : next === 'ALARM' ? alarm.AlarmActions : alarm.InsufficientDataActions;
    const change = { alarm, accountId, region, oldState };
    for (const arn of actions) {
      const at = new Date(now.getTime() + 1).toISOString();
      try {
        if (!arn.startsWith('arn:aws:sns:')) throw new Error('the paws sandbox runs only SNS actions');
        const message = JSON.stringify({ default: JSON.stringify(alarmMessage(change)), email: alarmEmail(change) });
        publishTo(runtime, arn, { message, subject: alarmSubject(change), structure: 'json' });
        history(state, alarm.AlarmName, 'Action', `Successfully executed action ${arn}`, { actionState: 'Succeeded', stateUpdateTimestamp: now.getTime(), notificationResource: arn, publishedMessage: { default: alarmMessage(change) } }, at);
      } catch (e) {
        history(state, alarm.AlarmName, 'Action', `Failed to execute action ${arn}. Received error: "${(e as Error).message}"`, { actionState: 'Failed', stateUpdateTimestamp: now.getTime(), notificationResource: arn, error: (e as Error).message }, at);
      }
    }
  }
  runtime.store.markDirty('monitoring');
}
