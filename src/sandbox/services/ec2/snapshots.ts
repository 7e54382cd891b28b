/**
 * EBS snapshots: of a volume, copied from another region's, shared through createVolumePermission;
 * pending → completed on read (./volume-lifecycle.ts fixes the completion time at the start).
 */
import type { CreateVolumePermission, Snapshot } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { checkId, findOne, missingParameter, namedOrAll, notFound } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import { regionImages } from './image-catalogue.js';
import { backsLaunchableImage, imageUsing } from './image-visibility.js';
import { changePermission } from './permissions.js';
import { isRegion } from './regions.js';
import { SERVICE, newId, regionState } from './state.js';
import type { Ec2RegionState, Input, Output, SnapshotRecord, VolumeRecord } from './types.js';
import { SNAPSHOT_MS, settleSnapshots } from './volume-lifecycle.js';

/** Volume id AWS gives snapshots that were copied rather than taken of a volume. */
const COPIED_VOLUME = 'vol-ffffffff';

function sharedWith(s: SnapshotRecord, accountId: string): boolean {
  return s.ownerId === accountId || !!s.createVolumePermission?.public || !!s.createVolumePermission?.userIds.includes(accountId);
}

/**
 * The size a snapshot gives a new volume: one of this account's, one shared with it, one behind an
 * image it may launch, or a public image's root snapshot.
 */
export function snapshotSize(ctx: RequestContext, snapshotId: string): number {
  checkId('snapshot', snapshotId);
  const image = regionImages(ctx.region).find((i) => i.rootSnapshotId === snapshotId);
  if (image) return image.rootSize;
  for (const { region, state } of ctx.sandbox.store.all<Ec2RegionState>(SERVICE)) {
    const snap = region === ctx.region ? state.snapshots[snapshotId] : undefined;
    if (snap && (sharedWith(snap, ctx.accountId) || backsLaunchableImage(ctx, snapshotId))) return snap.volumeSize;
  }
  throw notFound('snapshot', [snapshotId]);
}

function newSnapshot(ctx: RequestContext, from: { volumeId: string; volumeSize: number; encrypted: boolean }, description: string, tags: Record<string, string>): SnapshotRecord {
  const start = new Date();
  const snap: SnapshotRecord = {
    snapshotId: newId('snap'),
    ...from,
    description,
    state: 'pending',
    startTime: start.toISOString(),
    completeTime: new Date(start.getTime() + SNAPSHOT_MS * ctx.sandbox.options.timeScale).toISOString(),
    ownerId: ctx.accountId,
    createVolumePermission: { public: false, userIds: [] },
    tags,
  };
  regionState(ctx).snapshots[snap.snapshotId] = snap;
  return snap;
}

/** A new snapshot of a volume, pending. */
export function addSnapshot(ctx: RequestContext, volume: VolumeRecord, description: string, tags: Record<string, string>): SnapshotRecord {
  return newSnapshot(ctx, { volumeId: volume.volumeId, volumeSize: volume.size, encrypted: volume.encrypted }, description, { ...tags });
}

/** A new snapshot copied from another (of any region), pending. */
export function copiedSnapshot(ctx: RequestContext, from: { volumeSize: number; encrypted: boolean }, description: string, tags: Record<string, string>): SnapshotRecord {
  return newSnapshot(ctx, { volumeId: COPIED_VOLUME, ...from }, description, tags);
}

export function createSnapshot(input: Input<'CreateSnapshot'>, ctx: RequestContext): Output<'CreateSnapshot'> {
  const volume = findOne('volume', regionState(ctx).volumes, input.VolumeId);
  return snapshotShape(addSnapshot(ctx, volume, input.Description ?? '', specTags(input.TagSpecifications, 'snapshot')));
}

export function copySnapshot(input: Input<'CopySnapshot'>, ctx: RequestContext): Output<'CopySnapshot'> {
  const sourceRegion = input.SourceRegion ?? '';
  if (!sourceRegion) throw missingParameter('SourceRegion');
  if (!isRegion(sourceRegion)) throw new AwsError('InvalidRegion', `Invalid region: ${sourceRegion}`);
  if (!input.SourceSnapshotId) throw missingParameter('SourceSnapshotId');
  checkId('snapshot', input.SourceSnapshotId);
  const source = ctx.sandbox.store.all<Ec2RegionState>(SERVICE)
    .filter((s) => s.region === sourceRegion)
    .flatMap(({ state }) => settleSnapshots(state))
    .find((s) => s.snapshotId === input.SourceSnapshotId && sharedWith(s, ctx.accountId));
  if (!source) throw notFound('snapshot', [input.SourceSnapshotId]);
  if (source.state !== 'completed') throw new AwsError('IncorrectState', `Snapshot is in invalid state - ${source.state}`);
  const description = input.Description ?? `[Copied ${source.snapshotId} from ${sourceRegion}]`;
  const snap = copiedSnapshot(ctx, { volumeSize: source.volumeSize, encrypted: input.Encrypted ?? source.encrypted }, description, specTags(input.TagSpecifications, 'snapshot'));
  return { SnapshotId: snap.snapshotId, Tags: tagList(snap.tags) };
}

