/** The book's chapter 2 sessions, replayed with paws's helpers against the sandbox. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { errorLine } from '../../src/helpers/core/errors.js';
import { launchInstance } from '../../src/helpers/ec2/recipes/launch.js';
import { importKeyPair, syncKeypairs } from '../../src/helpers/ec2/recipes/key-pairs.js';
import { associateElasticIp } from '../../src/helpers/ec2/recipes/elastic-ip.js';
import { createAndAttachVolume, restoreVolume, snapshotInstance } from '../../src/helpers/ec2/recipes/ebs.js';
import { cloneInstance } from '../../src/helpers/ec2/recipes/clone.js';
import { findAllRunningInstances } from '../../src/helpers/ec2/recipes/running.js';
import type { Instance } from '../../src/helpers/ec2/instance.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { Captured, ec2World, missingBwrap, type Ec2World } from './support.js';

describe("chapter 2's sessions", () => {
  let w: Ec2World;
  let instance: Instance;
  const out = new Captured();
  before(async () => {
    w = await ec2World();
  });
  after(() => w.close());

  test('Example 2-2: launchInstance creates the key pair and group, waits, tags, connects', async () => {
    const keyDir = join(w.home, 'ssh');
    const launched = await launchInstance(w.session, { keyDir, out, cmdShell: !missingBwrap });
    instance = launched.instance;
    const printed = out.take();
    assert.match(printed, /^Creating keypair: paws\nSaved the private key to .*paws\.pem\nCreating Security Group: paws\nwaiting for instance\n/);
    assert.match(printed, new RegExp(`Instance:${instance.id} running: pending \\(\\d+s\\)\\n`));
    assert.match(printed, new RegExp(`Instance:${instance.id} running: done \\(\\d+s\\)\\n$`));
    assert.match(String(instance), /^Instance:i-[0-9a-f]{17}$/);
    assert.equal(instance.state, 'running');
    assert.equal(instance.instanceType, 't3.micro');
    assert.deepEqual(instance.tags, { paws: '' });
    assert.deepEqual(instance.groups.map((g) => g.name), ['paws']);
    assert.match(instance.publicIp!, /^127\.\d+\.\d+\.\d+$/);
    assert.match(instance.privateIp!, /^172\.31\./);
    assert.equal(statSync(join(keyDir, 'paws.pem')).mode & 0o777, 0o600);
    if (launched.ssh) {
      assert.deepEqual(await launched.ssh.run('pwd'), { stdout: '/home/ec2-user\n', stderr: '', exitCode: 0 });
      launched.ssh.close();
    }
  });

  test('Example 2-2 again: the group is already authorized; the existing key is used', async () => {
    const { instance: second } = await launchInstance(w.session, { keyDir: join(w.home, 'ssh'), out, cmdShell: false, tag: 'second' });
    const printed = out.take();
    assert.match(printed, /^Security Group: paws already authorized\nwaiting for instance\n/);
    assert.doesNotMatch(printed, /Creating/);
    await second.terminate();
    await second.waitUntil('terminated', { out });
    assert.equal(second.state, 'terminated');
  });

  test('Example 2-3: tag an instance, find it by the tag, same id back', async () => {
    const reservations = await w.ec2.reservations({ 'instance-state-name': 'running' });
    const first = reservations[0].instances[0];
    await first.addTag('web', 'yes');
    const found = (await w.ec2.reservations({ web: null }))[0].instances[0];
    assert.equal(found.id, first.id);
    assert.deepEqual((await w.ec2.instances({ tag: 'paws' })).map(String), [String(instance)]);
    await first.addTag('Name', 'web');
    assert.deepEqual((await w.ec2.instances({ 'tag:Name': 'web' })).map((i) => i.id), [first.id]);
    assert.deepEqual(await w.ec2.instances({ 'tag:Name': 'nothing' }), []);
    await first.removeTag('web');
    assert.equal((await first.update()).tags.web, undefined);
  });

  test('Example 2-4: the console log is a plausible cloud-init boot', async () => {
    const text = String(await instance.consoleOutput());
    assert.match(text, /Linux version 6\.1\./);
    assert.match(text, /-----BEGIN SSH HOST KEY FINGERPRINTS-----/);
    assert.match(text, /Cloud-init v\. [\d.]+ finished/);
    assert.match(text, /Amazon Linux 2023/);
  });

  test('errors keep AWS codes and print as one line', async () => {
    await assert.rejects(w.ec2.instance('i-00000000000000000'), (e: Error) => {
      assert.equal(e.name, 'InvalidInstanceID.NotFound');
      assert.equal(errorLine(e), "InvalidInstanceID.NotFound: The instance ID 'i-00000000000000000' does not exist");
      return true;
    });
    await assert.rejects(w.ec2.instance('i-nope'), { name: 'InvalidInstanceID.Malformed', message: 'Invalid id: "i-nope" (expecting "i-...")' });
  });

  test('recipe 2.6: an Elastic IP becomes the public address', async () => {
    const address = await associateElasticIp(w.session, instance);
    assert.equal(address.instanceId, instance.id);
    assert.equal((await instance.update()).publicIp, address.publicIp);
    assert.deepEqual((await w.ec2.addresses()).map(String), [`Address:${address.publicIp}`]);
  });

  let data: Awaited<ReturnType<typeof createAndAttachVolume>>;
  test('recipe 2.7 and Example 2-9: attach a volume, then snapshot both volumes', async () => {
    data = await createAndAttachVolume(w.session, instance, 10, '/dev/sdh', { out });
    assert.equal(data.attachData.instanceId, instance.id);
    assert.equal(data.attachData.device, '/dev/sdh');
    assert.equal(data.zone, instance.placement);
    const volumes = await w.ec2.volumes({ 'attachment.instance-id': instance.id });
    assert.equal(volumes.length, 2);
    assert.deepEqual(volumes.map((v) => v.attachData.device).sort(), ['/dev/sdh', '/dev/xvda']);
    const snaps = await snapshotInstance(w.session, instance);
    assert.equal(snaps.length, 2);
    assert.match(String(snaps), /^Snapshot:snap-[0-9a-f]{17},Snapshot:snap-[0-9a-f]{17}$/);
    await snaps[0].waitUntilCompleted({ out });
    assert.equal(snaps[0].status, 'completed');
  });

  test('Example 2-10: restore the failing volume from its latest snapshot', async () => {
    await new Promise((r) => setTimeout(r, 5));
    const latest = await data.createSnapshot('latest');
    const snaps = await data.snapshots();
    assert.equal(snaps.length, 2);
    assert.equal(snaps.at(-1)!.id, latest.id);
    const restored = await restoreVolume(w.session, data.id);
    assert.equal(restored.snapshotId, latest.id);
    assert.equal(restored.size, data.size);
    assert.equal(restored.zone, data.zone);
    assert.equal((await restored.waitUntil('available', { out })).status, 'available');
  });

  test('recipe 2.10: clone the instance with its user data and volumes from their latest snapshots', async () => {
    const clone = await cloneInstance(w.session, instance, { out });
    await clone.waitUntil('running', { out });
    assert.notEqual(clone.id, instance.id);
    assert.equal(clone.imageId, instance.imageId);
    assert.equal(clone.keyName, 'paws');
    assert.deepEqual(clone.groups, instance.groups);
    assert.equal(clone.placement, instance.placement);
    const sdh = (await clone.volumes()).find((v) => v.attachData.device === '/dev/sdh');
    assert.equal(sdh?.snapshotId, (await data.snapshots()).at(-1)!.id);
  });

  test('recipes 2.4 and 2.5: import a .pem key here, then into every region at once', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const dir = join(w.home, 'keys');
    mkdirSync(dir);
    const pem = join(dir, 'mykey.pem');
    writeFileSync(pem, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
    const key = await importKeyPair(w.session, 'mykey', pem);
    const der = createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
    assert.equal(key.fingerprint, createHash('md5').update(der).digest('hex').match(/../g)!.join(':'));
    const rows = await syncKeypairs(w.session, 'mykey', pem, { out });
    assert.equal(rows.find((r) => r.region === 'us-east-1')?.result, 'already exists');
    assert.ok(rows.filter((r) => r.result === 'imported').length >= 16);
    assert.ok(rows.every((r) => r.fingerprint === key.fingerprint));
    assert.match(out.take(), /│ eu-west-1 +│ imported +│/);
  });

  test('Example 2-12: running instances across regions and two profiles', async () => {
    const other = new EC2({ endpoint: w.sandbox.endpoint, region: 'eu-west-1', credentials: SANDBOX_ACCOUNTS[1] });
    const images = await other.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] });
    const { Instances } = await other.runInstances({ ImageId: images.Images![0].ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano' });
    const dir = join(w.home, 'aws');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config'), '[profile dev]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n');
    const [a, b] = SANDBOX_ACCOUNTS;
    writeFileSync(join(dir, 'credentials'), `[dev]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n[prod]\naws_access_key_id = ${b.accessKeyId}\naws_secret_access_key = ${b.secretAccessKey}\n`);
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    await new Promise((r) => setTimeout(r, 400)); // the prod instance boots
    const found = await findAllRunningInstances(w.session, ['dev', 'prod'], { out });
    assert.deepEqual(Object.keys(found), ['dev', 'prod']);
    assert.deepEqual(Object.keys(found.dev), ['us-east-1']);
    assert.ok(found.dev['us-east-1'].some((i) => i.id === instance.id));
    assert.deepEqual(found.prod, { 'eu-west-1': found.prod['eu-west-1'] });
    assert.deepEqual(found.prod['eu-west-1'].map((i) => i.id), [Instances![0].InstanceId]);
    const report = out.take();
    assert.match(report, /^The following running instances were found\n/);
    assert.match(report, new RegExp(`│ prod +│ eu-west-1 +│ ${Instances![0].InstanceId} │ t3\\.nano`));
    assert.match(report, new RegExp(`│ dev +│ us-east-1 +│ ${instance.id} │ t3\\.micro +│ paws`));
  });
});
