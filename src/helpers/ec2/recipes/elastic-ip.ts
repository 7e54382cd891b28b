/** Recipe 2.6: a stable address — allocate an Elastic IP and associate it with the instance. */
import type { Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import { allocateAddress, type Address } from '../address.js';
import { getInstance, type Instance } from '../instance.js';
import { sessionEc2 } from './clients.js';

export async function associateElasticIp(session: Session, instance: Ref<Instance>): Promise<Address> {
  const target = await getInstance(await sessionEc2(session), instance);
  const address = await allocateAddress(target.client);
  await target.useIp(address);
  return address.update();
}
