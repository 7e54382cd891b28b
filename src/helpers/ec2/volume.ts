/** EBS volumes: `Volume:vol-0abc…`, with boto's `attachData`, attach/detach and snapshots. */
import type { EC2, Volume as VolumeData, VolumeModification, VolumeType } from '@aws-sdk/client-ec2';
import { paginateDescribeVolumes, waitUntilVolumeAvailable, waitUntilVolumeInUse } from './sdk.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { toFilters, type Filters } from './filters.js';
import { listSnapshots, Snapshot } from './snapshot.js';
import { waitWithProgress, type WaitOptions } from './wait.js';

/** Where a volume is attached, as boto's `attach_data`. */
export interface AttachData {
  instanceId?: string;
  device?: string;
  /** `attaching`, `attached`, `detaching`. */
  status?: string;
  attachTime?: Date;
  deleteOnTermination?: boolean;
}

const WAITERS = { available: waitUntilVolumeAvailable, 'in-use': waitUntilVolumeInUse };

export class Volume extends TaggedResource<VolumeData> {
  static override kind = 'Volume';
  static override columns: readonly Column<Volume>[] = [
    { header: 'Volume', value: (v) => v.id },
    { header: 'Size (GiB)', value: (v) => v.size },
    { header: 'Type', value: (v) => v.type },
    { header: 'Zone', value: (v) => v.zone },
    { header: 'Status', value: (v) => v.status },
    { header: 'Instance', value: (v) => v.attachData.instanceId },
    { header: 'Device', value: (v) => v.attachData.device },
    { header: 'Snapshot', value: (v) => v.snapshotId },
  ];

  get id(): string {
    return this.data.VolumeId ?? '';
  }
  get size(): number | undefined {
    return this.data.Size;
  }
  get zone(): string | undefined {
    return this.data.AvailabilityZone;
  }
  /** `creating`, `available`, `in-use`, `deleting`… (boto's `status`). */
  get status(): string | undefined {
    return this.data.State;
  }
  get type(): string | undefined {
    return this.data.VolumeType;
  }
  get snapshotId(): string | undefined {
    return this.data.SnapshotId || undefined;
  }
  get createTime(): Date | undefined {
    return this.data.CreateTime;
  }
  get attachData(): AttachData {
    const a = this.data.Attachments?.[0];
    return a ? { instanceId: a.InstanceId, device: a.Device, status: a.State, attachTime: a.AttachTime, deleteOnTermination: a.DeleteOnTermination } : {};
  }

  protected async describe(): Promise<VolumeData> {
    const out = await this.client.describeVolumes({ VolumeIds: [this.id] });
    if (!out.Volumes?.[0]) throw new ResourceNotFound('Volume', this.id);
    return out.Volumes[0];
  }

  /** Attaches the volume to an instance (or instance id) as `device`, e.g. `/dev/sdh`. */
  async attach(instance: { id: string } | string, device: string): Promise<this> {
    await this.client.attachVolume({ VolumeId: this.id, InstanceId: typeof instance === 'string' ? instance : instance.id, Device: device });
    return this.update();
  }
  async detach(force = false): Promise<this> {
    await this.client.detachVolume({ VolumeId: this.id, Force: force || undefined });
    return this.update();
  }
  async delete(): Promise<void> {
    await this.client.deleteVolume({ VolumeId: this.id });
  }

  /**
   * Grows the volume or changes its type or performance, attached or not; EC2 then modifies and
   * optimizes it in the background (`ec2.describeVolumesModifications`). Returns that modification.
   */
  async modify(change: { size?: number; type?: VolumeType; iops?: number; throughput?: number }): Promise<VolumeModification> {
    const out = await this.client.modifyVolume({ VolumeId: this.id, Size: change.size, VolumeType: change.type, Iops: change.iops, Throughput: change.throughput });
    await this.update();
    return out.VolumeModification!;
  }

  async createSnapshot(description?: string): Promise<Snapshot> {
    const out = await this.client.createSnapshot({ VolumeId: this.id, Description: description });
    return new Snapshot(this.client, out);
  }

  /** This volume's snapshots, oldest first. */
  snapshots(): Promise<Snapshot[]> {
    return listSnapshots(this.client, { 'volume-id': this.id });
  }

  /** Waits, with a progress line, until the volume is `available` or `in-use`. */
  async waitUntil(state: keyof typeof WAITERS, options?: WaitOptions): Promise<this> {
    const waiter = WAITERS[state];
    if (!waiter) throw new TypeError(`waitUntil: cannot wait for '${state}'; use available or in-use`);
    await waitWithProgress(this.client, waiter, { VolumeIds: [this.id] }, `${this} ${state}`, (out) => {
      const v = out.Volumes?.[0];
      return v ? [v.State, v.Attachments?.[0]?.State].filter(Boolean).join(', ') : undefined;
    }, options);
    return this.update();
  }
}

export async function listVolumes(ec2: EC2, filters?: Filters): Promise<Volume[]> {
  const volumes: Volume[] = [];
  for await (const page of paginateDescribeVolumes({ client: ec2, pageSize: 1000 }, { Filters: toFilters(filters) })) {
    for (const v of page.Volumes ?? []) volumes.push(new Volume(ec2, v));
  }
  return volumes;
}
