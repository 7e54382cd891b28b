/** EBS volumes and snapshots: the requests; their state transitions are in ./volume-lifecycle.ts. */
import type { Snapshot, Volume, VolumeAttachment } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { checkId, findAll, findOne, invalidValue, missingParameter } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import type { Where } from './hosts.js';
import { regionImages } from './images.js';
import { newId, nowIso, regionState } from './state.js';
import type { Input, Output, SnapshotRecord, VolumeRecord } from './types.js';
import * as lifecycle from './volume-lifecycle.js';

const VOLUME_TYPES = ['standard', 'gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'];

function where(ctx: RequestContext): Where {
  return { runtime: ctx.sandbox, accountId: ctx.accountId, region: ctx.region };
}

/** The size a snapshot gives a new volume: one of this account's, or an image's root snapshot. */
export function snapshotSize(ctx: RequestContext, snapshotId: string): number {
  checkId('snapshot', snapshotId);
  const own = regionState(ctx).snapshots[snapshotId];
  if (own) return own.volumeSize;
  const image = regionImages(ctx.region).find((i) => i.rootSnapshotId === snapshotId);
  if (image) return image.rootSize;
  throw new AwsError('InvalidSnapshot.NotFound', `The snapshot '${snapshotId}' does not exist.`);
}

export interface NewVolume {
  zone: string;
  size?: number;
  snapshotId?: string;
  volumeType?: string;
  iops?: number;
  throughput?: number;
  encrypted?: boolean;
  tags?: Record<string, string>;
}

/** Validates and adds a volume in `creating` (or, for RunInstances, already in use). */
export function addVolume(ctx: RequestContext, v: NewVolume, initial: VolumeRecord['state'] = 'creating'): VolumeRecord {
  const state = regionState(ctx);
  const fromSnapshot = v.snapshotId ? snapshotSize(ctx, v.snapshotId) : undefined;
  const size = v.size ?? fromSnapshot;
  if (size === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter size or snapshotId');
  if (fromSnapshot !== undefined && size < fromSnapshot) {
    throw new AwsError('InvalidParameterValue', `Volume of ${size}GiB is too small; minimum is ${fromSnapshot}GiB.`);
  }
  if (size < 1 || size > 16384) throw new AwsError('InvalidParameterValue', `Volume of size ${size}GiB is too large; maximum is 16384GiB.`);
  const volumeType = v.volumeType ?? 'gp2';
  if (!VOLUME_TYPES.includes(volumeType)) throw invalidValue(volumeType, 'VolumeType');
  const volume: VolumeRecord = {
    volumeId: newId('vol'),
    size,
    zone: v.zone,
    volumeType,
    iops: v.iops ?? (volumeType === 'gp3' ? 3000 : volumeType === 'gp2' ? Math.min(16000, Math.max(100, size * 3)) : undefined),
    throughput: v.throughput ?? (volumeType === 'gp3' ? 125 : undefined),
    encrypted: v.encrypted ?? false,
    snapshotId: v.snapshotId ?? '',
    state: initial,
    createTime: nowIso(),
    tags: v.tags ?? {},
  };
  state.volumes[volume.volumeId] = volume;
  lifecycle.created(where(ctx), volume);
  return volume;
}

export function createVolume(input: Input<'CreateVolume'>, ctx: RequestContext): Output<'CreateVolume'> {
  if (!input.AvailabilityZone) throw missingParameter('AvailabilityZone');
  if (!zoneOk(ctx, input.AvailabilityZone)) throw new AwsError('InvalidZone.NotFound', `The zone '${input.AvailabilityZone}' does not exist.`);
  const volume = addVolume(ctx, {
    zone: input.AvailabilityZone,
    size: input.Size,
    snapshotId: input.SnapshotId,
    volumeType: input.VolumeType,
    iops: input.Iops,
    throughput: input.Throughput,
    encrypted: input.Encrypted,
    tags: specTags(input.TagSpecifications, 'volume'),
  });
  return volumeShape(volume);
}

function zoneOk(ctx: RequestContext, zone: string): boolean {
  return Object.values(regionState(ctx).subnets).some((s) => s.zone === zone);
}

export function volumeShape(v: VolumeRecord): Wire<Volume> {
  return {
    VolumeId: v.volumeId,
    Size: v.size,
    SnapshotId: v.snapshotId,
    AvailabilityZone: v.zone,
    State: v.state,
    CreateTime: v.createTime,
    VolumeType: v.volumeType,
    Iops: v.iops,
    Throughput: v.throughput,
    Encrypted: v.encrypted,
    MultiAttachEnabled: false,
    Attachments: v.attachment
      ? [{ VolumeId: v.volumeId, InstanceId: v.attachment.instanceId, Device: v.attachment.device, State: v.attachment.state, AttachTime: v.attachment.attachTime, DeleteOnTermination: v.attachment.deleteOnTermination }]
      : [],
    Tags: tagList(v.tags),
  };
}

export function describeVolumes(input: Input<'DescribeVolumes'>, ctx: RequestContext): Output<'DescribeVolumes'> {
  const state = regionState(ctx);
  const picked = input.VolumeIds?.length ? findAll('volume', state.volumes, input.VolumeIds) : Object.values(state.volumes);
  const volumes = applyFilters(picked, input.Filters, {
    'volume-id': (v) => v.volumeId,
    status: (v) => v.state,
    size: (v) => v.size,
    'availability-zone': (v) => v.zone,
    'snapshot-id': (v) => v.snapshotId,
    'volume-type': (v) => v.volumeType,
    encrypted: (v) => v.encrypted,
    'create-time': (v) => v.createTime,
    'attachment.instance-id': (v) => v.attachment?.instanceId,
    'attachment.device': (v) => v.attachment?.device,
    'attachment.status': (v) => v.attachment?.state,
    'attachment.attach-time': (v) => v.attachment?.attachTime,
    'attachment.delete-on-termination': (v) => v.attachment?.deleteOnTermination,
  });
  const { page, nextToken } = paginate(volumes, input.MaxResults, input.NextToken);
  return { Volumes: page.map(volumeShape), NextToken: nextToken };
}

export function attachVolume(input: Input<'AttachVolume'>, ctx: RequestContext): Output<'AttachVolume'> {
  const state = regionState(ctx);
  const volume = findOne('volume', state.volumes, input.VolumeId);
  const inst = findOne('instance', state.instances, input.InstanceId, (i) => i.state !== 'terminated');
  if (!input.Device) throw missingParameter('Device');
  if (volume.attachment || volume.state !== 'available') {
    throw volume.attachment
      ? new AwsError('VolumeInUse', `${volume.volumeId} is already attached to an instance`)
      : new AwsError('IncorrectState', `vol '${volume.volumeId}' is not 'available'.`);
  }
  if (!['running', 'stopped'].includes(inst.state)) {
    throw new AwsError('IncorrectState', `Instance '${inst.instanceId}' is not 'running' or 'stopped'.`);
  }
  if (volume.zone !== inst.zone) {
    throw new AwsError('InvalidVolume.ZoneMismatch', `The volume '${volume.volumeId}' is not in the same availability zone as instance '${inst.instanceId}'`);
  }
  if (Object.values(state.volumes).some((v) => v.attachment?.instanceId === inst.instanceId && v.attachment.device === input.Device)) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${input.Device}' for unixDevice. Attachment point ${input.Device} is already in use`);
  }
  lifecycle.attach(where(ctx), volume, inst.instanceId, input.Device);
  return attachmentShape(volume);
}

