/** EBS volumes: the requests; their state transitions are in ./volume-lifecycle.ts. */
import type { Volume, VolumeAttachment } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findOne, invalidValue, missingParameter, namedOrAll } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import type { Where } from './hosts.js';
import { snapshotSize } from './snapshots.js';
import { newId, nowIso, regionState } from './state.js';
import type { Input, Output, VolumeRecord } from './types.js';
import * as lifecycle from './volume-lifecycle.js';

const VOLUME_TYPES = ['standard', 'gp2', 'gp3', 'io1', 'io2', 'st1', 'sc1'];

function where(ctx: RequestContext): Where {
  return { runtime: ctx.sandbox, accountId: ctx.accountId, region: ctx.region };
}

/** Provisioned IOPS volumes' IOPS bounds. */
const IOPS: Record<string, [number, number]> = { gp3: [3000, 16000], io1: [100, 64000], io2: [100, 256000] };

/**
 * A volume type's size, IOPS and throughput, checked as EC2 checks them: gp3 defaults to 3,000
 * IOPS and 125 MiB/s, gp2 has 3 IOPS a GiB (100 to 16,000), io1/io2 need IOPS, only gp3 takes
 * a throughput.
 */
export function performance(volumeType: string, size: number, iops?: number, throughput?: number): Pick<VolumeRecord, 'volumeType' | 'size' | 'iops' | 'throughput'> {
  if (!VOLUME_TYPES.includes(volumeType)) throw invalidValue(volumeType, 'VolumeType');
  const bounds = IOPS[volumeType];
  if (iops !== undefined && !bounds) throw new AwsError('InvalidParameterCombination', `The parameter iops is not supported for ${volumeType} volumes.`);
  if (iops === undefined && (volumeType === 'io1' || volumeType === 'io2')) throw new AwsError('MissingParameter', `The request must contain the parameter iops`);
  if (iops !== undefined && bounds && (iops < bounds[0] || iops > bounds[1])) {
    throw new AwsError('InvalidParameterValue', `Volume iops of ${iops} is ${iops < bounds[0] ? 'too low; minimum is ' + bounds[0] : 'too high; maximum is ' + bounds[1]}.`);
  }
  if (throughput !== undefined && volumeType !== 'gp3') throw new AwsError('InvalidParameterCombination', `The parameter throughput is not supported for ${volumeType} volumes.`);
  if (throughput !== undefined && (throughput < 125 || throughput > 1000)) throw new AwsError('InvalidParameterValue', `Throughput of ${throughput} is not supported. It must be between 125 and 1000 MiB/s.`);
  return {
    volumeType,
    size,
    iops: iops ?? (volumeType === 'gp3' ? 3000 : volumeType === 'gp2' ? Math.min(16000, Math.max(100, size * 3)) : undefined),
    throughput: throughput ?? (volumeType === 'gp3' ? 125 : undefined),
  };
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
  const volume: VolumeRecord = {
    volumeId: newId('vol'),
    zone: v.zone,
    ...performance(v.volumeType ?? 'gp2', size, v.iops, v.throughput),
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
  const picked = namedOrAll('volume', state.volumes, input.VolumeIds);
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
