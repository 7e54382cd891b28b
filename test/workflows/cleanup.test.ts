/**
 * Workshops clean up: what a session creates at the prompt is tracked (`.created`), and
 * `.cleanup` deletes it in dependency order, leaving nothing behind — checked through the SDK
 * and through the AWS CLI as a second client. Also the cost guard's limit on instances.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createHash, createPrivateKey } from 'node:crypto';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { S3 } from '@aws-sdk/client-s3';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { tempDir, testSandbox } from '../helpers/index.js';
import { Prompt, promptOnSandbox } from '../helpers/prompt.js';
import { sandboxSession } from '../helpers/session.js';

/** An SDK client of its own, to see the sandbox as another program would. */
function sdkEc2(sandbox: RunningSandbox): EC2 {
  return new EC2({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials });
}

describe('.created and .cleanup', () => {
  test('everything made at the prompt is listed, then deleted after a confirmation', async (t) => {
    const { sandbox, prompt } = await promptOnSandbox(t);
    assert.equal(await prompt.type('.created'), 'Nothing created in this session (or all of it was deleted).');
    await prompt.type("await ec2.createKeyPair({KeyName: 'workshop'}); 0");
    await prompt.type("const sg = await ec2.createSecurityGroup({GroupName: 'workshop', Description: 'ssh'}); 0");
    await prompt.type("const [image] = (await ec2.describeImages({Filters: [{Name: 'architecture', Values: ['x86_64']}]})).Images");
    await prompt.type(
      "const run = await ec2.runInstances({ImageId: image.ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', KeyName: 'workshop', SecurityGroupIds: [sg.GroupId]}); const id = run.Instances[0].InstanceId",
    );
    await prompt.type("await ec2.waitUntilInstanceRunning({InstanceIds: [id]}, {maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.2}); 0");
    await prompt.type("const vol = await ec2.createVolume({Size: 1, AvailabilityZone: run.Instances[0].Placement.AvailabilityZone}); 0");
    await prompt.type("await ec2.waitUntilVolumeAvailable({VolumeIds: [vol.VolumeId]}, {maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.2}); 0");
    await prompt.type("await ec2.attachVolume({VolumeId: vol.VolumeId, InstanceId: id, Device: '/dev/sdh'}); 0");
    await prompt.type("const snap = await ec2.createSnapshot({VolumeId: vol.VolumeId}); 0");
    await prompt.type("const eip = await ec2.allocateAddress({Domain: 'vpc'}); await ec2.associateAddress({AllocationId: eip.AllocationId, InstanceId: id}); 0");
    // Made and deleted again: not listed.
    await prompt.type("await ec2.createKeyPair({KeyName: 'gone'}); await ec2.deleteKeyPair({KeyName: 'gone'}); 0");

    const listed = await prompt.type('.created');
    assert.match(listed, /^Created in this session \(6, in cleanup order\):/);
    const order = listed.split('\n').slice(1).map((l) => l.trim().split(':')[0]);
    assert.deepEqual(order, ['Address', 'Instance', 'Volume', 'Snapshot', 'SecurityGroup', 'KeyPair']);
    assert.match(listed, /SecurityGroup:sg-\w+ \(workshop\)  us-east-1/);
    assert.doesNotMatch(listed, /gone/);

    // Anything but yes keeps everything.
    await prompt.type('.cleanup', 'Delete all of these? [y/N] ');
    assert.match(await prompt.type('n'), /Nothing deleted\.$/);
    assert.match(await prompt.type('.created'), /\(6, in cleanup order\)/);

    await prompt.type('.cleanup', 'Delete all of these? [y/N] ');
    const progress = await prompt.type('y', /nothing left\.\npaws> $/, 60_000);
    assert.match(progress, /Cleaning up 6 resources…/);
    assert.match(progress, /\[2\/6\] terminated Instance:i-\w+/);
    assert.match(progress, /\[6\/6\] deleted KeyPair:workshop/);
    assert.equal(await prompt.type('.created'), 'Nothing created in this session (or all of it was deleted).');

    await t.test('nothing is left behind, as the SDK sees it', async () => {
      const ec2 = sdkEc2(sandbox);
      const { KeyPairs = [] } = await ec2.describeKeyPairs({});
      assert.deepEqual(KeyPairs.map((k) => k.KeyName), []);
      const { SecurityGroups = [] } = await ec2.describeSecurityGroups({});
      assert.deepEqual(SecurityGroups.map((g) => g.GroupName).filter((n) => n !== 'default'), []);
      const { Volumes = [] } = await ec2.describeVolumes({});
      assert.deepEqual(Volumes.map((v) => v.VolumeId), []);
      const { Snapshots = [] } = await ec2.describeSnapshots({ OwnerIds: ['self'] });
      assert.deepEqual(Snapshots, []);
      const { Addresses = [] } = await ec2.describeAddresses({});
      assert.deepEqual(Addresses, []);
      const { Reservations = [] } = await ec2.describeInstances({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopping', 'stopped', 'shutting-down'] }] });
      assert.deepEqual(Reservations, []);
    });
    await t.test('nothing is left behind, as the AWS CLI sees it', { skip: awsCliMissing }, async () => {
      const volumes = await awsCli(sandbox, ['ec2', 'describe-volumes']);
      assert.deepEqual(volumes.json().Volumes, []);
      const keys = await awsCli(sandbox, ['ec2', 'describe-key-pairs']);
      assert.deepEqual(keys.json().KeyPairs, []);
      const addresses = await awsCli(sandbox, ['ec2', 'describe-addresses']);
      assert.deepEqual(addresses.json().Addresses, []);
      const running = await awsCli(sandbox, ['ec2', 'describe-instances', '--filters', 'Name=instance-state-name,Values=pending,running,stopped']);
      assert.deepEqual(running.json().Reservations, []);
    });
  });

  test('what cannot be deleted is reported and stays listed', async (t) => {
    const { sandbox, prompt } = await promptOnSandbox(t);
    await prompt.type("const g2 = await ec2.createSecurityGroup({GroupName: 'kept', Description: 'x'}); 0");
    // Deleted behind the session's back with another client: cleanup finds it gone, which is fine.
    await sdkEc2(sandbox).deleteSecurityGroup({ GroupName: 'kept' });
    assert.match(await prompt.type('.cleanup -y', /\npaws> $/), /already gone: SecurityGroup:sg-\w+ \(kept\)/);
  });
});

test('.cleanup empties a bucket whose objects predate its versioning: the "null" versions and the delete markers go too', async (t) => {
  const { sandbox, prompt } = await promptOnSandbox(t);
  await prompt.type("await s3.createBucket({Bucket: 'versioned-later'}); 0");
  await prompt.type("await s3.putObject({Bucket: 'versioned-later', Key: 'before.txt', Body: 'v0'}); 0");
  await prompt.type("await s3.putObject({Bucket: 'versioned-later', Key: 'overwritten.txt', Body: 'v0'}); 0");
  await prompt.type("await s3.putObject({Bucket: 'versioned-later', Key: 'gone.txt', Body: 'v0'}); await s3.deleteObject({Bucket: 'versioned-later', Key: 'gone.txt'}); 0");
  await prompt.type("await configureVersioning('versioned-later', true)");
  // A plain delete now leaves the pre-versioning copy under a delete marker; an overwrite leaves it under a new version.
  await prompt.type("await s3.deleteObject({Bucket: 'versioned-later', Key: 'before.txt'}); 0");
  await prompt.type("await s3.putObject({Bucket: 'versioned-later', Key: 'overwritten.txt', Body: 'v1'}); 0");
  const s3 = new S3({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials, forcePathStyle: true });
  const versions = await s3.listObjectVersions({ Bucket: 'versioned-later' });
  assert.deepEqual([versions.Versions?.length, versions.DeleteMarkers?.length], [3, 1]);
  assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 60_000), /Cleaned up: 3 deleted, nothing left\./);
  assert.deepEqual((await s3.listBuckets({})).Buckets ?? [], []);
});

