/**
 * Recipe 2.8 Back Up Your EBS Volumes — creates a snapshot of each volume of the instance tagged `paws` (launched by 2.1, with a volume from 2.7, when none runs).
 *
 * Book: volumes = ec2.get_all_volumes(filters={'attachment.instance-id': instance.id});
 * snaps = [v.create_snapshot() for v in volumes].
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
if (!tagged) await createAndAttachVolume(instance, 1, '/dev/sdh');
const volumes = await ec2.volumes({ 'attachment.instance-id': instance.id });
for (const v of volumes) console.log(`${v}: ${v.attachData.device}`);
const snaps = await snapshotInstance(instance);
console.log(snaps);
