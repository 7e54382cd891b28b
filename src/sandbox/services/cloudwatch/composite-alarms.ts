/**
 * Composite alarms: PutCompositeAlarm with an AlarmRule over other alarms' states (./alarm-rule.ts),
 * evaluated at once and again whenever a child changes state (./transitions.ts), running its actions.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { alarmBase, checkAlarmBasics, recordConfiguration } from './alarms.js';
import { parseAlarmRule, ruleAlarms } from './alarm-rule.js';
import { regionState } from './state.js';
import { putTags } from './tags.js';
import { evaluateComposites } from './transitions.js';
import type { CloudWatchState, CompositeAlarmRecord, Input, Output } from './types.js';

/** Throws if the rule names missing alarms, or the composite would depend on itself. */
function checkChildren(state: CloudWatchState, name: string, children: string[]): void {
  const missing = children.filter((c) => c !== name && !state.alarms[c] && !state.composites[c]);
  if (missing.length) throw new AwsError('ValidationError', `Could not save the composite alarm as alarms [${missing.join(', ')}] in the alarm rule do not exist`);
  const seen = new Set<string>();
  const walk = (c: string): void => {
    if (c === name) throw new AwsError('ValidationError', `The composite alarm ${name} cannot depend on itself through its AlarmRule.`);
    if (seen.has(c) || !state.composites[c]) return;
    seen.add(c);
    ruleAlarms(parseAlarmRule(state.composites[c].AlarmRule)).forEach(walk);
  };
  children.forEach(walk);
}

export function putCompositeAlarm(input: Input<'PutCompositeAlarm'>, ctx: RequestContext): Output<'PutCompositeAlarm'> {
  const name = checkAlarmBasics(input);
  const rule = parseAlarmRule(input.AlarmRule ?? '');
  const state = regionState(ctx);
  if (state.alarms[name]) throw new AwsError('InvalidParameterValue', `The alarm ${name} is a metric alarm; a composite alarm cannot have its name.`);
  checkChildren(state, name, ruleAlarms(rule));
  const old = state.composites[name];
  const alarm: CompositeAlarmRecord = { ...alarmBase(ctx, name, input, old), AlarmRule: input.AlarmRule! };
  state.composites[name] = alarm;
  if (!old) putTags(state, alarm.AlarmArn, input.Tags);
  recordConfiguration(state, alarm, !!old, alarm.AlarmConfigurationUpdatedTimestamp);
  evaluateComposites(ctx.sandbox, ctx.accountId, ctx.region);
  return {};
}
