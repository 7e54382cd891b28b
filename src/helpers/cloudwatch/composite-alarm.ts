/**
 * Composite alarms at the prompt: `CompositeAlarm:app-down[ALARM(cpu) AND ALARM(disk)]`, in the
 * state their children's states give them (evaluated by CloudWatch), with setState, history and delete (./alarm.ts's Alarm).
 */
import { paginateDescribeAlarms, type CloudWatch, type CompositeAlarm as CompositeData } from '@aws-sdk/client-cloudwatch';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { Alarm } from './alarm.js';

export class CompositeAlarm extends Alarm<CompositeData> {
  static override kind = 'CompositeAlarm';
  static override columns: readonly Column<CompositeAlarm>[] = [
    { header: 'Alarm', value: (a) => a.name },
    { header: 'State', value: (a) => a.state },
    { header: 'Rule', value: (a) => a.rule },
  ];

  override toString(): string {
    return `CompositeAlarm:${this.name}[${this.rule}]`;
  }
  /** The AlarmRule: `ALARM(a) AND NOT OK(b)`. */
  get rule(): string {
    return this.data.AlarmRule ?? '';
  }

  protected async describe(): Promise<CompositeData> {
    const { CompositeAlarms = [] } = await this.client.describeAlarms({ AlarmNames: [this.name], AlarmTypes: ['CompositeAlarm'] });
    if (!CompositeAlarms[0]) throw new ResourceNotFound('CompositeAlarm', this.name);
    return CompositeAlarms[0];
  }
}

export interface CompositeAlarmOptions {
  name: string;
  /** `ALARM(cpu-high) AND NOT OK(disk)`: ALARM(), OK(), INSUFFICIENT_DATA(), AND, OR, NOT, TRUE, FALSE. */
  rule: string;
  description?: string;
  alarmActions?: string[];
  okActions?: string[];
  insufficientDataActions?: string[];
}

/** Creates (or replaces) a composite alarm and returns it as described. */
export async function createCompositeAlarm(cw: CloudWatch, o: CompositeAlarmOptions): Promise<CompositeAlarm> {
  await cw.putCompositeAlarm({ AlarmName: o.name, AlarmRule: o.rule, AlarmDescription: o.description, AlarmActions: o.alarmActions, OKActions: o.okActions, InsufficientDataActions: o.insufficientDataActions });
  return new CompositeAlarm(cw, { AlarmName: o.name }).update();
}

export async function listCompositeAlarms(cw: CloudWatch, filter: { prefix?: string; state?: string } = {}): Promise<CompositeAlarm[]> {
  const out: CompositeAlarm[] = [];
  for await (const page of paginateDescribeAlarms({ client: cw }, { AlarmTypes: ['CompositeAlarm'], AlarmNamePrefix: filter.prefix, StateValue: filter.state as never })) {
    out.push(...(page.CompositeAlarms ?? []).map((a) => new CompositeAlarm(cw, a)));
  }
  return out;
}
