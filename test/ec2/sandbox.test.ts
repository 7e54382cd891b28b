/** The sandbox's EC2 against the real SDK and the AWS CLI: lifecycle, filters, paging, keys, errors, restart. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, createPrivateKey } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import ssh2 from 'ssh2';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { testSandbox } from '../helpers/index.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function latestAl2023(ec2: EC2): Promise<string> {
  const { Images = [] } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
  return Images.sort((a, b) => b.CreationDate!.localeCompare(a.CreationDate!))[0].ImageId!;
}

describe('sandbox EC2', () => {
  let sandbox: RunningSandbox;
  let ec2: EC2;
  let ami: string;
  before(async () => {
    process.env.PAWS_HOME ??= mkdtempSync(join(tmpdir(), 'paws-ec2-home-'));
    sandbox = await testSandbox();
    ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    ami = await latestAl2023(ec2);
  });
  after(() => sandbox.close());

  test('images: Amazon Linux and Ubuntu by name and owner, ids per region', async () => {
    const ubuntu = await ec2.describeImages({ Owners: ['099720109477'], Filters: [{ Name: 'name', Values: ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*'] }] });
    assert.equal(ubuntu.Images!.length, 2);
    assert.equal(ubuntu.Images![0].RootDeviceName, '/dev/sda1');
    const al2 = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['amzn2-ami-kernel-5.10-hvm-*-x86_64-gp2'] }] });
    assert.equal(al2.Images!.length, 2);
    const eu = new EC2({ endpoint: sandbox.endpoint, region: 'eu-west-1', credentials: sandbox.credentials });
    assert.notEqual(await latestAl2023(eu), ami);
    await assert.rejects(ec2.describeImages({ ImageIds: ['ami-0123456789abcdef0'] }), { name: 'InvalidAMIID.NotFound' });
  });

  test('an instance goes pending → running → stopping → stopped → pending → running → shutting-down → terminated', async () => {
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
    const id = Instances![0].InstanceId!;
    const state = async () => (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0];
    assert.equal(Instances![0].State!.Name, 'pending');
    await sleep(500);
    assert.equal((await state()).State!.Name, 'running');
    const stop = await ec2.stopInstances({ InstanceIds: [id] });
    assert.deepEqual(stop.StoppingInstances![0].CurrentState, { Code: 64, Name: 'stopping' });
    await sleep(500);
    const stopped = await state();
    assert.equal(stopped.State!.Name, 'stopped');
    assert.equal(stopped.PublicIpAddress, undefined);
    assert.match(stopped.StateTransitionReason!, /^User initiated \(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d GMT\)$/);
    await ec2.modifyInstanceAttribute({ InstanceId: id, InstanceType: { Value: 't3.small' } });
    await ec2.startInstances({ InstanceIds: [id] });
    await sleep(500);
    assert.equal((await state()).InstanceType, 't3.small');
    await assert.rejects(ec2.modifyInstanceAttribute({ InstanceId: id, InstanceType: { Value: 't3.large' } }), { name: 'IncorrectInstanceState' });
    await ec2.terminateInstances({ InstanceIds: [id] });
    assert.equal((await state()).State!.Name, 'shutting-down');
    await sleep(400);
    assert.equal((await state()).State!.Name, 'terminated');
    await assert.rejects(ec2.startInstances({ InstanceIds: [id] }), { name: 'IncorrectInstanceState' });
  });

  test('DescribeInstances pages with MaxResults/NextToken and filters by state, type, zone and tags', async () => {
    await ec2.runInstances({
      ImageId: ami, MinCount: 7, MaxCount: 7, InstanceType: 't3.nano', Placement: { AvailabilityZone: 'us-east-1c' },
      TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'batch', Value: 'seven' }] }],
    });
    const pages = [];
    let token: string | undefined;
    do {
      const page = await ec2.describeInstances({ MaxResults: 5, NextToken: token, Filters: [{ Name: 'tag:batch', Values: ['seven'] }] });
      pages.push(page.Reservations!.flatMap((r) => r.Instances!).length);
      token = page.NextToken;
    } while (token);
    assert.deepEqual(pages, [5, 2]);
    const filtered = await ec2.describeInstances({ Filters: [{ Name: 'instance-type', Values: ['t3.nano'] }, { Name: 'availability-zone', Values: ['us-east-1c'] }, { Name: 'tag-key', Values: ['bat*'] }] });
    assert.equal(filtered.Reservations!.length, 1);
    assert.equal(filtered.Reservations![0].Instances!.length, 7);
    await assert.rejects(ec2.describeInstances({ MaxResults: 2 }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.describeInstances({ Filters: [{ Name: 'colour', Values: ['red'] }] }), { name: 'InvalidParameterValue', message: "The filter 'colour' is invalid" });
  });

  test('key pairs: real private keys, AWS fingerprints, duplicates refused', async () => {
    const rsa = await ec2.createKeyPair({ KeyName: 'rsa-key' });
    assert.match(rsa.KeyMaterial!, /^-----BEGIN RSA PRIVATE KEY-----/);
    const pkcs8 = createPrivateKey(rsa.KeyMaterial!).export({ type: 'pkcs8', format: 'der' });
    assert.equal(rsa.KeyFingerprint, createHash('sha1').update(pkcs8).digest('hex').match(/../g)!.join(':'));
    const ed = await ec2.createKeyPair({ KeyName: 'ed-key', KeyType: 'ed25519' });
    assert.match(ed.KeyMaterial!, /^-----BEGIN OPENSSH PRIVATE KEY-----/);
    const pub = ssh2.utils.parseKey(ed.KeyMaterial!) as ssh2.ParsedKey;
    assert.equal(ed.KeyFingerprint, createHash('sha256').update(pub.getPublicSSH()).digest('base64'));
    await assert.rejects(ec2.createKeyPair({ KeyName: 'rsa-key' }), { name: 'InvalidKeyPair.Duplicate' });
    const mine = ssh2.utils.generateKeyPairSync('ed25519');
    const imported = await ec2.importKeyPair({ KeyName: 'mine', PublicKeyMaterial: Buffer.from(mine.public) });
    assert.match(imported.KeyFingerprint!, /^[A-Za-z0-9+/]{43}=$/);
    await assert.rejects(ec2.importKeyPair({ KeyName: 'bad', PublicKeyMaterial: Buffer.from('ssh-rsa nonsense') }), { name: 'InvalidKey.Format' });
    await assert.rejects(ec2.describeKeyPairs({ KeyNames: ['nope'] }), { name: 'InvalidKeyPair.NotFound', message: "The key pair 'nope' does not exist" });
  });

  test('security groups: duplicate names and rules get AWS errors', async () => {
    await ec2.createSecurityGroup({ GroupName: 'web', Description: 'web' });
    await assert.rejects(ec2.createSecurityGroup({ GroupName: 'web', Description: 'web' }), { name: 'InvalidGroup.Duplicate' });
    const rule = { GroupName: 'web', IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' };
    await ec2.authorizeSecurityGroupIngress(rule);
    await assert.rejects(ec2.authorizeSecurityGroupIngress(rule), { name: 'InvalidPermission.Duplicate', message: 'the specified rule "peer: 0.0.0.0/0, TCP, from port: 80, to port: 80, ALLOW" already exists' });
    await ec2.revokeSecurityGroupIngress(rule);
    await assert.rejects(ec2.revokeSecurityGroupIngress(rule), { name: 'InvalidPermission.NotFound' });
    await assert.rejects(ec2.describeSecurityGroups({ GroupNames: ['none'] }), { name: 'InvalidGroup.NotFound' });
  });

  test('volumes: creating → available → in-use (attaching → attached), zone mismatch and in-use errors', async () => {
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
    const id = Instances![0].InstanceId!;
    const vol = await ec2.createVolume({ Size: 5, AvailabilityZone: 'us-east-1b' });
    assert.equal(vol.State, 'creating');
    await sleep(300);
    await assert.rejects(ec2.attachVolume({ VolumeId: vol.VolumeId, InstanceId: id, Device: '/dev/sdf' }), { name: 'InvalidVolume.ZoneMismatch' });
    const near = await ec2.createVolume({ Size: 5, AvailabilityZone: 'us-east-1a' });
    await sleep(150);
    const attaching = await ec2.attachVolume({ VolumeId: near.VolumeId, InstanceId: id, Device: '/dev/sdf' });
    assert.equal(attaching.State, 'attaching');
    await assert.rejects(ec2.deleteVolume({ VolumeId: near.VolumeId }), { name: 'VolumeInUse' });
    await sleep(150);
    const [attached] = (await ec2.describeVolumes({ VolumeIds: [near.VolumeId!] })).Volumes!;
    assert.equal(attached.Attachments![0].State, 'attached');
    await assert.rejects(ec2.describeVolumes({ VolumeIds: ['vol-00000000000000000'] }), { name: 'InvalidVolume.NotFound', message: "The volume 'vol-00000000000000000' does not exist." });
  });

  test('the AWS CLI sees and changes the same state', { skip: awsCliMissing }, async () => {
    const run = await awsCli(sandbox, ['ec2', 'run-instances', '--image-id', ami, '--count', '1', '--instance-type', 't3.micro']);
    assert.equal(run.status, 0, run.stderr);
    const id = run.json().Instances[0].InstanceId;
    const tag = await awsCli(sandbox, ['ec2', 'create-tags', '--resources', id, '--tags', 'Key=Name,Value=cli']);
    assert.equal(tag.status, 0, tag.stderr);
    const sdkView = await ec2.describeInstances({ Filters: [{ Name: 'tag:Name', Values: ['cli'] }] });
    assert.equal(sdkView.Reservations![0].Instances![0].InstanceId, id);
    await sleep(400);
    const cliView = await awsCli(sandbox, ['ec2', 'describe-instances', '--filters', 'Name=tag:Name,Values=cli', 'Name=instance-state-name,Values=running']);
    assert.equal(cliView.json().Reservations[0].Instances[0].InstanceId, id);
    const vol = await awsCli(sandbox, ['ec2', 'create-volume', '--size', '3', '--availability-zone', 'us-east-1a']);
    assert.equal(vol.status, 0, vol.stderr);
    await sleep(200);
    const attach = await awsCli(sandbox, ['ec2', 'attach-volume', '--volume-id', vol.json().VolumeId, '--instance-id', id, '--device', '/dev/sdh']);
    assert.equal(attach.status, 0, attach.stderr);
    const volumes = await ec2.describeVolumes({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] });
    assert.deepEqual(volumes.Volumes!.map((v) => v.Attachments![0].Device).sort(), ['/dev/sdh', '/dev/xvda']);
    const missing = await awsCli(sandbox, ['ec2', 'describe-instances', '--instance-ids', 'i-00000000000000000']);
    assert.match(missing.stderr, /InvalidInstanceID\.NotFound.*The instance ID 'i-00000000000000000' does not exist/);
  });
});

test('after a restart, running instances are running again and unfinished transitions complete', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'paws-ec2-restart-'));
  process.env.PAWS_HOME ??= stateDir;
  try {
    let sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.02 });
    let ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    const ami = await latestAl2023(ec2);
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 2, MaxCount: 2, InstanceType: 't3.micro' });
    const consoleOf = async (id: string) => Buffer.from((await ec2.getConsoleOutput({ InstanceId: id })).Output ?? '', 'base64').toString();
    // Booted: the host is up once cloud-init says it finished (host keys take a moment to make).
    for (let i = 0; i < 200 && !/Cloud-init v\. [\d.]+ finished/.test(await consoleOf(Instances![0].InstanceId!)); i++) await sleep(50);
    await ec2.stopInstances({ InstanceIds: [Instances![1].InstanceId!] });
    await sandbox.close();
    sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.02 });
    ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    const all = (await ec2.describeInstances({})).Reservations!.flatMap((r) => r.Instances!);
    assert.deepEqual(all.map((i) => i.State!.Name), ['running', 'stopped']);
    const console = Buffer.from((await ec2.getConsoleOutput({ InstanceId: Instances![0].InstanceId })).Output!, 'base64').toString();
    assert.equal(console.match(/Cloud-init v\. [\d.]+ finished/g)?.length, 2);
    await sandbox.close();
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
