/**
 * EC2 resources beyond the book, as SDK clients (and the AWS CLI) see them on the sandbox: launch
 * templates, every member of a described instance, instance attributes and status checks, images
 * and their launch permissions, volume modifications, snapshot copies and permissions, and the
 * SDK's own waiters.
 */
import { before, after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  EC2,
  waitUntilImageAvailable,
  waitUntilInstanceStatusOk,
  waitUntilSnapshotCompleted,
  waitUntilVolumeInUse,
  type Instance,
} from '@aws-sdk/client-ec2';
import { SANDBOX_ACCOUNTS, startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { cleanup } from '../../src/helpers/core/cleanup.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { eventually, refused, tempDir, testSandbox } from '../helpers/index.js';
import { sandboxSession } from '../helpers/session.js';
import { boto3Missing, pythonJson } from '../helpers/python.js';

let sandbox: RunningSandbox;
let ec2: EC2;
/** The same region as another account sees it. */
let other: EC2;
let ami: string;
const home = tempDir('paws-ec2-resources-');
const otherAccount = SANDBOX_ACCOUNTS[1];

const client = (region = 'us-east-1', credentials: { accessKeyId: string; secretAccessKey: string } = sandbox.credentials) =>
  new EC2({ endpoint: sandbox.endpoint, region, credentials });
/** The SDK's waiters, polling every second for at most a minute. */
const waiter = (c = ec2) => ({ client: c, maxWaitTime: 60, minDelay: 1, maxDelay: 1 });


async function describeInstance(id: string, c = ec2): Promise<Instance> {
  return (await c.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0];
}

async function reach(id: string, state: string): Promise<Instance> {
  return eventually(async () => {
    const i = await describeInstance(id);
    return i.State!.Name === state && i;
  }, `${id} ${state}`);
}

async function launch(more: Record<string, unknown> = {}): Promise<string> {
  const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', ...more });
  return Instances![0].InstanceId!;
}

before(async () => {
  process.env.PAWS_HOME ??= home.path;
  sandbox = await testSandbox();
  ec2 = client();
  other = client('us-east-1', otherAccount);
  const { Images = [] } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
  ami = Images[0].ImageId!;
});
after(async () => {
  await sandbox.close();
  home.remove();
});

describe('launch templates', () => {
  test('versions, $Latest and $Default, and the errors AWS gives', async () => {
    const { LaunchTemplate: lt } = await ec2.createLaunchTemplate({
      LaunchTemplateName: 'web',
      VersionDescription: 'first',
      LaunchTemplateData: { ImageId: ami, InstanceType: 't3.nano', TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'web' }] }] },
      TagSpecifications: [{ ResourceType: 'launch-template', Tags: [{ Key: 'team', Value: 'a' }] }],
    });
    assert.match(lt!.LaunchTemplateId!, /^lt-[0-9a-f]{17}$/);
    assert.equal(lt!.DefaultVersionNumber, 1);
    assert.equal(lt!.LatestVersionNumber, 1);
    assert.equal(lt!.CreatedBy, `arn:aws:iam::${SANDBOX_ACCOUNTS[0].accountId}:root`);
    assert.deepEqual(lt!.Tags, [{ Key: 'team', Value: 'a' }]);

    const dup = await refused(ec2.createLaunchTemplate({ LaunchTemplateName: 'web', LaunchTemplateData: { InstanceType: 't3.micro' } }), 'InvalidLaunchTemplateName.AlreadyExistsException');
    assert.equal(dup.message, 'Launch template name already in use.');
    await refused(ec2.createLaunchTemplate({ LaunchTemplateName: 'a b', LaunchTemplateData: { InstanceType: 't3.micro' } }), 'InvalidLaunchTemplateName.MalformedException');

    const v2 = await ec2.createLaunchTemplateVersion({ LaunchTemplateId: lt!.LaunchTemplateId, SourceVersion: '1', LaunchTemplateData: { InstanceType: 't3.small' } });
    assert.equal(v2.LaunchTemplateVersion!.VersionNumber, 2);
    assert.equal(v2.LaunchTemplateVersion!.DefaultVersion, false);
    // The source version's data carries over under the new members.
    assert.equal(v2.LaunchTemplateVersion!.LaunchTemplateData!.ImageId, ami);
    assert.equal(v2.LaunchTemplateVersion!.LaunchTemplateData!.InstanceType, 't3.small');

    const picked = await ec2.describeLaunchTemplateVersions({ LaunchTemplateName: 'web', Versions: ['$Latest', '$Default'] });
    assert.deepEqual(picked.LaunchTemplateVersions!.map((v) => [v.VersionNumber, v.DefaultVersion, v.VersionDescription]), [[2, false, undefined], [1, true, 'first']]);

    const everyLatest = await ec2.describeLaunchTemplateVersions({ Versions: ['$Latest'] });
    assert.ok(everyLatest.LaunchTemplateVersions!.some((v) => v.LaunchTemplateName === 'web' && v.VersionNumber === 2));
    await refused(ec2.describeLaunchTemplateVersions({ Versions: ['1'] }), 'InvalidParameterCombination');

    const modified = await ec2.modifyLaunchTemplate({ LaunchTemplateName: 'web', DefaultVersion: '2' });
    assert.equal(modified.LaunchTemplate!.DefaultVersionNumber, 2);
    await refused(ec2.modifyLaunchTemplate({ LaunchTemplateName: 'web', DefaultVersion: '9' }), 'InvalidLaunchTemplateId.VersionNotFound');

    const listed = await ec2.describeLaunchTemplates({ Filters: [{ Name: 'tag:team', Values: ['a'] }] });
    assert.deepEqual(listed.LaunchTemplates!.map((t) => [t.LaunchTemplateName, t.DefaultVersionNumber, t.LatestVersionNumber]), [['web', 2, 2]]);
    const missing = await refused(ec2.describeLaunchTemplates({ LaunchTemplateIds: ['lt-0123456789abcdef0'] }), 'InvalidLaunchTemplateId.NotFound');
    assert.equal(missing.message, 'The specified launch template, with template ID lt-0123456789abcdef0, does not exist.');
    await refused(ec2.describeLaunchTemplates({ LaunchTemplateIds: ['lt-nope'] }), 'InvalidLaunchTemplateId.Malformed');
    await refused(ec2.describeLaunchTemplates({ LaunchTemplateNames: ['nope'] }), 'InvalidLaunchTemplateName.NotFoundException');

    const deleted = await ec2.deleteLaunchTemplateVersions({ LaunchTemplateName: 'web', Versions: ['2', '1'] });
    assert.equal(deleted.UnsuccessfullyDeletedLaunchTemplateVersions![0].ResponseError!.Code, 'launchTemplateVersionDefaultVersionCannotBeDeleted');
    assert.deepEqual(deleted.SuccessfullyDeletedLaunchTemplateVersions!.map((v) => v.VersionNumber), [1]);

    await ec2.deleteLaunchTemplate({ LaunchTemplateName: 'web' });
    await refused(ec2.describeLaunchTemplates({ LaunchTemplateNames: ['web'] }), 'InvalidLaunchTemplateName.NotFoundException');
  });

  test('RunInstances takes the version\'s data, the request\'s own members winning, and tags the instance with it', async () => {
    const { LaunchTemplate: lt } = await ec2.createLaunchTemplate({
      LaunchTemplateName: 'app',
      LaunchTemplateData: { ImageId: ami, InstanceType: 't3.nano', MetadataOptions: { HttpTokens: 'optional' }, TagSpecifications: [{ ResourceType: 'instance', Tags: [{ Key: 'role', Value: 'app' }] }] },
    });
    const fromTemplate = await ec2.runInstances({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'app' } });
    const a = fromTemplate.Instances![0];
    assert.equal(a.InstanceType, 't3.nano');
    assert.equal(a.ImageId, ami);
    assert.equal(a.MetadataOptions!.HttpTokens, 'optional');
    const tags = Object.fromEntries(a.Tags!.map((t) => [t.Key, t.Value]));
    assert.deepEqual(tags, { role: 'app', 'aws:ec2launchtemplate:id': lt!.LaunchTemplateId, 'aws:ec2launchtemplate:version': '1' });

    const overridden = await ec2.runInstances({ MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', LaunchTemplate: { LaunchTemplateId: lt!.LaunchTemplateId, Version: '$Latest' } });
    assert.equal(overridden.Instances![0].InstanceType, 't3.micro');

    await refused(ec2.runInstances({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'absent' } }), 'InvalidLaunchTemplateName.NotFoundException');
    await refused(ec2.runInstances({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'app', Version: '7' } }), 'InvalidLaunchTemplateId.VersionNotFound');
    await ec2.terminateInstances({ InstanceIds: [a.InstanceId!, overridden.Instances![0].InstanceId!] });
  });

  test('the AWS CLI lists templates and reads the duplicate-name error', { skip: awsCliMissing }, async () => {
    await ec2.createLaunchTemplate({ LaunchTemplateName: 'cli', LaunchTemplateData: { ImageId: ami } });
    const listed = await awsCli(sandbox, ['ec2', 'describe-launch-templates', '--launch-template-names', 'cli']);
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.json().LaunchTemplates[0].LaunchTemplateName, 'cli');
    const dup = await awsCli(sandbox, ['ec2', 'create-launch-template', '--launch-template-name', 'cli', '--launch-template-data', '{"InstanceType": "t3.micro"}']);
    assert.match(dup.stderr, /\(InvalidLaunchTemplateName\.AlreadyExistsException\) when calling the CreateLaunchTemplate operation: Launch template name already in use\./);
  });
});

