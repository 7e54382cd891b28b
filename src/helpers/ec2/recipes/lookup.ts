/** The instance a recipe is given — an Instance or its id — looked up on the session's `ec2`. */
import type { Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import { getInstance, type Instance } from '../instance.js';
import { sessionEc2 } from './clients.js';

export async function instanceOf(session: Session, instance: Ref<Instance>): Promise<Instance> {
  return getInstance(await sessionEc2(session), instance);
}
