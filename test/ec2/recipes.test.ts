/** The book's chapter 2 sessions, replayed with paws's helpers against the sandbox. */
import { describe, test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { errorLine } from '../../src/helpers/core/errors.js';
import { launchInstance } from '../../src/helpers/ec2/recipes/launch-instance.js';
import { importKeyPair } from '../../src/helpers/ec2/recipes/import-key-pair.js';
import { syncKeypairs } from '../../src/helpers/ec2/recipes/sync-keypairs.js';
import { associateElasticIp } from '../../src/helpers/ec2/recipes/elastic-ip.js';
import { createAndAttachVolume } from '../../src/helpers/ec2/recipes/attach-volume.js';
import { snapshotInstance } from '../../src/helpers/ec2/recipes/snapshot-volumes.js';
import { restoreVolume } from '../../src/helpers/ec2/recipes/restore-volume.js';
import { cloneInstance } from '../../src/helpers/ec2/recipes/clone-instance.js';
import { findAllRunningInstances } from '../../src/helpers/ec2/recipes/find-running-instances.js';
import type { Instance } from '../../src/helpers/ec2/instance.js';
import type { Volume } from '../../src/helpers/ec2/volume.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { eventually } from '../helpers/index.js';
import { Captured, ec2World, missingBwrap, type Ec2World } from './support.js';

describe("chapter 2's sessions", () => {
  let w: Ec2World;
  before(async () => {
    w = await ec2World();
  });
  after(() => w.close());

  /**
   * An instance as Example 2-2 launches it (no SSH), tagged `tag` so each test finds only its own.
   * Its key pair and group are `chapter2`: the book's `paws` stay for Example 2-2 to create.
   */
  async function bookInstance(tag: string): Promise<Instance> {
    const launched = await launchInstance(w.session, { keyDir: join(w.home, 'ssh'), keyName: 'chapter2', groupName: 'chapter2', tag, cmdShell: false, out: new Captured() });
    return launched.instance;
  }

  /** Recipe 2.7 then 2.8 on a book instance: a 10 GiB volume at /dev/sdh, then a snapshot of each of its volumes. */
  async function snapshottedInstance(tag: string): Promise<{ instance: Instance; data: Volume }> {
    const instance = await bookInstance(tag);
    const data = await createAndAttachVolume(w.session, instance, 10, '/dev/sdh', { out: new Captured() });
    await snapshotInstance(w.session, instance);
    return { instance, data };
  }

  test('Example 2-2: launchInstance creates the key pair and group, waits, tags, connects', async () => {
    const out = new Captured();
    const keyDir = join(w.home, 'ssh');
    const { instance, ssh } = await launchInstance(w.session, { keyDir, out, cmdShell: !missingBwrap });
    const printed = out.take();
    assert.match(printed, /^Creating keypair: paws\nSaved the private key to .*paws\.pem\nCreating Security Group: paws\nwaiting for instance\n/);
    // A progress line with the state the first poll saw: pending, or already running on a loaded machine at this time scale.
    assert.match(printed, new RegExp(`Instance:${instance.id} running: (pending|running) \\(\\d+s\\)\\n`));
    assert.match(printed, new RegExp(`Instance:${instance.id} running: done \\(\\d+s\\)\\n$`));
    assert.match(String(instance), /^Instance:i-[0-9a-f]{17}$/);
    assert.equal(instance.state, 'running');
    assert.equal(instance.instanceType, 't3.micro');
    assert.deepEqual(instance.tags, { paws: '' });
    assert.deepEqual(instance.groups.map((g) => g.name), ['paws']);
    assert.match(instance.publicIp!, /^127\.\d+\.\d+\.\d+$/);
    assert.match(instance.privateIp!, /^172\.31\./);
    assert.equal(statSync(join(keyDir, 'paws.pem')).mode & 0o777, 0o600);
    if (ssh) {
      assert.deepEqual(await ssh.run('pwd'), { stdout: '/home/ec2-user\n', stderr: '', exitCode: 0 });
      ssh.close();
    }
  });

  test('Example 2-2 again: the group is already authorized; the existing key is used', async () => {
    const options = { keyDir: join(w.home, 'ssh'), keyName: 'again', groupName: 'again', cmdShell: false };
    await launchInstance(w.session, { ...options, out: new Captured() });
    const out = new Captured();
    const { instance: second } = await launchInstance(w.session, { ...options, out, tag: 'second' });
    const printed = out.take();
    assert.match(printed, /^Security Group: again already authorized\nwaiting for instance\n/);
    assert.doesNotMatch(printed, /Creating/);
    await second.terminate();
    await second.waitUntil('terminated', { out });
    assert.equal(second.state, 'terminated');
  });

  test('Example 2-3: tag an instance, find it by the tag, same id back', async () => {
    const instance = await bookInstance('tagging');
    const reservations = await w.ec2.reservations({ 'instance-state-name': 'running', tagging: null });
    const first = reservations[0].instances[0];
    await first.addTag('web', 'yes');
    const found = (await w.ec2.reservations({ web: null }))[0].instances[0];
    assert.equal(found.id, first.id);
    assert.deepEqual((await w.ec2.instances({ tag: 'tagging' })).map(String), [String(instance)]);
    await first.addTag('Name', 'web');
    assert.deepEqual((await w.ec2.instances({ 'tag:Name': 'web' })).map((i) => i.id), [first.id]);
    assert.deepEqual(await w.ec2.instances({ 'tag:Name': 'nothing' }), []);
    await first.removeTag('web');
    assert.equal((await first.update()).tags.web, undefined);
  });

  test('Example 2-4: the console log is a plausible cloud-init boot', async () => {
    const instance = await bookInstance('console');
    // As on AWS, the log grows while the instance boots after it is running.
    const text = await eventually(async () => {
      const log = String(await instance.consoleOutput());
      return /Cloud-init v\. [\d.]+ finished/.test(log) && log;
    }, 'the end of the boot in the console log');
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
    const instance = await bookInstance('elastic-ip');
    const address = await associateElasticIp(w.session, instance);
    assert.equal(address.instanceId, instance.id);
    assert.equal((await instance.update()).publicIp, address.publicIp);
    assert.deepEqual((await w.ec2.addresses()).map(String), [`Address:${address.publicIp}`]);
  });

  test('recipe 2.7 and Example 2-9: attach a volume, then snapshot both volumes', async () => {
    const out = new Captured();
    const instance = await bookInstance('ebs');
    const data = await createAndAttachVolume(w.session, instance, 10, '/dev/sdh', { out });
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
    const { data } = await snapshottedInstance('restore');
    // A later start time than the snapshot recipe 2.8 took.
    await new Promise((r) => setTimeout(r, 5));
    const latest = await data.createSnapshot('latest');
    const snaps = await data.snapshots();
    assert.equal(snaps.length, 2);
    assert.equal(snaps.at(-1)!.id, latest.id);
    const restored = await restoreVolume(w.session, data.id);
    assert.equal(restored.snapshotId, latest.id);
    assert.equal(restored.size, data.size);
    assert.equal(restored.zone, data.zone);
    assert.equal((await restored.waitUntil('available', { out: new Captured() })).status, 'available');
  });

  test('recipe 2.10: clone the instance with its user data and volumes from their latest snapshots', async () => {
    const out = new Captured();
    const { instance, data } = await snapshottedInstance('clone');
    await new Promise((r) => setTimeout(r, 5));
    const latest = await data.createSnapshot('latest');
    const clone = await cloneInstance(w.session, instance, { out });
    await clone.waitUntil('running', { out });
    assert.notEqual(clone.id, instance.id);
    assert.equal(clone.imageId, instance.imageId);
    assert.equal(clone.keyName, 'chapter2');
    assert.deepEqual(clone.groups, instance.groups);
    assert.equal(clone.placement, instance.placement);
    const sdh = (await clone.volumes()).find((v) => v.attachData.device === '/dev/sdh');
    assert.equal(sdh?.snapshotId, latest.id);
  });

  test('recipes 2.4 and 2.5: import a .pem key here, then into every region at once', async () => {
    const out = new Captured();
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

  test('Example 2-12: running instances across regions and two profiles', async (t) => {
    const out = new Captured();
    const instance = await bookInstance('across');
    const other = new EC2({ endpoint: w.sandbox.endpoint, region: 'eu-west-1', credentials: SANDBOX_ACCOUNTS[1] });
    const images = await other.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-*-x86_64'] }] });
    const { Instances } = await other.runInstances({ ImageId: images.Images![0].ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano' });
    const dir = join(w.home, 'aws');
    mkdirSync(dir);
    writeFileSync(join(dir, 'config'), '[profile dev]\nregion = us-east-1\n[profile prod]\nregion = eu-west-1\n');
    const [a, b] = SANDBOX_ACCOUNTS;
    writeFileSync(join(dir, 'credentials'), `[dev]\naws_access_key_id = ${a.accessKeyId}\naws_secret_access_key = ${a.secretAccessKey}\n[prod]\naws_access_key_id = ${b.accessKeyId}\naws_secret_access_key = ${b.secretAccessKey}\n`);
    usingProfilesIn(t, dir);
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
    assert.match(report, new RegExp(`│ dev +│ us-east-1 +│ ${instance.id} │ t3\\.micro +│ across`));
  });
});

/** Points the SDK's shared config and credentials files into `dir` for this test only. */
function usingProfilesIn(t: TestContext, dir: string): void {
  const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = join(dir, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
}