describe('instances', () => {
  test('a described instance has every member AWS gives, from its type and its image', async () => {
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 'm5.xlarge', MetadataOptions: { HttpPutResponseHopLimit: 1 } });
    const pending = Instances![0];
    assert.deepEqual(pending.StateReason, { Code: 'pending', Message: 'pending' });
    const id = pending.InstanceId!;
    const i = await reach(id, 'running');
    const { InstanceTypes } = await ec2.describeInstanceTypes({ InstanceTypes: ['m5.xlarge'] });
    const vcpu = InstanceTypes![0].VCpuInfo!;
    assert.deepEqual(i.CpuOptions, { CoreCount: vcpu.DefaultCores, ThreadsPerCore: vcpu.DefaultThreadsPerCore });
    assert.equal(i.StateReason, undefined);
    assert.equal(i.PlatformDetails, 'Linux/UNIX');
    assert.equal(i.UsageOperation, 'RunInstances');
    assert.deepEqual(i.UsageOperationUpdateTime, i.LaunchTime);
    assert.equal(i.EnaSupport, true);
    assert.equal(i.BootMode, 'uefi-preferred');
    assert.equal(i.CurrentInstanceBootMode, 'uefi');
    assert.deepEqual(i.HibernationOptions, { Configured: false });
    assert.deepEqual(i.EnclaveOptions, { Enabled: false });
    assert.equal(i.MetadataOptions!.HttpTokens, 'required');
    assert.equal(i.MetadataOptions!.HttpPutResponseHopLimit, 1);
    assert.equal(i.MetadataOptions!.State, 'applied');
    assert.equal(i.MaintenanceOptions!.AutoRecovery, 'default');
    assert.equal(i.CapacityReservationSpecification!.CapacityReservationPreference, 'open');
    assert.equal(i.RootDeviceType, 'ebs');
    assert.equal(i.RootDeviceName, '/dev/xvda');
    const root = i.BlockDeviceMappings!.find((b) => b.DeviceName === '/dev/xvda')!;
    assert.equal(root.Ebs!.Status, 'attached');
    assert.ok(root.Ebs!.AttachTime instanceof Date);
    // The root volume is the image's type (gp3 for Amazon Linux 2023).
    const { Volumes } = await ec2.describeVolumes({ VolumeIds: [root.Ebs!.VolumeId!] });
    assert.equal(Volumes![0].VolumeType, 'gp3');

    await ec2.stopInstances({ InstanceIds: [id] });
    const userShutdown = { Code: 'Client.UserInitiatedShutdown', Message: 'Client.UserInitiatedShutdown: User initiated shutdown' };
    // From the moment it is stopping, not only once stopped.
    assert.deepEqual((await describeInstance(id)).StateReason, userShutdown);
    assert.deepEqual((await reach(id, 'stopped')).StateReason, userShutdown);
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('instance attributes: the type only while stopped, user data, termination and stop protection', async () => {
    const id = await launch({ DisableApiTermination: true });
    await reach(id, 'running');
    const e = await refused(ec2.modifyInstanceAttribute({ InstanceId: id, InstanceType: { Value: 't3.small' } }), 'IncorrectInstanceState');
    assert.equal(e.message, `The instance '${id}' is not in the 'stopped' state.`);
    const protectedOne = await refused(ec2.terminateInstances({ InstanceIds: [id] }), 'OperationNotPermitted');
    assert.match(protectedOne.message, /may not be terminated/);

    await ec2.modifyInstanceAttribute({ InstanceId: id, DisableApiStop: { Value: true } });
    await refused(ec2.stopInstances({ InstanceIds: [id] }), 'OperationNotPermitted');
    await ec2.modifyInstanceAttribute({ InstanceId: id, DisableApiStop: { Value: false } });
    await ec2.modifyInstanceAttribute({ InstanceId: id, InstanceInitiatedShutdownBehavior: { Value: 'terminate' } });
    const behaviour = await ec2.describeInstanceAttribute({ InstanceId: id, Attribute: 'instanceInitiatedShutdownBehavior' });
    assert.equal(behaviour.InstanceInitiatedShutdownBehavior!.Value, 'terminate');

    await ec2.stopInstances({ InstanceIds: [id] });
    await reach(id, 'stopped');
    await ec2.modifyInstanceAttribute({ InstanceId: id, InstanceType: { Value: 't3.small' } });
    await ec2.modifyInstanceAttribute({ InstanceId: id, UserData: { Value: Buffer.from('#!/bin/sh\necho hi\n') } });
    await ec2.modifyInstanceAttribute({ InstanceId: id, EbsOptimized: { Value: true } });
    assert.equal((await ec2.describeInstanceAttribute({ InstanceId: id, Attribute: 'instanceType' })).InstanceType!.Value, 't3.small');
    const userData = (await ec2.describeInstanceAttribute({ InstanceId: id, Attribute: 'userData' })).UserData!.Value!;
    assert.equal(Buffer.from(userData, 'base64').toString(), '#!/bin/sh\necho hi\n');
    assert.equal((await ec2.describeInstanceAttribute({ InstanceId: id, Attribute: 'ebsOptimized' })).EbsOptimized!.Value, true);
    await refused(ec2.describeInstanceAttribute({ InstanceId: id, Attribute: 'nope' as never }), 'InvalidParameterValue');

    await ec2.modifyInstanceAttribute({ InstanceId: id, DisableApiTermination: { Value: false } });
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('status checks: not-applicable while pending, initializing once running, then ok, as the instanceStatusOk waiter sees', async () => {
    const id = await launch();
    const seen: string[] = [];
    await eventually(async () => {
      const { InstanceStatuses = [] } = await ec2.describeInstanceStatus({ InstanceIds: [id], IncludeAllInstances: true });
      const status = InstanceStatuses[0].InstanceStatus!.Status!;
      if (seen.at(-1) !== status) seen.push(status);
      return status === 'ok';
    }, `${id} status ok`);
    // Polled every 100 ms, the initializing checks (2.4 s here) are seen on the way.
    assert.deepEqual(seen.filter((s) => s !== 'not-applicable'), ['initializing', 'ok']);
    const result = await waitUntilInstanceStatusOk(waiter(), { InstanceIds: [id] });
    assert.equal(result.state, 'SUCCESS');
    const { InstanceStatuses } = await ec2.describeInstanceStatus({ InstanceIds: [id] });
    assert.deepEqual(InstanceStatuses![0].SystemStatus, { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] });

    await ec2.stopInstances({ InstanceIds: [id] });
    await reach(id, 'stopped');
    assert.deepEqual((await ec2.describeInstanceStatus({ InstanceIds: [id] })).InstanceStatuses, []);
    const all = await ec2.describeInstanceStatus({ InstanceIds: [id], IncludeAllInstances: true });
    assert.equal(all.InstanceStatuses![0].InstanceStatus!.Status, 'not-applicable');
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('the AWS CLI waits for status ok and reads the checks', { skip: awsCliMissing }, async () => {
    const id = await launch();
    const waited = await awsCli(sandbox, ['ec2', 'wait', 'instance-status-ok', '--instance-ids', id]);
    assert.equal(waited.status, 0, waited.stderr);
    const r = await awsCli(sandbox, ['ec2', 'describe-instance-status', '--instance-ids', id]);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json().InstanceStatuses[0].InstanceStatus, { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] });
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('required parameters are missed before DryRunOperation, named as the wire names them', async () => {
    const e = await refused(ec2.attachVolume({ VolumeId: 'vol-0123456789abcdef0', InstanceId: 'i-0123456789abcdef0', DryRun: true } as never), 'MissingParameter');
    assert.equal(e.message, 'The request must contain the parameter Device');
    await refused(ec2.stopInstances({ DryRun: true } as never), 'MissingParameter');
    await refused(ec2.createLaunchTemplate({ LaunchTemplateName: 'dry', DryRun: true } as never), 'MissingParameter');
    await refused(ec2.createLaunchTemplate({ LaunchTemplateName: 'dry', LaunchTemplateData: { InstanceType: 't3.micro' }, DryRun: true }), 'DryRunOperation', 412);
    // The volumes and snapshots a request names are looked up first, as its instances are.
    await refused(ec2.createSnapshot({ VolumeId: 'vol-0123456789abcdef0', DryRun: true }), 'InvalidVolume.NotFound');
    await refused(ec2.modifySnapshotAttribute({ SnapshotId: 'snap-x', DryRun: true }), 'InvalidSnapshot.Malformed');
  });
});

describe('images', () => {
  test('the public images a newcomer looks for, by name, owner alias and owner id', async () => {
    const amazon = await ec2.describeImages({ Filters: [{ Name: 'owner-alias', Values: ['amazon'] }, { Name: 'name', Values: ['al2023-ami-*'] }, { Name: 'architecture', Values: ['arm64'] }] });
    assert.ok(amazon.Images!.length >= 2);
    assert.ok(amazon.Images!.every((i) => i.Architecture === 'arm64' && i.ImageOwnerAlias === 'amazon' && i.Name!.startsWith('al2023-ami-')));
    const ubuntu = await ec2.describeImages({ Owners: ['099720109477'], Filters: [{ Name: 'name', Values: ['ubuntu/images/hvm-ssd-gp3/ubuntu-noble-24.04-amd64-server-*'] }] });
    assert.equal(ubuntu.Images!.length, 2);
    const debian = await ec2.describeImages({ Owners: ['136693071363'], Filters: [{ Name: 'name', Values: ['debian-12-amd64-*'] }, { Name: 'state', Values: ['available'] }] });
    assert.equal(debian.Images!.length, 2);
    assert.ok(debian.Images!.every((i) => i.Public && i.Architecture === 'x86_64'));
    await refused(ec2.describeImages({ ImageIds: ['ami-0123456789abcdef0'] }), 'InvalidAMIID.NotFound');
    await refused(ec2.describeImages({ ImageIds: ['ami-x'] }), 'InvalidAMIID.Malformed');
  });

  test('CreateImage snapshots the instance\'s volumes; the image is pending until they complete, and launches', async () => {
    const id = await launch();
    await reach(id, 'running');
    const { ImageId } = await ec2.createImage({ InstanceId: id, Name: 'my-web (v1)', Description: 'web server', TagSpecifications: [{ ResourceType: 'image', Tags: [{ Key: 'app', Value: 'web' }] }] });
    const dup = await refused(ec2.createImage({ InstanceId: id, Name: 'my-web (v1)' }), 'InvalidAMIName.Duplicate');
    assert.equal(dup.message, `AMI name my-web (v1) is already in use by AMI ${ImageId}`);
    const first = (await ec2.describeImages({ ImageIds: [ImageId!] })).Images![0];
    assert.equal(first.State, 'pending');
    assert.equal(first.SourceInstanceId, id);
    assert.equal(first.Public, false);
    const result = await waitUntilImageAvailable(waiter(), { ImageIds: [ImageId!] });
    assert.equal(result.state, 'SUCCESS');

    const mine = await ec2.describeImages({ Owners: ['self'], Filters: [{ Name: 'tag:app', Values: ['web'] }] });
    assert.deepEqual(mine.Images!.map((i) => [i.ImageId, i.State, i.Name, i.Description]), [[ImageId, 'available', 'my-web (v1)', 'web server']]);
    const rootSnapshot = mine.Images![0].BlockDeviceMappings![0].Ebs!.SnapshotId!;
    const snap = (await ec2.describeSnapshots({ SnapshotIds: [rootSnapshot] })).Snapshots![0];
    assert.match(snap.Description!, new RegExp(`^Created by CreateImage\\(${id}\\) for ${ImageId}`));

    const copy = await launch({ ImageId });
    const launched = await reach(copy, 'running');
    assert.equal(launched.ImageId, ImageId);
    // It boots what the instance it was made of ran.
    await eventually(async () => /Linux version [\d.-]+\.amzn2023\.x86_64/.test(Buffer.from((await ec2.getConsoleOutput({ InstanceId: copy })).Output ?? '', 'base64').toString()), 'Amazon Linux 2023 booting');
    const inUse = await refused(ec2.deleteSnapshot({ SnapshotId: rootSnapshot }), 'InvalidSnapshot.InUse');
    assert.equal(inUse.message, `The snapshot ${rootSnapshot} is currently in use by ${ImageId}`);
    await ec2.terminateInstances({ InstanceIds: [id, copy] });

    await ec2.deregisterImage({ ImageId });
    await refused(ec2.describeImages({ ImageIds: [ImageId!] }), 'InvalidAMIID.NotFound');
    await ec2.deleteSnapshot({ SnapshotId: rootSnapshot });
  });

  test('launch permissions share an image with another account, which may launch but not change it', async () => {
    const { SnapshotId } = await ec2.createSnapshot({ VolumeId: await rootVolumeOfNew() });
    await waitUntilSnapshotCompleted(waiter(), { SnapshotIds: [SnapshotId!] });
    const { ImageId } = await ec2.registerImage({ Name: 'shared', RootDeviceName: '/dev/xvda', Architecture: 'x86_64', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId } }] });
    await waitUntilImageAvailable(waiter(), { ImageIds: [ImageId!] });
    await refused(other.describeImages({ ImageIds: [ImageId!] }), 'InvalidAMIID.NotFound');

    await ec2.modifyImageAttribute({ ImageId, LaunchPermission: { Add: [{ UserId: otherAccount.accountId }] } });
    const perms = await ec2.describeImageAttribute({ ImageId, Attribute: 'launchPermission' });
    assert.deepEqual(perms.LaunchPermissions, [{ UserId: otherAccount.accountId }]);
    const shared = await other.describeImages({ ExecutableUsers: ['self'] });
    assert.deepEqual(shared.Images!.map((i) => i.ImageId), [ImageId]);
    await refused(other.modifyImageAttribute({ ImageId, Description: { Value: 'mine now' } }), 'AuthFailure');
    const { Instances } = await other.runInstances({ ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
    await other.terminateInstances({ InstanceIds: [Instances![0].InstanceId!] });

    await ec2.modifyImageAttribute({ ImageId, LaunchPermission: { Remove: [{ UserId: otherAccount.accountId }], Add: [{ Group: 'all' }] } });
    assert.deepEqual((await ec2.describeImageAttribute({ ImageId, Attribute: 'launchPermission' })).LaunchPermissions, [{ Group: 'all' }]);
    assert.equal((await other.describeImages({ ImageIds: [ImageId!] })).Images![0].Public, true);
    await ec2.deregisterImage({ ImageId });
  });

  test('CopyImage copies into the client\'s region, snapshots and all', async () => {
    const west = client('eu-west-1');
    const { ImageId } = await west.copyImage({ Name: 'al2023-copy', SourceImageId: ami, SourceRegion: 'us-east-1' });
    await waitUntilImageAvailable(waiter(west), { ImageIds: [ImageId!] });
    const copied = (await west.describeImages({ ImageIds: [ImageId!] })).Images![0];
    assert.equal(copied.OwnerId, SANDBOX_ACCOUNTS[0].accountId);
    const snapshotId = copied.BlockDeviceMappings![0].Ebs!.SnapshotId!;
    const snap = (await west.describeSnapshots({ SnapshotIds: [snapshotId] })).Snapshots![0];
    assert.match(snap.Description!, new RegExp(`^Copied for DestinationAmi ${ImageId} from SourceAmi ${ami}`));
    await refused(west.copyImage({ Name: 'nowhere', SourceImageId: ami, SourceRegion: 'mars-1' }), 'InvalidRegion');
    await refused(west.copyImage({ Name: 'missing', SourceImageId: 'ami-0123456789abcdef0', SourceRegion: 'us-east-1' }), 'InvalidAMIID.NotFound');
  });

  test('the AWS CLI finds images by owner alias and name', { skip: awsCliMissing }, async () => {
    const r = await awsCli(sandbox, ['ec2', 'describe-images', '--owners', 'amazon', '--filters', 'Name=name,Values=al2023-ami-2023.*-x86_64']);
    assert.equal(r.status, 0, r.stderr);
    const names = r.json().Images.map((i: { Name: string }) => i.Name);
    assert.equal(names.length, 2);
    assert.ok(names.every((n: string) => /^al2023-ami-2023\..*-x86_64$/.test(n)));
  });
});

/** Runs a Python snippet with `ec2`, a boto3 client on the sandbox, defined; answers what it prints as JSON. */
function boto3(code: string): Promise<any> {
  const script = [
    'import boto3, json, sys',
    `ec2 = boto3.client('ec2', region_name='us-east-1', endpoint_url=sys.argv[1])`,
    code,
  ].join('\n');
  return pythonJson(script, [sandbox.endpoint], { HOME: home.path, AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey });
}

describe('boto3', () => {
  test('boto3 launches from a template, waits for status ok and an image, and reads the errors', { skip: boto3Missing }, async () => {
    const out = await boto3(`
lt = ec2.create_launch_template(LaunchTemplateName='boto', LaunchTemplateData={'ImageId': '${ami}', 'InstanceType': 't3.nano'})['LaunchTemplate']
i = ec2.run_instances(MinCount=1, MaxCount=1, LaunchTemplate={'LaunchTemplateName': 'boto'})['Instances'][0]
ec2.get_waiter('instance_status_ok').wait(InstanceIds=[i['InstanceId']], WaiterConfig={'Delay': 1})
image = ec2.create_image(InstanceId=i['InstanceId'], Name='boto-image')['ImageId']
ec2.get_waiter('image_available').wait(ImageIds=[image], WaiterConfig={'Delay': 1})
try:
    ec2.create_launch_template(LaunchTemplateName='boto', LaunchTemplateData={'InstanceType': 't3.nano'})
    code = None
except ec2.exceptions.ClientError as e:
    code = e.response['Error']['Code']
state = ec2.describe_images(ImageIds=[image])['Images'][0]['State']
ec2.terminate_instances(InstanceIds=[i['InstanceId']])
print(json.dumps({'type': i['InstanceType'], 'version': lt['LatestVersionNumber'], 'state': state, 'duplicate': code}))
`);
    assert.deepEqual(out, { type: 't3.nano', version: 1, state: 'available', duplicate: 'InvalidLaunchTemplateName.AlreadyExistsException' });
  });
});

/** The root volume of a new running instance. */
async function rootVolumeOfNew(): Promise<string> {
  const id = await launch();
  const i = await reach(id, 'running');
  return i.BlockDeviceMappings![0].Ebs!.VolumeId!;
}

describe('volumes and snapshots', () => {
  test('defaults per type, and the performance each type takes', async () => {
    const gp2 = await ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 50 });
    assert.deepEqual([gp2.VolumeType, gp2.Iops, gp2.Throughput, gp2.SnapshotId, gp2.Encrypted, gp2.MultiAttachEnabled], ['gp2', 150, undefined, '', false, false]);
    const gp3 = await ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp3' });
    assert.deepEqual([gp3.Iops, gp3.Throughput], [3000, 125]);
    await refused(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp2', Iops: 500 }), 'InvalidParameterCombination');
    await refused(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'io1' }), 'MissingParameter');
    await refused(ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp3', Throughput: 2000 }), 'InvalidParameterValue');
  });

  test('ModifyVolume: modifying, then optimizing, then completed; one at a time; never smaller', async () => {
    const { VolumeId } = await ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 10, VolumeType: 'gp2' });
    await eventually(async () => (await ec2.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0].State === 'available', 'volume available');
    const { VolumeModification: m } = await ec2.modifyVolume({ VolumeId, Size: 20, VolumeType: 'gp3', Iops: 4000 });
    assert.deepEqual(
      [m!.ModificationState, m!.OriginalSize, m!.TargetSize, m!.OriginalVolumeType, m!.TargetVolumeType, m!.OriginalIops, m!.TargetIops, m!.TargetThroughput],
      ['modifying', 10, 20, 'gp2', 'gp3', 100, 4000, 125],
    );
    await refused(ec2.modifyVolume({ VolumeId, Size: 30 }), 'IncorrectModificationState');
    const volume = (await ec2.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0];
    assert.deepEqual([volume.Size, volume.VolumeType, volume.Iops], [20, 'gp3', 4000]);
    const states: string[] = [];
    await eventually(async () => {
      const state = (await ec2.describeVolumesModifications({ VolumeIds: [VolumeId!] })).VolumesModifications![0].ModificationState!;
      if (states.at(-1) !== state) states.push(state);
      return state === 'completed';
    }, 'modification completed');
    assert.deepEqual(states.filter((s) => s !== 'modifying'), ['optimizing', 'completed']);
    await refused(ec2.modifyVolume({ VolumeId, Size: 5 }), 'InvalidParameterValue');
    // At the prompt: a volume grows in place.
    const session = sandboxSession(sandbox, { embedded: true });
    const [volumeObject] = await (await session.service('ec2')).volumes({ 'volume-id': VolumeId! });
    const grown = await volumeObject.modify({ size: 40 });
    assert.deepEqual([grown.ModificationState, grown.OriginalSize, grown.TargetSize, volumeObject.size], ['modifying', 20, 40, 40]);
    const { VolumeId: untouched } = await ec2.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1 });
    await refused(ec2.describeVolumesModifications({ VolumeIds: [untouched!] }), 'InvalidVolumeModification.NotFound');
  });

  test('the volumeInUse and snapshotCompleted waiters; CopySnapshot; createVolumePermission shares a snapshot', async () => {
    const id = await launch();
    await reach(id, 'running');
    const { VolumeId } = await ec2.createVolume({ AvailabilityZone: (await describeInstance(id)).Placement!.AvailabilityZone!, Size: 2 });
    await eventually(async () => (await ec2.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0].State === 'available', 'volume available');
    await ec2.attachVolume({ VolumeId, InstanceId: id, Device: '/dev/sdh' });
    assert.equal((await waitUntilVolumeInUse(waiter(), { VolumeIds: [VolumeId!] })).state, 'SUCCESS');

    const { SnapshotId } = await ec2.createSnapshot({ VolumeId, Description: 'data' });
    assert.equal((await waitUntilSnapshotCompleted(waiter(), { SnapshotIds: [SnapshotId!] })).state, 'SUCCESS');

    const west = client('eu-west-1');
    const copied = await west.copySnapshot({ SourceRegion: 'us-east-1', SourceSnapshotId: SnapshotId });
    const copy = (await west.describeSnapshots({ SnapshotIds: [copied.SnapshotId!] })).Snapshots![0];
    assert.deepEqual([copy.VolumeId, copy.VolumeSize, copy.Description], ['vol-ffffffff', 2, `[Copied ${SnapshotId} from us-east-1]`]);
    await refused(west.copySnapshot({ SourceRegion: 'us-east-1', SourceSnapshotId: 'snap-0123456789abcdef0' }), 'InvalidSnapshot.NotFound');

    await refused(other.createVolume({ AvailabilityZone: 'us-east-1a', SnapshotId }), 'InvalidSnapshot.NotFound');
    await ec2.modifySnapshotAttribute({ SnapshotId, Attribute: 'createVolumePermission', OperationType: 'add', UserIds: [otherAccount.accountId] });
    const perms = await ec2.describeSnapshotAttribute({ SnapshotId, Attribute: 'createVolumePermission' });
    assert.deepEqual(perms.CreateVolumePermissions, [{ UserId: otherAccount.accountId }]);
    const restored = await other.createVolume({ AvailabilityZone: 'us-east-1a', SnapshotId });
    assert.equal(restored.Size, 2);
    assert.deepEqual((await other.describeSnapshots({ RestorableByUserIds: ['self'] })).Snapshots!.map((s) => s.SnapshotId), [SnapshotId]);
    await ec2.resetSnapshotAttribute({ SnapshotId, Attribute: 'createVolumePermission' });
    assert.deepEqual((await ec2.describeSnapshotAttribute({ SnapshotId, Attribute: 'createVolumePermission' })).CreateVolumePermissions, []);
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('the AWS CLI reads volume modifications', { skip: awsCliMissing }, async () => {
    const { VolumeId } = await ec2.createVolume({ AvailabilityZone: 'us-east-1b', Size: 4, VolumeType: 'gp3' });
    await eventually(async () => (await ec2.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0].State === 'available', 'volume available');
    const modified = await awsCli(sandbox, ['ec2', 'modify-volume', '--volume-id', VolumeId!, '--size', '8']);
    assert.equal(modified.status, 0, modified.stderr);
    assert.equal(modified.json().VolumeModification.TargetSize, 8);
    const listed = await awsCli(sandbox, ['ec2', 'describe-volumes-modifications', '--volume-ids', VolumeId!]);
    assert.equal(listed.status, 0, listed.stderr);
    assert.equal(listed.json().VolumesModifications[0].OriginalSize, 4);
  });
});

