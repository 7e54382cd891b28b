/**
 * Recipe 2.7 Attach a Persistent EBS Volume to an Instance — creates a 1 GiB volume in the zone of the instance tagged `paws` (launched by 2.1 when none runs) and attaches it as /dev/sdh.
 *
 * Book: create_and_attach_volume(instance, volume_size, device_name).
 */
const [tagged] = await ec2.instances({ paws: null, 'instance-state-name': 'running' });
const instance = tagged ?? (await launchInstance({ cmdShell: false })).instance;
const volume = await createAndAttachVolume(instance, 1, '/dev/sdh');
console.log(`${volume} (${volume.size} GiB) is attached to ${instance} as ${volume.attachData.device}`);
