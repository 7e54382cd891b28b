/** Shared set-up for the monitoring tests: the EC2 world (sandbox + session) and a running instance. */
import type { Instance } from '../../src/helpers/ec2/instance.js';
import type { Ec2World } from '../ec2/support.js';

export { Captured, ec2World, missingBwrap, type Ec2World } from '../ec2/support.js';

/** A running instance with no SSH (the book's tagged `paws` instance stands in). */
export async function runningInstance(w: Ec2World): Promise<Instance> {
  const image = await w.ec2.latestAmazonLinux();
  const out = await w.ec2.runInstances({ ImageId: image.id, InstanceType: 't1.micro', MinCount: 1, MaxCount: 1, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'paws', Value: '' }] }] });
  const instance = await w.ec2.instance(out.Instances![0].InstanceId!);
  return instance.waitUntil('running', { out: { write: () => true } });
}