describe('a session\'s launch templates and images', () => {
  test('.created lists them and .cleanup deletes them, with the images\' snapshots', async () => {
    const session = sandboxSession(sandbox, { embedded: true });
    const s = await session.service('ec2');
    await s.createLaunchTemplate({ LaunchTemplateName: 'session-lt', LaunchTemplateData: { ImageId: ami, InstanceType: 't3.micro' } });
    const { Instances } = await s.runInstances({ MinCount: 1, MaxCount: 1, LaunchTemplate: { LaunchTemplateName: 'session-lt' } });
    const id = Instances![0].InstanceId!;
    await reach(id, 'running');
    const { ImageId } = await s.createImage({ InstanceId: id, Name: 'session-image' });
    await waitUntilImageAvailable(waiter(), { ImageIds: [ImageId!] });
    const snapshots = (await ec2.describeImages({ ImageIds: [ImageId!] })).Images![0].BlockDeviceMappings!.map((b) => b.Ebs!.SnapshotId!);
    assert.deepEqual(session.tracker.list().map((r) => r.kind).sort(), ['Image', 'Instance', 'LaunchTemplate']);

    const lines: string[] = [];
    const report = await cleanup(session, { say: (line) => lines.push(line), maxWaitSeconds: 60 });
    assert.deepEqual(report.failed, [], lines.join('\n'));
    await refused(ec2.describeLaunchTemplates({ LaunchTemplateNames: ['session-lt'] }), 'InvalidLaunchTemplateName.NotFoundException');
    await refused(ec2.describeImages({ ImageIds: [ImageId!] }), 'InvalidAMIID.NotFound');
    await refused(ec2.describeSnapshots({ SnapshotIds: snapshots }), 'InvalidSnapshot.NotFound');
  });
});

