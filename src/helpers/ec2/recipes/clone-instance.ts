/**
 * Recipe 2.10: a copy of an instance — same image, key, groups, type, zone, monitoring and user
 * data — whose non-root EBS volumes start from their latest snapshots.
 */
import type { BlockDeviceMapping } from '@aws-sdk/client-ec2';
import type { Ref } from '../../core/resource.js';
import type { Session } from '../../core/session.js';
import { getInstance, Instance } from '../instance.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import { listSnapshots } from '../snapshot.js';
import { sessionEc2 } from './clients.js';

export async function cloneInstance(session: Session, instance: Ref<Instance>, options: { out?: Output } = {}): Promise<Instance> {
  // Described afresh: its volumes and attributes may have changed since it was fetched.
  const source = await (await getInstance(await sessionEc2(session), instance)).update();
  const ec2 = source.client;
  const say = reporterFor(session, options.out);
  const rootDevice = (await source.getAttribute('rootDeviceName')) as string | undefined;
  // Passed on as the base64 it comes back as: user data may be binary (gzip).
  const userData = (await ec2.describeInstanceAttribute({ InstanceId: source.id, Attribute: 'userData' })).UserData?.Value;
  const mappings: BlockDeviceMapping[] = [];
  for (const [device, attached] of Object.entries(source.blockDeviceMapping)) {
    if (device === rootDevice || !attached.volumeId) continue;
    const latest = (await listSnapshots(ec2, { 'volume-id': attached.volumeId })).at(-1);
    if (!latest) say.say(`No snapshots available for ${attached.volumeId}`);
    else mappings.push({ DeviceName: device, Ebs: { SnapshotId: latest.id } });
  }
  const out = await ec2.runInstances({
    ImageId: source.imageId,
    MinCount: 1,
    MaxCount: 1,
    KeyName: source.keyName,
    SecurityGroupIds: source.groups.map((g) => g.id!).filter(Boolean),
    UserData: userData,
    InstanceType: source.instanceType as never,
    KernelId: source.kernel,
    RamdiskId: source.ramdisk,
    Monitoring: { Enabled: source.monitored },
    Placement: { AvailabilityZone: source.placement },
    BlockDeviceMappings: mappings.length ? mappings : undefined,
  });
  return new Instance(ec2, out.Instances![0]);
}
