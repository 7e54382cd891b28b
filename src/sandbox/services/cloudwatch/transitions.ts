/**
 * An alarm's state change, which every path shares (SetAlarmState, evaluation on data, a composite
 * alarm's children changing): it records history, runs the new state's actions (publishing to SNS
 * topics) and re-evaluates the composite alarms whose rules name the alarm that changed.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { publishTo } from '../sns/index.js';
import { parseAlarmRule, ruleAlarms, ruleHolds } from './alarm-rule.js';
import { alarmEmail, alarmMessage, alarmSubject, longDate } from './notification.js';
import { stateOf } from './state.js';
import type { AlarmBase, AlarmRecord, AlarmState, AlarmType, CloudWatchState, CompositeAlarmRecord, HistoryItem } from './types.js';

const HISTORY_MS = 14 * 24 * 3600 * 1000;

function isComposite(alarm: AlarmBase): alarm is CompositeAlarmRecord {
  return 'AlarmRule' in alarm;
}

export function alarmTypeOf(alarm: AlarmBase): AlarmType {
  return isComposite(alarm) ? 'CompositeAlarm' : 'MetricAlarm';
}

export function recordHistory(state: CloudWatchState, alarm: AlarmBase, type: HistoryItem['HistoryItemType'], summary: string, data: object, at = new Date().toISOString()): void {
  state.history.push({ AlarmName: alarm.AlarmName, AlarmType: alarmTypeOf(alarm), Timestamp: at, HistoryItemType: type, HistorySummary: summary, HistoryData: JSON.stringify({ version: '1.0', ...data }) });
  const cutoff = Date.now() - HISTORY_MS;
  while (state.history.length && Date.parse(state.history[0].Timestamp) < cutoff) state.history.shift();
}

/**
 * Moves an alarm to `next`: records the update and, if the state changed and actions are enabled,
 * runs that state's actions, recording each outcome; then the composite alarms over it follow.
 */
export function changeState(runtime: SandboxRuntime, accountId: string, region: string, alarm: AlarmRecord | CompositeAlarmRecord, next: AlarmState, reason: string, reasonData?: string): void {
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
  recordHistory(state, alarm, 'StateUpdate', `Alarm updated from ${oldState} to ${next}`, {
    oldState: { stateValue: oldState, stateReason: oldReason },
    newState: { stateValue: next, stateReason: reason, ...(reasonData ? { stateReasonData: JSON.parse(reasonData) } : {}) },
  }, now.toISOString());
  if (alarm.ActionsEnabled) runActions(runtime, state, { alarm, accountId, region, oldState }, now);
  runtime.store.markDirty('monitoring');
  evaluateComposites(runtime, accountId, region, alarm);
}

function runActions(runtime: SandboxRuntime, state: CloudWatchState, change: Parameters<typeof alarmMessage>[0], now: Date): void {
  const { alarm } = change;
  const actions = alarm.StateValue === 'OK' ? alarm.OKActions : alarm.StateValue === 'ALARM' ? alarm.AlarmActions : alarm.InsufficientDataActions;
  for (const arn of actions) {
    const at = new Date(now.getTime() + 1).toISOString();
    try {
      if (!arn.startsWith('arn:aws:sns:')) throw new Error('the paws sandbox runs only SNS actions');
      const message = JSON.stringify({ default: JSON.stringify(alarmMessage(change)), email: alarmEmail(change) });
      publishTo(runtime, arn, { message, subject: alarmSubject(change), structure: 'json' });
      recordHistory(state, alarm, 'Action', `Successfully executed action ${arn}`, { actionState: 'Succeeded', stateUpdateTimestamp: now.getTime(), notificationResource: arn, publishedMessage: { default: alarmMessage(change) } }, at);
    } catch (e) {
      recordHistory(state, alarm, 'Action', `Failed to execute action ${arn}. Received error: "${(e as Error).message}"`, { actionState: 'Failed', stateUpdateTimestamp: now.getTime(), notificationResource: arn, error: (e as Error).message }, at);
    }
  }
}

/** The state of any alarm of a region, metric or composite, by name. */
function stateOfAlarm(state: CloudWatchState, name: string): AlarmState | undefined {
  return (state.alarms[name] ?? state.composites[name])?.StateValue;
}

/** Evaluates composite alarms (those naming `trigger`, or all) on their children's states now. */
export function evaluateComposites(runtime: SandboxRuntime, accountId: string, region: string, trigger?: AlarmBase): void {
  const state = stateOf(runtime, accountId, region);
  for (const composite of Object.values(state.composites)) {
    const rule = parseAlarmRule(composite.AlarmRule);
    const children = ruleAlarms(rule);
    if (trigger && !children.includes(trigger.AlarmName)) continue;
    const next: AlarmState = ruleHolds(rule, (name) => stateOfAlarm(state, name)) ? 'ALARM' : 'OK';
    if (next === composite.StateValue) continue;
    const triggering = (trigger ? [trigger] : children.map((c) => state.alarms[c] ?? state.composites[c]).filter(Boolean)).map((a) => ({ arn: a.AlarmArn, state: { value: a.StateValue, timestamp: a.StateTransitionedTimestamp.replace('Z', '+0000') } }));
    const reason = trigger ? `${trigger.AlarmArn} transitioned to ${trigger.StateValue} at ${longDate(trigger.StateTransitionedTimestamp)}` : 'Composite alarm rule evaluated on its children';
    changeState(runtime, accountId, region, composite, next, reason, JSON.stringify({ triggeringAlarms: triggering }));
  }
}