describe('after a restart', () => {
  test('launch templates, images and volume modifications are still there, and go on to their end states', async () => {
    const state = tempDir('paws-ec2-restart-');
    const start = () => startSandbox({ port: 0, stateDir: state.path, timeScale: 0.02 });
    const first = await start();
    const c = new EC2({ endpoint: first.endpoint, region: 'us-east-1', credentials: first.credentials });
    await c.createLaunchTemplate({ LaunchTemplateName: 'kept', LaunchTemplateData: { ImageId: ami, InstanceType: 't3.micro' } });
    const { VolumeId } = await c.createVolume({ AvailabilityZone: 'us-east-1a', Size: 1, VolumeType: 'gp3' });
    const { SnapshotId } = await c.createSnapshot({ VolumeId });
    const { ImageId } = await c.registerImage({ Name: 'kept', RootDeviceName: '/dev/xvda', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { SnapshotId } }] });
    await eventually(async () => (await c.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0].State === 'available', 'volume available');
    await c.modifyVolume({ VolumeId, Size: 2 });
    await first.close();

    const second = await start();
    try {
      const d = new EC2({ endpoint: second.endpoint, region: 'us-east-1', credentials: second.credentials });
      assert.equal((await d.describeLaunchTemplateVersions({ LaunchTemplateName: 'kept' })).LaunchTemplateVersions![0].LaunchTemplateData!.InstanceType, 't3.micro');
      await waitUntilImageAvailable({ client: d, maxWaitTime: 60, minDelay: 1, maxDelay: 1 }, { ImageIds: [ImageId!] });
      await eventually(async () => (await d.describeVolumesModifications({ VolumeIds: [VolumeId!] })).VolumesModifications![0].ModificationState === 'completed', 'modification completed');
      assert.equal((await d.describeVolumes({ VolumeIds: [VolumeId!] })).Volumes![0].Size, 2);
    } finally {
      await second.close();
      state.remove();
    }
  });
});
