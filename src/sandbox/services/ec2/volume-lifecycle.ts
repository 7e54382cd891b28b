/**
 * The one state machine of EBS volumes and snapshots: creating → available, attaching → attached,
 * detaching → (detached) available, and a terminated instance's volumes deleted or released;
 * snapshots pending → completed. A request enters a transient state through `created`, `attach`
 * or `detach` and FINISH ends it after its simulated duration; after a restart `resumeVolumes`
 * ends each transient state at once with the same FINISH (its timer died with the process).
 * Snapshots need no timer: their completion time is fixed when they start, so they settle on read.
 */
import { later, type Where } from './hosts.js';
import { nowIso } from './state.js';
import type { Ec2RegionState, SnapshotRecord, VolumeRecord } from './types.js';

/** Simulated durations at timeScale 1. */
const CREATE_MS = 4_000;
const ATTACH_MS = 3_000;
export const SNAPSHOT_MS = 15_000;

type Transient = 'creating' | 'attaching' | 'detaching';

/** The transient state a volume is in: its own (creating) or its attachment's. */
function transientOf(v: VolumeRecord): Transient | undefined {
  if (v.state === 'creating') return 'creating';
  const a = v.attachment?.state;
  return a === 'attaching' || a === 'detaching' ? a : undefined;
}

const FINISH: Record<Transient, (v: VolumeRecord) => void> = {
  creating: (v) => void (v.state = 'available'),
  attaching: (v) => void (v.attachment!.state = 'attached'),
  detaching: (v) => release(v),
};

function release(v: VolumeRecord): void {
  v.attachment = undefined;
  v.state = 'available';
}

function schedule(where: Where, volume: VolumeRecord, ms: number): void {
  const from = transientOf(volume);
  if (from) later(where, ms, (s) => s.volumes[volume.volumeId], (r) => transientOf(r) === from, (r) => FINISH[from](r));
}

/** A new volume in `creating` becomes available (one RunInstances creates already in use needs nothing). */
export function created(where: Where, volume: VolumeRecord): void {
  schedule(where, volume, CREATE_MS);
}

/** available → in-use, attaching → attached */
export function attach(where: Where, volume: VolumeRecord, instanceId: string, device: string): void {
  volume.state = 'in-use';
  volume.attachment = { instanceId, device, state: 'attaching', attachTime: nowIso(), deleteOnTermination: false };
  schedule(where, volume, ATTACH_MS);
}

/** attached → detaching → available */
export function detach(where: Where, volume: VolumeRecord): void {
  volume.attachment!.state = 'detaching';
  schedule(where, volume, ATTACH_MS);
}

/** A terminated instance's volumes: deleted when they were to be deleted on termination, else available. */
export function releaseFromInstance(state: Ec2RegionState, instanceId: string): void {
  for (const v of Object.values(state.volumes)) {
    if (v.attachment?.instanceId !== instanceId) continue;
    if (v.attachment.deleteOnTermination) delete state.volumes[v.volumeId];
    else release(v);
  }
}

/** Snapshots whose completion time has come are completed. */
export function settleSnapshots(state: Ec2RegionState): SnapshotRecord[] {
  const now = Date.now();
  for (const s of Object.values(state.snapshots)) if (s.state === 'pending' && Date.parse(s.completeTime) <= now) s.state = 'completed';
  return Object.values(state.snapshots);
}

/** After a restart: each volume in a transient state finishes it now. */
export function resumeVolumes(state: Ec2RegionState): void {
  for (const v of Object.values(state.volumes)) {
    const from = transientOf(v);
    if (from) FINISH[from](v);
  }
  settleSnapshots(state);
}