describe('.cleanup after the book helpers', () => {
  const dir = tempDir();

  before(() => {
    mkdirSync(join(dir.path, 'site'));
    writeFileSync(join(dir.path, 'site', 'index.html'), '<h1>hi</h1>');
    writeFileSync(join(dir.path, 'site', 'error.html'), 'oops');
  });
  after(() => dir.remove());

  test('launchInstance(), createAndAttachVolume() and uploadWebsite() leave nothing behind', async (t) => {
    const { sandbox, prompt } = await promptOnSandbox(t);
    await prompt.type('ec2.pollSeconds = 0.1');
    await prompt.type(`const { instance } = await launchInstance({ cmdShell: false, keyDir: ${JSON.stringify(dir.path)} })`, 'paws> ', 30_000);
    await prompt.type("const volume = await createAndAttachVolume(instance, 1, '/dev/sdh')", 'paws> ', 30_000);
    await prompt.type("await createBucket('workshop-site')");
    await prompt.type(`await uploadWebsite('workshop-site', ${JSON.stringify(join(dir.path, 'site'))}, 'index.html', 'error.html')`);
    const listed = await prompt.type('.created');
    for (const kind of ['Instance', 'Volume', 'SecurityGroup', 'KeyPair', 'Object', 'Bucket']) assert.match(listed, new RegExp(`\\n  ${kind}:`), kind);
    assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 60_000), /Cleaned up: 7 deleted, nothing left\./);

    const ec2 = sdkEc2(sandbox);
    const { Reservations = [] } = await ec2.describeInstances({ Filters: [{ Name: 'instance-state-name', Values: ['pending', 'running', 'stopped'] }] });
    assert.deepEqual(Reservations, []);
    assert.deepEqual((await ec2.describeVolumes({})).Volumes, []);
    assert.deepEqual((await ec2.describeKeyPairs({})).KeyPairs, []);
    const s3 = new S3({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials, forcePathStyle: true });
    assert.deepEqual((await s3.listBuckets({})).Buckets ?? [], []);

    await t.test('and the AWS CLI agrees', { skip: awsCliMissing }, async () => {
      assert.equal((await awsCli(sandbox, ['s3api', 'list-buckets'])).json().Buckets.length, 0);
      assert.deepEqual((await awsCli(sandbox, ['ec2', 'describe-volumes'])).json().Volumes, []);
      const groups = (await awsCli(sandbox, ['ec2', 'describe-security-groups'])).json().SecurityGroups;
      assert.deepEqual(groups.map((g: { GroupName: string }) => g.GroupName), ['default']);
    });

    await t.test('the next round of the workshop launches again with a fresh key pair whose private key is the one on disk', async () => {
      const pem = join(dir.path, 'paws.pem');
      // .cleanup deleted the key pair and, with it, the private key saved for it.
      assert.equal(existsSync(pem), false, 'the .pem of a deleted key pair is removed');
      const out = await prompt.type(`const again = await launchInstance({ cmdShell: false, keyDir: ${JSON.stringify(dir.path)} })`, 'paws> ', 30_000);
      assert.doesNotMatch(out, /KeyFileExists|Error/);
      assert.match(await prompt.type('again.instance.state'), /'running'/);
      assert.equal(statSync(pem).mode & 0o777, 0o600);
      // AWS fingerprints a key pair it created by the SHA-1 of the private key's PKCS#8 DER.
      const der = createPrivateKey(readFileSync(pem)).export({ type: 'pkcs8', format: 'der' });
      const sha1 = createHash('sha1').update(der).digest('hex').match(/../g)!.join(':');
      assert.match(await prompt.type("(await ec2.keyPairs('paws'))[0].fingerprint"), new RegExp(`'${sha1}'`));
      assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 60_000), /Cleaned up: \d+ deleted, nothing left\./);
    });
  });
});

