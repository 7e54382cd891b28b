/**
 * Recipes 2.7–2.9: a persistent volume for an instance, snapshots of an instance's volumes, and a
 * new volume from a failing volume's latest snapshot.
 */
import { refOf, ResourceNotFound, type Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import { getInstance, type Instance } from '../instance.js';
import type { Output } from '../../core/reporter.js';
import type { Snapshot } from '../snapshot.js';
import { listVolumes, Volume } from '../volume.js';
import { sessionEc2 } from './clients.js';
import { pawsError } from '../../core/errors.js';

async function instanceOf(session: Session, instance: Ref<Instance>): Promise<Instance> {
  return getInstance(await sessionEc2(session), instance);
}

async function volumeOf(session: Session, volume: Ref<Volume>): Promise<Volume> {
  if (volume instanceof Volume) return volume;
  const ec2 = await sessionEc2(session);
  const id = refOf(volume, 'a volume');
  const [found] = (await ec2.describeVolumes({ VolumeIds: [id] })).Volumes ?? [];
  if (!found) throw new ResourceNotFound('Volume', id);
  return new Volume(ec2, found);
}

/** Recipe 2.7: creates a volume in the instance's zone, waits until available, attaches it as `device`. */
export async function createAndAttachVolume(session: Session, instance: Ref<Instance>, sizeGiB: number, device: string, options: { out?: Output } = {}): Promise<Volume> {
  const target = await instanceOf(session, instance);
  const created = await target.client.createVolume({ Size: sizeGiB, AvailabilityZone: target.placement });
  const volume = new Volume(target.client, created);
  await volume.waitUntil('available', options);
  return volume.attach(target, device);
}

/** Recipe 2.8: a snapshot of each EBS volume attached to the instance (root included). */
export async function snapshotInstance(session: Session, instance: Ref<Instance>): Promise<Snapshot[]> {
  const target = await instanceOf(session, instance);
  const volumes = await listVolumes(target.client, { 'attachment.instance-id': target.id });
  return Promise.all(volumes.map((v) => v.createSnapshot(`${target.id} ${v.attachData.device ?? ''}`.trim())));
}

/** Recipe 2.9: a new volume, same size and zone as `volume`, from its latest snapshot. */
export async function restoreVolume(session: Session, volume: Ref<Volume>): Promise<Volume> {
  const bad = await volumeOf(session, volume);
  const snaps = await bad.snapshots();
  const latest = snaps.at(-1);
  if (!latest) throw pawsError('NoSnapshots', `${bad} has no snapshots to restore from`);
  const created = await bad.client.createVolume({ Size: bad.size, AvailabilityZone: bad.zone, SnapshotId: latest.id });
  return new Volume(bad.client, created);
}
