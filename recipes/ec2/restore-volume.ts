/**
 * Recipe 2.9 Restore a Volume from a Snapshot — creates a volume from the latest snapshot of a "failing" one (here a fresh 1 GiB volume and its snapshot).
 *
 * Book: bad_volume = ec2.get_all_volumes([volume_id])[0]; snaps = bad_volume.snapshots();
 * snaps.sort(key=lambda s: s.start_time); ec2.create_volume(bad_volume.size, bad_volume.zone, snaps[-1]).
 */
const [zone] = await ec2.zones();
const { VolumeId } = await ec2.createVolume({ Size: 1, AvailabilityZone: zone.name });
const bad = await ec2.volumes({ 'volume-id': VolumeId! }).then(([v]) => v.waitUntil('available'));
const snapshot = await bad.createSnapshot('before the failure');
await snapshot.waitUntilCompleted();
const restored = await restoreVolume(bad);
console.log(`${restored} restored from ${restored.snapshotId} in ${restored.zone}, ${restored.size} GiB`);
