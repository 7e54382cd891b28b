/**
 * Composite alarms at the prompt: `CompositeAlarm:app-down[ALARM(cpu) AND ALARM(disk)]`, in the
 * state their children's states give them (evaluated by CloudWatch), with setState, history and delete.
 */
import { paginateDescribeAlarms, type CloudWatch, type CompositeAlarm as CompositeData } from '@aws-sdk/client-cloudwatch';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';
import { MetricAlarm } from './alarm.js';

export class CompositeAlarm extends Resource<CompositeData, CloudWatch> {
  static override kind = 'CompositeAlarm';
  static override columns: readonly Column<CompositeAlarm>[] = [
    { header: 'Alarm', value: (a) => a.name },
    { header: 'State', value: (a) => a.state },
    { header: 'Rule', value: (a) => a.rule },
  ];

  get id(): string {
    return this.name;
  }
  override toString(): string {
    return `CompositeAlarm:${this.name}[${this.rule}]`;
  }
  get name(): string {
    return this.data.AlarmName ?? '';
  }
  get arn(): string | undefined {
    return this.data.AlarmArn;
  }
  /** The AlarmRule: `ALARM(a) AND NOT OK(b)`. */
  get rule(): string {
    return this.data.AlarmRule ?? '';
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

  protected async describe(): Promise<CompositeData> {
    const { CompositeAlarms = [] } = await this.client.describeAlarms({ AlarmNames: [this.name], AlarmTypes: ['CompositeAlarm'] });
    if (!CompositeAlarms[0]) throw new ResourceNotFound('CompositeAlarm', this.name);
    return CompositeAlarms[0];
  }

  /** The history of a composite alarm is read as a metric alarm's is. */
  describeHistory(options?: Parameters<MetricAlarm['describeHistory']>[0]) {
    return new MetricAlarm(this.client, { AlarmName: this.name }).describeHistory(options);
  }
  async setState(state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA', reason: string): Promise<boolean> {
    await this.client.setAlarmState({ AlarmName: this.name, StateValue: state, StateReason: reason });
    return true;
  }
  async delete(): Promise<void> {
    await this.client.deleteAlarms({ AlarmNames: [this.name] });
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