function snapshotShape(s: SnapshotRecord): Wire<Snapshot> {
  const total = Date.parse(s.completeTime) - Date.parse(s.startTime);
  const share = s.state === 'completed' || total <= 0 ? 1 : Math.min(0.99, (Date.now() - Date.parse(s.startTime)) / total);
  return {
    SnapshotId: s.snapshotId,
    VolumeId: s.volumeId,
    VolumeSize: s.volumeSize,
    Description: s.description,
    State: s.state,
    StartTime: s.startTime,
    Progress: `${Math.floor(share * 100)}%`,
    OwnerId: s.ownerId,
    Encrypted: s.encrypted,
    StorageTier: 'standard',
    Tags: tagList(s.tags),
  };
}

export function describeSnapshots(input: Input<'DescribeSnapshots'>, ctx: RequestContext): Output<'DescribeSnapshots'> {
  const self = (who: string) => (who === 'self' ? ctx.accountId : who);
  // The account's own and those shared with it, from every account of the region.
  const regionSnapshots = ctx.sandbox.store.all<Ec2RegionState>(SERVICE).filter((s) => s.region === ctx.region).flatMap(({ state: other }) => settleSnapshots(other));
  const visible = Object.fromEntries(regionSnapshots.filter((s) => sharedWith(s, ctx.accountId)).map((s) => [s.snapshotId, s]));
  const owners = (input.OwnerIds ?? []).map(self);
  const restorers = (input.RestorableByUserIds ?? []).map(self);
  const picked = namedOrAll('snapshot', visible, input.SnapshotIds);
  const snaps = applyFilters(
    picked
      .filter((s) => !owners.length || owners.includes(s.ownerId))
      .filter((s) => !restorers.length || restorers.some((r) => s.createVolumePermission?.userIds.includes(r) || (r === 'all' && s.createVolumePermission?.public))),
    input.Filters,
    {
      'snapshot-id': (s) => s.snapshotId,
      'volume-id': (s) => s.volumeId,
      'volume-size': (s) => s.volumeSize,
      status: (s) => s.state,
      'owner-id': (s) => s.ownerId,
      description: (s) => s.description,
      'start-time': (s) => s.startTime,
      progress: (s) => snapshotShape(s).Progress,
      encrypted: (s) => s.encrypted,
      'storage-tier': () => 'standard',
    },
  );
  const { page, nextToken } = paginate(snaps, input.MaxResults, input.NextToken);
  return { Snapshots: page.map(snapshotShape), NextToken: nextToken };
}

export function deleteSnapshot(input: Input<'DeleteSnapshot'>, ctx: RequestContext): Output<'DeleteSnapshot'> {
  const state = regionState(ctx);
  const snap = findOne('snapshot', state.snapshots, input.SnapshotId);
  const image = imageUsing(state, snap.snapshotId);
  if (image) throw new AwsError('InvalidSnapshot.InUse', `The snapshot ${snap.snapshotId} is currently in use by ${image.imageId}`);
  delete state.snapshots[snap.snapshotId];
  return {};
}

function permissionOf(s: SnapshotRecord) {
  return (s.createVolumePermission ??= { public: false, userIds: [] });
}

export function describeSnapshotAttribute(input: Input<'DescribeSnapshotAttribute'>, ctx: RequestContext): Output<'DescribeSnapshotAttribute'> {
  const snap = findOne('snapshot', regionState(ctx).snapshots, input.SnapshotId);
  if (input.Attribute === 'productCodes') return { SnapshotId: snap.snapshotId, ProductCodes: [] };
  if (input.Attribute !== 'createVolumePermission') throw new AwsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  const p = permissionOf(snap);
  return {
    SnapshotId: snap.snapshotId,
    CreateVolumePermissions: [...(p.public ? [{ Group: 'all' as const }] : []), ...p.userIds.map((UserId): Wire<CreateVolumePermission> => ({ UserId }))],
  };
}

export function modifySnapshotAttribute(input: Input<'ModifySnapshotAttribute'>, ctx: RequestContext): Output<'ModifySnapshotAttribute'> {
  const snap = findOne('snapshot', regionState(ctx).snapshots, input.SnapshotId);
  if (input.Attribute !== undefined && input.Attribute !== 'createVolumePermission') {
    throw new AwsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
  if (!changePermission(permissionOf(snap), input.CreateVolumePermission, input)) throw missingParameter('CreateVolumePermission');
  return {};
}

export function resetSnapshotAttribute(input: Input<'ResetSnapshotAttribute'>, ctx: RequestContext): Output<'ResetSnapshotAttribute'> {
  const snap = findOne('snapshot', regionState(ctx).snapshots, input.SnapshotId);
  snap.createVolumePermission = { public: false, userIds: [] };
  return {};
}
