/** Every tagged EC2 resource takes tags the same way (TaggedResource): addTag, removeTag, tags. */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Address } from '../../src/helpers/ec2/address.js';
import { KeyPair } from '../../src/helpers/ec2/key-pair.js';
import { SecurityGroup } from '../../src/helpers/ec2/security-group.js';
import { Snapshot } from '../../src/helpers/ec2/snapshot.js';
import { Volume } from '../../src/helpers/ec2/volume.js';
import type { TaggedResource } from '../../src/helpers/ec2/tagged.js';
import { ec2World, type Ec2World } from './support.js';

let w: Ec2World;
before(async () => {
  w = await ec2World();
});
after(() => w.close());

test('volumes, snapshots, groups, key pairs and addresses add and remove tags, as the SDK then sees them', async () => {
  const { ec2 } = w;
  const [zone] = await ec2.zones();
  const volume = new Volume(ec2, await ec2.createVolume({ Size: 1, AvailabilityZone: zone.id }));
  const resources: TaggedResource<any>[] = [
    volume,
    new Snapshot(ec2, await ec2.createSnapshot({ VolumeId: volume.id })),
    await new SecurityGroup(ec2, { GroupId: (await ec2.createSecurityGroup({ GroupName: 'tagged', Description: 'tags' })).GroupId }).update(),
    new KeyPair(ec2, await ec2.createKeyPair({ KeyName: 'tagged' })),
    new Address(ec2, await ec2.allocateAddress({ Domain: 'vpc' })),
  ];
  for (const resource of resources) {
    await resource.addTag('Name', 'workshop');
    await resource.addTag('paws');
    assert.deepEqual(resource.tags, { Name: 'workshop', paws: '' }, `${resource} holds its tags`);
    assert.deepEqual((await resource.update()).tags, { Name: 'workshop', paws: '' }, `${resource} has them on the service`);
    await resource.removeTag('paws');
    assert.deepEqual((await resource.update()).tags, { Name: 'workshop' }, `${resource} lost one`);
  }
  const { Tags = [] } = await ec2.describeTags({ Filters: [{ Name: 'key', Values: ['Name'] }] });
  assert.equal(Tags.length, resources.length);
});
