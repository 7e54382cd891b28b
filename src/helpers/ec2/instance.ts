/**
 * Instances and reservations as the book's boto objects: `Instance:i-0abc…`, the instance's fields
 * in camelCase (read from the last description, never fetched by a getter), and its actions.
 */
import { inspect } from 'node:util';
import type { EC2, Instance as InstanceData, InstanceStateChange, Reservation as ReservationData } from '@aws-sdk/client-ec2';
import { paginateDescribeInstances, waitUntilInstanceExists, waitUntilInstanceRunning, waitUntilInstanceStopped, waitUntilInstanceTerminated } from './sdk.js';
import { refOf, Resource, ResourceNotFound, resourceOf, type Column, type Ref } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import type { Address } from './address.js';
import { toFilters, type Filters } from './filters.js';
import { listVolumes, type Volume } from './volume.js';
import { waitWithProgress, type WaitOptions } from './wait.js';

/** What `blockDeviceMapping` holds per device, as boto's BlockDeviceType. */
export interface AttachedDevice {
  volumeId?: string;
  status?: string;
  attachTime?: Date;
  deleteOnTermination?: boolean;
}

/** The console text, printed as it is (not as a quoted string). */
export class ConsoleOutput {
  constructor(readonly instanceId: string, readonly output: string, readonly timestamp?: Date) {}
  toString(): string {
    return this.output;
  }
  [inspect.custom](): string {
    return this.output || `(no console output from ${this.instanceId} yet)`;
  }
}

const WAITERS = {
  running: waitUntilInstanceRunning,
  stopped: waitUntilInstanceStopped,
  terminated: waitUntilInstanceTerminated,
  exists: waitUntilInstanceExists,
};

export class Instance extends TaggedResource<InstanceData> {
  static override kind = 'Instance';
  static override columns: readonly Column<Instance>[] = [
    { header: 'Instance', value: (i) => i.id },
    { header: 'State', value: (i) => i.state },
    { header: 'Type', value: (i) => i.instanceType },
    { header: 'Zone', value: (i) => i.placement },
    { header: 'Public IP', value: (i) => i.publicIp },
    { header: 'Name', value: (i) => i.tags.Name },
    { header: 'Key', value: (i) => i.keyName },
  ];

