/**
 * ModifyVolume and DescribeVolumesModifications: a modification takes effect at once (the volume
 * shows its new size, type and performance) and then goes modifying → optimizing → completed,
 * settled on read from the times fixed when it starts.
 */
import type { VolumeModification } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findAll, findOne } from './errors.js';
import { applyFilters, paginate } from './filters.js';
import { nowIso, regionState } from './state.js';
import type { Ec2RegionState, Input, Output, VolumeModificationRecord } from './types.js';
import { performance } from './volumes.js';

/** Simulated durations at timeScale 1. */
const MODIFYING_MS = 5_000;
const OPTIMIZING_MS = 20_000;

function settled(state: Ec2RegionState): Record<string, VolumeModificationRecord> {
  const all = state.volumeModifications;
  const now = Date.now();
  for (const m of Object.values(all)) {
    if (now >= Date.parse(m.completedAt)) m.state = 'completed';
    else if (now >= Date.parse(m.optimizingAt)) m.state = 'optimizing';
  }
  return all;
}

function modificationShape(m: VolumeModificationRecord): Wire<VolumeModification> {
  const total = Date.parse(m.completedAt) - Date.parse(m.startTime);
  const progress = m.state === 'completed' ? 100 : Math.min(99, Math.floor((100 * (Date.now() - Date.parse(m.startTime))) / Math.max(1, total)));
  return {
    VolumeId: m.volumeId,
    ModificationState: m.state,
    TargetSize: m.target.size,
    TargetIops: m.target.iops,
    TargetVolumeType: m.target.volumeType,
    TargetThroughput: m.target.throughput,
    TargetMultiAttachEnabled: false,
    OriginalSize: m.original.size,
    OriginalIops: m.original.iops,
    OriginalVolumeType: m.original.volumeType,
    OriginalThroughput: m.original.throughput,
    OriginalMultiAttachEnabled: false,
    Progress: progress,
    StartTime: m.startTime,
    EndTime: m.state === 'completed' ? m.completedAt : undefined,
  };
}

export function modifyVolume(input: Input<'ModifyVolume'>, ctx: RequestContext): Output<'ModifyVolume'> {
  const state = regionState(ctx);
  const volume = findOne('volume', state.volumes, input.VolumeId);
  if (volume.state !== 'available' && volume.state !== 'in-use') throw new AwsError('IncorrectState', `The volume '${volume.volumeId}' is '${volume.state}'`);
  const current = settled(state)[volume.volumeId];
  if (current && current.state !== 'completed') {
    throw new AwsError('IncorrectModificationState', `Volume ${volume.volumeId} is already being modified; wait until its modification is completed.`);
  }
  if (input.MultiAttachEnabled) throw new AwsError('InvalidParameterCombination', 'Multi-Attach is supported only for io1 and io2 volumes.');
  const size = input.Size ?? volume.size;
  if (size < volume.size) throw new AwsError('InvalidParameterValue', `New size cannot be smaller than existing size of ${volume.size}GiB.`);
  const volumeType = input.VolumeType ?? volume.volumeType;
  const typeChanged = volumeType !== volume.volumeType;
  // A new type starts from that type's own defaults; the same type keeps what was set before.
  const target = performance(volumeType, size, input.Iops ?? (typeChanged ? undefined : keptIops(volume)), input.Throughput ?? (typeChanged ? undefined : volume.throughput));
  const original = { size: volume.size, volumeType: volume.volumeType, iops: volume.iops, throughput: volume.throughput };
  if (JSON.stringify(original) === JSON.stringify(target)) {
    throw new AwsError('InvalidParameterValue', `New configuration for volume ${volume.volumeId} is the same as its current configuration.`);
  }
  const start = Date.now();
  const scale = ctx.sandbox.options.timeScale;
  const m: VolumeModificationRecord = {
    volumeId: volume.volumeId,
    state: 'modifying',
    original,
    target,
    startTime: nowIso(),
    optimizingAt: new Date(start + MODIFYING_MS * scale).toISOString(),
    completedAt: new Date(start + (MODIFYING_MS + OPTIMIZING_MS) * scale).toISOString(),
  };
  state.volumeModifications[volume.volumeId] = m;
  Object.assign(volume, target);
  return { VolumeModification: modificationShape(m) };
}

/** gp2's IOPS follow its size, so they are not carried over as if provisioned. */
function keptIops(volume: { volumeType: string; iops?: number }): number | undefined {
  return volume.volumeType === 'gp2' ? undefined : volume.iops;
}

export function describeVolumesModifications(input: Input<'DescribeVolumesModifications'>, ctx: RequestContext): Output<'DescribeVolumesModifications'> {
  const state = regionState(ctx);
  const all = settled(state);
  let picked = Object.values(all);
  if (input.VolumeIds?.length) {
    findAll('volume', state.volumes, input.VolumeIds);
    const unmodified = input.VolumeIds.filter((id) => !all[id]);
    if (unmodified.length) throw new AwsError('InvalidVolumeModification.NotFound', `Modification for volume '${unmodified[0]}' does not exist.`);
    picked = input.VolumeIds.map((id) => all[id]);
  }
  const matched = applyFilters(picked.map((m) => ({ ...m, tags: state.volumes[m.volumeId]?.tags ?? {} })), input.Filters, {
    'volume-id': (m) => m.volumeId,
    'modification-state': (m) => m.state,
    'target-size': (m) => m.target.size,
    'target-iops': (m) => m.target.iops,
    'target-volume-type': (m) => m.target.volumeType,
    'target-throughput': (m) => m.target.throughput,
    'original-size': (m) => m.original.size,
    'original-iops': (m) => m.original.iops,
    'original-volume-type': (m) => m.original.volumeType,
    'start-time': (m) => m.startTime,
  });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken, 5, 500);
  return { VolumesModifications: page.map(modificationShape), NextToken: nextToken };
}