function attachmentShape(v: VolumeRecord): Wire<VolumeAttachment> {
  const a = v.attachment!;
  return { VolumeId: v.volumeId, InstanceId: a.instanceId, Device: a.device, State: a.state, AttachTime: a.attachTime, DeleteOnTermination: a.deleteOnTermination };
}

export function detachVolume(input: Input<'DetachVolume'>, ctx: RequestContext): Output<'DetachVolume'> {
  const state = regionState(ctx);
  const volume = findOne('volume', state.volumes, input.VolumeId);
  if (!volume.attachment || (input.InstanceId && volume.attachment.instanceId !== input.InstanceId)) {
    throw new AwsError('IncorrectState', `Volume '${volume.volumeId}' is in the '${volume.state}' state.`);
  }
  const inst = state.instances[volume.attachment.instanceId];
  if (inst && inst.rootDeviceName === volume.attachment.device && inst.state !== 'stopped' && !input.Force) {
    throw new AwsError('OperationNotPermitted', `Unable to detach root volume '${volume.volumeId}' from instance '${inst.instanceId}'`);
  }
  lifecycle.detach(where(ctx), volume);
  return attachmentShape(volume);
}

export function deleteVolume(input: Input<'DeleteVolume'>, ctx: RequestContext): Output<'DeleteVolume'> {
  const state = regionState(ctx);
  const volume = findOne('volume', state.volumes, input.VolumeId);
  if (volume.state !== 'available') {
    throw volume.attachment
      ? new AwsError('VolumeInUse', `Volume ${volume.volumeId} is currently attached to ${volume.attachment.instanceId}`)
      : new AwsError('IncorrectState', `The volume '${volume.volumeId}' is '${volume.state}'`);
  }
  delete state.volumes[volume.volumeId];
  return {};
}

export function createSnapshot(input: Input<'CreateSnapshot'>, ctx: RequestContext): Output<'CreateSnapshot'> {
  const state = regionState(ctx);
  const volume = findOne('volume', state.volumes, input.VolumeId);
  const start = new Date();
  const snap: SnapshotRecord = {
    snapshotId: newId('snap'),
    volumeId: volume.volumeId,
    volumeSize: volume.size,
    description: input.Description ?? '',
    state: 'pending',
    startTime: start.toISOString(),
    completeTime: new Date(start.getTime() + lifecycle.SNAPSHOT_MS * ctx.sandbox.options.timeScale).toISOString(),
    encrypted: volume.encrypted,
    ownerId: ctx.accountId,
    tags: specTags(input.TagSpecifications, 'snapshot'),
  };
  state.snapshots[snap.snapshotId] = snap;
  return snapshotShape(snap);
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
  const state = regionState(ctx);
  lifecycle.settleSnapshots(state);
  const owners = (input.OwnerIds ?? []).map((o) => (o === 'self' ? ctx.accountId : o));
  const picked = input.SnapshotIds?.length ? findAll('snapshot', state.snapshots, input.SnapshotIds) : Object.values(state.snapshots);
  const snaps = applyFilters(
    picked.filter((s) => !owners.length || owners.includes(s.ownerId)),
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
    },
  );
  const { page, nextToken } = paginate(snaps, input.MaxResults, input.NextToken);
  return { Snapshots: page.map(snapshotShape), NextToken: nextToken };
}

export function deleteSnapshot(input: Input<'DeleteSnapshot'>, ctx: RequestContext): Output<'DeleteSnapshot'> {
  const state = regionState(ctx);
  const snap = findOne('snapshot', state.snapshots, input.SnapshotId);
  delete state.snapshots[snap.snapshotId];
  return {};
}