  get id(): string {
    return this.data.InstanceId ?? '';
  }
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`. */
  get state(): string | undefined {
    return this.data.State?.Name;
  }
  get stateCode(): number | undefined {
    return this.data.State?.Code;
  }
  get instanceType(): string | undefined {
    return this.data.InstanceType;
  }
  /** The availability zone, as boto's `placement`. */
  get placement(): string | undefined {
    return this.data.Placement?.AvailabilityZone;
  }
  get zone(): string | undefined {
    return this.placement;
  }
  get launchTime(): Date | undefined {
    return this.data.LaunchTime;
  }
  get publicIp(): string | undefined {
    return this.data.PublicIpAddress;
  }
  get privateIp(): string | undefined {
    return this.data.PrivateIpAddress;
  }
  get publicDnsName(): string | undefined {
    return this.data.PublicDnsName || undefined;
  }
  get privateDnsName(): string | undefined {
    return this.data.PrivateDnsName || undefined;
  }
  get keyName(): string | undefined {
    return this.data.KeyName;
  }
  get groups(): Array<{ id?: string; name?: string }> {
    return (this.data.SecurityGroups ?? []).map((g) => ({ id: g.GroupId, name: g.GroupName }));
  }
  get imageId(): string | undefined {
    return this.data.ImageId;
  }
  get architecture(): string | undefined {
    return this.data.Architecture;
  }
  get vpcId(): string | undefined {
    return this.data.VpcId;
  }
  get subnetId(): string | undefined {
    return this.data.SubnetId;
  }
  get kernel(): string | undefined {
    return this.data.KernelId;
  }
  get ramdisk(): string | undefined {
    return this.data.RamdiskId;
  }
  get rootDeviceName(): string | undefined {
    return this.data.RootDeviceName;
  }
  /** Detailed (1-minute) monitoring on? */
  get monitored(): boolean {
    return this.data.Monitoring?.State === 'enabled' || this.data.Monitoring?.State === 'pending';
  }
  get monitoringState(): string | undefined {
    return this.data.Monitoring?.State;
  }
  /** Device name → attached volume, as boto's `block_device_mapping`. */
  get blockDeviceMapping(): Record<string, AttachedDevice> {
    return Object.fromEntries(
      (this.data.BlockDeviceMappings ?? []).map((b) => [
        b.DeviceName ?? '',
        { volumeId: b.Ebs?.VolumeId, status: b.Ebs?.Status, attachTime: b.Ebs?.AttachTime, deleteOnTermination: b.Ebs?.DeleteOnTermination },
      ]),
    );
  }

  protected async describe(): Promise<InstanceData> {
    const out = await this.client.describeInstances({ InstanceIds: [this.id] });
    const found = out.Reservations?.[0]?.Instances?.[0];
    if (!found) throw new ResourceNotFound('Instance', this.id);
    return found;
  }

  private applyChange(changes: InstanceStateChange[] | undefined): string | undefined {
    const change = changes?.find((c) => c.InstanceId === this.id);
    if (change?.CurrentState) this.data = { ...this.data, State: change.CurrentState };
    return this.state;
  }

  /** Starts a stopped instance; returns the new state (`pending`). */
  async start(): Promise<string | undefined> {
    return this.applyChange((await this.client.startInstances({ InstanceIds: [this.id] })).StartingInstances);
  }
  async stop(force = false): Promise<string | undefined> {
    return this.applyChange((await this.client.stopInstances({ InstanceIds: [this.id], Force: force || undefined })).StoppingInstances);
  }
  async reboot(): Promise<void> {
    await this.client.rebootInstances({ InstanceIds: [this.id] });
  }
  async terminate(): Promise<string | undefined> {
    return this.applyChange((await this.client.terminateInstances({ InstanceIds: [this.id] })).TerminatingInstances);
  }

  /** The console log, decoded (recipe 2.3). */
  async consoleOutput(): Promise<ConsoleOutput> {
    const out = await this.client.getConsoleOutput({ InstanceId: this.id });
    return new ConsoleOutput(this.id, out.Output ? Buffer.from(out.Output, 'base64').toString('utf8') : '', out.Timestamp);
  }

  async monitor(): Promise<string | undefined> {
    const out = await this.client.monitorInstances({ InstanceIds: [this.id] });
    const state = out.InstanceMonitorings?.[0]?.Monitoring?.State;
    this.data = { ...this.data, Monitoring: { State: state } };
    return state;
  }
  async unmonitor(): Promise<string | undefined> {
    const out = await this.client.unmonitorInstances({ InstanceIds: [this.id] });
    const state = out.InstanceMonitorings?.[0]?.Monitoring?.State;
    this.data = { ...this.data, Monitoring: { State: state } };
    return state;
  }

  /** Associates an Elastic IP (an Address or its public IP) with this instance (recipe 2.6). */
  async useIp(address: Address | string): Promise<this> {
    await this.client.associateAddress(
      typeof address === 'string' ? { InstanceId: this.id, PublicIp: address } : { InstanceId: this.id, AllocationId: address.allocationId },
    );
    return this.update();
  }

  /** The EBS volumes attached to this instance. */
  volumes(): Promise<Volume[]> {
    return listVolumes(this.client, { 'attachment.instance-id': this.id });
  }

  /** One attribute's value: `userData` decoded to text, `instanceType`, `rootDeviceName`, `disableApiTermination`… */
  async getAttribute(name: string): Promise<unknown> {
    const out = (await this.client.describeInstanceAttribute({ InstanceId: this.id, Attribute: name as never })) as Record<string, any>;
    if (name === 'userData') return out.UserData?.Value ? Buffer.from(out.UserData.Value, 'base64').toString('utf8') : undefined;
    if (name === 'blockDeviceMapping') return out.BlockDeviceMappings;
    if (name === 'groupSet') return out.Groups;
    const key = Object.keys(out).find((k) => k !== 'InstanceId' && k !== '$metadata');
    const value = key ? out[key] : undefined;
    return value && typeof value === 'object' && 'Value' in value ? value.Value : value;
  }

  /** Waits, with a progress line, until the instance is `running`, `stopped`, `terminated` (or `exists`). */
  async waitUntil(state: keyof typeof WAITERS, options?: WaitOptions): Promise<this> {
    const waiter = WAITERS[state];
    if (!waiter) throw new TypeError(`waitUntil: cannot wait for '${state}'; use one of ${Object.keys(WAITERS).join(', ')}`);
    await waitWithProgress(this.client, waiter, { InstanceIds: [this.id] }, `${this} ${state}`, (out) => out.Reservations?.[0]?.Instances?.[0]?.State?.Name, options);
    return this.update();
  }
}

export class Reservation extends Resource<ReservationData, EC2> {
  static override kind = 'Reservation';
  static override columns: readonly Column<Reservation>[] = [
    { header: 'Reservation', value: (r) => r.id },
    { header: 'Owner', value: (r) => r.ownerId },
    { header: 'Instances', value: (r) => r.instances.map(String).join(', ') },
  ];

  get id(): string {
    return this.data.ReservationId ?? '';
  }
  get ownerId(): string | undefined {
    return this.data.OwnerId;
  }
  get instances(): Instance[] {
    return (this.data.Instances ?? []).map((i) => new Instance(this.client, i));
  }

  protected async describe(): Promise<ReservationData> {
    const out = await this.client.describeInstances({ Filters: [{ Name: 'reservation-id', Values: [this.id] }] });
    if (!out.Reservations?.[0]) throw new ResourceNotFound('Reservation', this.id);
    return out.Reservations[0];
  }
}

export async function listReservations(ec2: EC2, filters?: Filters): Promise<Reservation[]> {
  const reservations: Reservation[] = [];
  for await (const page of paginateDescribeInstances({ client: ec2, pageSize: 1000 }, { Filters: toFilters(filters) })) {
    for (const r of page.Reservations ?? []) reservations.push(new Reservation(ec2, r));
  }
  return reservations;
}

/** Every instance matching the filters, flattened out of their reservations. */
export async function listInstances(ec2: EC2, filters?: Filters): Promise<Instance[]> {
  return (await listReservations(ec2, filters)).flatMap((r) => r.instances);
}

/** The instance an id names (described now), or the Instance itself when given one. */
export async function getInstance(ec2: EC2, instance: Ref<Instance>): Promise<Instance> {
  const held = resourceOf(instance);
  if (held instanceof Instance) return held;
  const id = refOf(instance, 'an instance');
  const out = await ec2.describeInstances({ InstanceIds: [id] });
  const found = out.Reservations?.[0]?.Instances?.[0];
  if (!found) throw new ResourceNotFound('Instance', id);
  return new Instance(ec2, found);
}
