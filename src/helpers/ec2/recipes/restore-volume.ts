/** Recipe 2.9: a new volume from a failing volume's latest snapshot. */
import { refOf, ResourceNotFound, type Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import { Volume } from '../volume.js';
import { sessionEc2 } from './clients.js';
import { pawsError } from '../../core/errors.js';

async function volumeOf(session: Session, volume: Ref<Volume>): Promise<Volume> {
  if (volume instanceof Volume) return volume;
  const ec2 = await sessionEc2(session);
  const id = refOf(volume, 'a volume');
  const [found] = (await ec2.describeVolumes({ VolumeIds: [id] })).Volumes ?? [];
  if (!found) throw new ResourceNotFound('Volume', id);
  return new Volume(ec2, found);
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