describe('the cost guard', () => {
  let sandbox: RunningSandbox;
  let prompt: Prompt;
  const said: string[] = [];

  before(async () => {
    sandbox = await testSandbox();
    // The guard is for real AWS; here it is switched on against the sandbox to see it work.
    prompt = new Prompt(sandboxSession(sandbox, { costGuard: true, maxInstances: 1, log: (t) => said.push(t) }));
  });
  after(async () => {
    prompt.close();
    await sandbox.close();
  });

  test('states billable creates and refuses instances beyond --max-instances', async () => {
    // Not `image`: every prompt evaluates in this process's global scope, where the first test declares that.
    await prompt.type("const [ami] = (await ec2.describeImages({Filters: [{Name: 'architecture', Values: ['x86_64']}]})).Images");
    await prompt.type("await ec2.runInstances({ImageId: ami.ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro'}); 0");
    assert.match(said.join('\n'), /paws: creating 1 t3\.micro instance\(s\) of ami-\w+ in us-east-1, billed until terminated \(real AWS\)/);
    const refused = await prompt.type("await ec2.runInstances({ImageId: ami.ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro'})");
    assert.match(refused, /^InstanceLimit: starting 1 more would make 2 instances in this session, over --max-instances 1/);
    assert.match(await prompt.type('.created'), /\(1, in cleanup order\)/);
    await prompt.type('.cleanup -y', /\npaws> $/, 60_000);
  });
});
