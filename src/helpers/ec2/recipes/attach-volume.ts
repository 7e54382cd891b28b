/** Recipe 2.7: a persistent volume for an instance. */
import type { Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import type { Instance } from '../instance.js';
import type { Output } from '../../core/reporter.js';
import { Volume } from '../volume.js';
import { instanceOf } from './lookup.js';

/** Recipe 2.7: creates a volume in the instance's zone, waits until available, attaches it as `device`. */
export async function createAndAttachVolume(session: Session, instance: Ref<Instance>, sizeGiB: number, device: string, options: { out?: Output } = {}): Promise<Volume> {
  const target = await instanceOf(session, instance);
  const created = await target.client.createVolume({ Size: sizeGiB, AvailabilityZone: target.placement });
  const volume = new Volume(target.client, created);
  await volume.waitUntil('available', options);
  return volume.attach(target, device);
}
