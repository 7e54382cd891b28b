/** Recipe 2.8: snapshots of an instance's volumes. */
import type { Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import type { Instance } from '../instance.js';
import type { Snapshot } from '../snapshot.js';
import { listVolumes } from '../volume.js';
import { instanceOf } from './lookup.js';

/** Recipe 2.8: a snapshot of each EBS volume attached to the instance (root included). */
export async function snapshotInstance(session: Session, instance: Ref<Instance>): Promise<Snapshot[]> {
  const target = await instanceOf(session, instance);
  const volumes = await listVolumes(target.client, { 'attachment.instance-id': target.id });
  return Promise.all(volumes.map((v) => v.createSnapshot(`${target.id} ${v.attachData.device ?? ''}`.trim())));
}
