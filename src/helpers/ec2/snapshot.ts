/** EBS snapshots: `Snapshot:snap-0abc…`. */
import type { EC2, Snapshot as SnapshotData } from '@aws-sdk/client-ec2';
import { paginateDescribeSnapshots, waitUntilSnapshotCompleted } from './sdk.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { toFilters, type Filters } from './filters.js';
import { waitWithProgress, type WaitOptions } from './wait.js';

export class Snapshot extends TaggedResource<SnapshotData> {
  static override kind = 'Snapshot';
  static override columns: readonly Column<Snapshot>[] = [
    { header: 'Snapshot', value: (s) => s.id },
    { header: 'Volume', value: (s) => s.volumeId },
    { header: 'Size (GiB)', value: (s) => s.volumeSize },
    { header: 'Status', value: (s) => s.status },
    { header: 'Progress', value: (s) => s.progress },
    { header: 'Started', value: (s) => s.startTime },
    { header: 'Description', value: (s) => s.description },
  ];

  get id(): string {
    return this.data.SnapshotId ?? '';
  }
  get volumeId(): string | undefined {
    return this.data.VolumeId;
  }
  get volumeSize(): number | undefined {
    return this.data.VolumeSize;
  }
  /** `pending`, `completed` or `error`. */
  get status(): string | undefined {
    return this.data.State;
  }
  get progress(): string | undefined {
    return this.data.Progress;
  }
  get startTime(): Date | undefined {
    return this.data.StartTime;
  }
  get description(): string | undefined {
    return this.data.Description;
  }
  get ownerId(): string | undefined {
    return this.data.OwnerId;
  }

  protected async describe(): Promise<SnapshotData> {
    const out = await this.client.describeSnapshots({ SnapshotIds: [this.id] });
    if (!out.Snapshots?.[0]) throw new ResourceNotFound('Snapshot', this.id);
    return out.Snapshots[0];
  }

  async delete(): Promise<void> {
    await this.client.deleteSnapshot({ SnapshotId: this.id });
  }

  /** Waits, with a progress line, until the snapshot is completed. */
  async waitUntilCompleted(options?: WaitOptions): Promise<this> {
    await waitWithProgress(this.client, waitUntilSnapshotCompleted, { SnapshotIds: [this.id] }, `${this} completed`, (out) => {
      const s = out.Snapshots?.[0];
      return s ? `${s.State} ${s.Progress ?? ''}`.trim() : undefined;
    }, options);
    return this.update();
  }
}

/** Snapshots this account owns, oldest first (so the latest is the last, as the book sorts them). */
export async function listSnapshots(ec2: EC2, filters?: Filters): Promise<Snapshot[]> {
  const snapshots: Snapshot[] = [];
  for await (const page of paginateDescribeSnapshots({ client: ec2, pageSize: 1000 }, { OwnerIds: ['self'], Filters: toFilters(filters) })) {
    for (const s of page.Snapshots ?? []) snapshots.push(new Snapshot(ec2, s));
  }
  return snapshots.sort((a, b) => (a.startTime?.getTime() ?? 0) - (b.startTime?.getTime() ?? 0));
}
