/**
 * IAM's entities against the real SDK over HTTP: managed policy versions, groups and their
 * members' permissions, policies attached to roles, tags with IAM's validation, instance profiles
 * (and RunInstances naming one), with AWS's error codes.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as iamSdk from '@aws-sdk/client-iam';
import { EC2Client, DescribeRegionsCommand, RunInstancesCommand, DescribeInstancesCommand, DescribeImagesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { STSClient, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { testSandbox } from '../helpers/index.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';

const { IAMClient } = iamSdk;
let sandbox: RunningSandbox;
let iam: iamSdk.IAMClient;
const config = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string } = sandbox.credentials) => ({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials });
const allow = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

before(async () => {
  sandbox = await testSandbox();
  iam = new IAMClient(config());
});
after(() => sandbox.close());

test('managed policy versions: up to five, one default, the default cannot be deleted, enforcement follows the default', async () => {
  const { Policy } = await iam.send(new iamSdk.CreatePolicyCommand({ PolicyName: 'regions', PolicyDocument: allow('ec2:DescribeRegions') }));
  const arn = Policy!.Arn!;
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'carol' }));
  await iam.send(new iamSdk.AttachUserPolicyCommand({ UserName: 'carol', PolicyArn: arn }));
  const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: 'carol' }));
  const carol = new EC2Client(config({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
  await carol.send(new DescribeRegionsCommand({}));
  const used = await iam.send(new iamSdk.GetAccessKeyLastUsedCommand({ AccessKeyId: AccessKey!.AccessKeyId }));
  assert.deepEqual([used.AccessKeyLastUsed!.ServiceName, used.AccessKeyLastUsed!.Region], ['ec2', 'us-east-1']);
  assert.ok(used.AccessKeyLastUsed!.LastUsedDate! > new Date(Date.now() - 60_000));

  for (let i = 2; i <= 5; i++) {
    const v = await iam.send(new iamSdk.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('ec2:DescribeVpcs') }));
    assert.equal(v.PolicyVersion!.VersionId, `v${i}`);
    assert.equal(v.PolicyVersion!.IsDefaultVersion, false);
  }
  await assert.rejects(iam.send(new iamSdk.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('ec2:DescribeVpcs') })), { name: 'LimitExceededException' });
  await assert.rejects(iam.send(new iamSdk.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v1' })), { name: 'DeleteConflictException' });
  await iam.send(new iamSdk.SetDefaultPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v5' }));
  // The default version is what is enforced: carol lost DescribeRegions.
  await assert.rejects(carol.send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  await iam.send(new iamSdk.DeletePolicyVersionCommand({ PolicyArn: arn, VersionId: 'v2' }));
  const listed = await iam.send(new iamSdk.ListPolicyVersionsCommand({ PolicyArn: arn }));
  assert.deepEqual(listed.Versions!.map((v) => [v.VersionId, v.IsDefaultVersion]), [['v5', true], ['v4', false], ['v3', false], ['v1', false]]);
  const v6 = await iam.send(new iamSdk.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: allow('ec2:*'), SetAsDefault: true }));
  assert.equal(v6.PolicyVersion!.VersionId, 'v6');
  const doc = await iam.send(new iamSdk.GetPolicyVersionCommand({ PolicyArn: arn, VersionId: 'v6' }));
  assert.deepEqual(JSON.parse(decodeURIComponent(doc.PolicyVersion!.Document!)).Statement[0].Action, 'ec2:*');
  await assert.rejects(iam.send(new iamSdk.DeletePolicyCommand({ PolicyArn: arn })), { name: 'DeleteConflictException' });
  const entities = await iam.send(new iamSdk.ListEntitiesForPolicyCommand({ PolicyArn: arn }));
  assert.deepEqual(entities.PolicyUsers!.map((u) => u.UserName), ['carol']);
  await assert.rejects(iam.send(new iamSdk.CreatePolicyVersionCommand({ PolicyArn: arn, PolicyDocument: '{"Statement": [{"Effect": "Allow"}]}' })), { name: 'MalformedPolicyDocumentException' });
});

test('groups: a member acts with the group\'s inline and attached policies; membership and deletion rules', async () => {
  await iam.send(new iamSdk.CreateGroupCommand({ GroupName: 'ops' }));
  await assert.rejects(iam.send(new iamSdk.CreateGroupCommand({ GroupName: 'OPS' })), { name: 'EntityAlreadyExistsException' });
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'dave' }));
  const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: 'dave' }));
  const dave = new EC2Client(config({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
  await assert.rejects(dave.send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  await iam.send(new iamSdk.PutGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'regions', PolicyDocument: allow('ec2:DescribeRegions') }));
  await iam.send(new iamSdk.AddUserToGroupCommand({ GroupName: 'ops', UserName: 'dave' }));
  await dave.send(new DescribeRegionsCommand({}));
  const group = await iam.send(new iamSdk.GetGroupCommand({ GroupName: 'ops' }));
  assert.deepEqual(group.Users!.map((u) => u.UserName), ['dave']);
  assert.deepEqual((await iam.send(new iamSdk.ListGroupsForUserCommand({ UserName: 'dave' }))).Groups!.map((g) => g.GroupName), ['ops']);
  assert.equal(decodeURIComponent((await iam.send(new iamSdk.GetGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'regions' }))).PolicyDocument!), allow('ec2:DescribeRegions'));
  await assert.rejects(iam.send(new iamSdk.DeleteGroupCommand({ GroupName: 'ops' })), { name: 'DeleteConflictException' });
  await iam.send(new iamSdk.RemoveUserFromGroupCommand({ GroupName: 'ops', UserName: 'dave' }));
  await assert.rejects(dave.send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  await assert.rejects(iam.send(new iamSdk.GetGroupPolicyCommand({ GroupName: 'ops', PolicyName: 'nope' })), { name: 'NoSuchEntityException' });
  await assert.rejects(iam.send(new iamSdk.AddUserToGroupCommand({ GroupName: 'nope', UserName: 'dave' })), { name: 'NoSuchEntityException', message: 'The group with name nope cannot be found.' });
});

test('a role\'s attached managed policy is what its sessions may do; a role with policies cannot be deleted', async () => {
  const trust = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }] });
  await assert.rejects(
    iam.send(new iamSdk.CreateRoleCommand({ RoleName: 'bad', AssumeRolePolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) })),
    { name: 'MalformedPolicyDocumentException' },
  );
  const { Role } = await iam.send(new iamSdk.CreateRoleCommand({ RoleName: 'reader', AssumeRolePolicyDocument: trust, Description: 'reads EC2' }));
  assert.equal(Role!.MaxSessionDuration, 3600);
  assert.match(Role!.RoleId!, /^AROA/);
  await iam.send(new iamSdk.AttachRolePolicyCommand({ RoleName: 'reader', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess' }));
  const listed = await iam.send(new iamSdk.ListAttachedRolePoliciesCommand({ RoleName: 'reader' }));
  assert.deepEqual(listed.AttachedPolicies!.map((p) => p.PolicyName), ['AmazonEC2ReadOnlyAccess']);
  const out = await new STSClient(config()).send(new AssumeRoleCommand({ RoleArn: Role!.Arn, RoleSessionName: 'reading' }));
  const c = out.Credentials!;
  const ec2 = new EC2Client(config({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! }));
  await ec2.send(new DescribeRegionsCommand({}));
  await assert.rejects(ec2.send(new RunInstancesCommand({ ImageId: 'ami-0abcdef1234567890', MinCount: 1, MaxCount: 1 })), /assumed-role\/reader\/reading is not authorized to perform: ec2:RunInstances/);
  await assert.rejects(iam.send(new iamSdk.DeleteRoleCommand({ RoleName: 'reader' })), { name: 'DeleteConflictException' });
  assert.deepEqual((await iam.send(new iamSdk.ListRolesCommand({}))).Roles!.map((r) => r.RoleName), ['reader']);
  await assert.rejects(iam.send(new iamSdk.GetRoleCommand({ RoleName: 'nope' })), { name: 'NoSuchEntityException', message: 'The role with name nope cannot be found.' });
});

test('tags on users, roles and policies, with IAM\'s validation', async () => {
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'erin', Tags: [{ Key: 'team', Value: 'blue' }] }));
  await iam.send(new iamSdk.TagUserCommand({ UserName: 'erin', Tags: [{ Key: 'Team', Value: 'red' }, { Key: 'cost-center', Value: '42' }] }));
  const tags = await iam.send(new iamSdk.ListUserTagsCommand({ UserName: 'erin' }));
  assert.deepEqual(tags.Tags, [{ Key: 'Team', Value: 'red' }, { Key: 'cost-center', Value: '42' }]);
  await iam.send(new iamSdk.UntagUserCommand({ UserName: 'erin', TagKeys: ['team'] }));
  assert.deepEqual((await iam.send(new iamSdk.GetUserCommand({ UserName: 'erin' }))).User!.Tags, [{ Key: 'cost-center', Value: '42' }]);
  await assert.rejects(iam.send(new iamSdk.TagUserCommand({ UserName: 'erin', Tags: [{ Key: 'bad#key', Value: 'x' }] })), { name: 'ValidationError' });
  await assert.rejects(iam.send(new iamSdk.TagUserCommand({ UserName: 'erin', Tags: [{ Key: 'aws:owner', Value: 'x' }] })), { name: 'InvalidInputException' });
  await assert.rejects(iam.send(new iamSdk.TagUserCommand({ UserName: 'erin', Tags: [{ Key: 'a', Value: '1' }, { Key: 'A', Value: '2' }] })), { name: 'InvalidInputException' });
  const many = Array.from({ length: 50 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }));
  await assert.rejects(iam.send(new iamSdk.TagUserCommand({ UserName: 'erin', Tags: many })), { name: 'LimitExceededException' });
  await iam.send(new iamSdk.TagRoleCommand({ RoleName: 'reader', Tags: [{ Key: 'env', Value: 'test' }] }));
  assert.deepEqual((await iam.send(new iamSdk.GetRoleCommand({ RoleName: 'reader' }))).Role!.Tags, [{ Key: 'env', Value: 'test' }]);
  const { Policy } = await iam.send(new iamSdk.CreatePolicyCommand({ PolicyName: 'tagged', PolicyDocument: allow('s3:ListAllMyBuckets'), Tags: [{ Key: 'env', Value: 'prod' }] }));
  assert.deepEqual((await iam.send(new iamSdk.ListPolicyTagsCommand({ PolicyArn: Policy!.Arn }))).Tags, [{ Key: 'env', Value: 'prod' }]);
  await assert.rejects(iam.send(new iamSdk.TagPolicyCommand({ PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess', Tags: [{ Key: 'a', Value: 'b' }] })), { name: 'NoSuchEntityException' });
});

test('instance profiles: one role each, and RunInstances records the profile it names (or refuses an unknown one)', async () => {
  const { InstanceProfile } = await iam.send(new iamSdk.CreateInstanceProfileCommand({ InstanceProfileName: 'web' }));
  assert.match(InstanceProfile!.InstanceProfileId!, /^AIPA/);
  await iam.send(new iamSdk.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'reader' }));
  await assert.rejects(iam.send(new iamSdk.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web', RoleName: 'reader' })), { name: 'LimitExceededException' });
  const got = await iam.send(new iamSdk.GetInstanceProfileCommand({ InstanceProfileName: 'web' }));
  assert.deepEqual(got.InstanceProfile!.Roles!.map((r) => r.RoleName), ['reader']);
  assert.deepEqual((await iam.send(new iamSdk.ListInstanceProfilesForRoleCommand({ RoleName: 'reader' }))).InstanceProfiles!.map((p) => p.InstanceProfileName), ['web']);
  await assert.rejects(iam.send(new iamSdk.DeleteInstanceProfileCommand({ InstanceProfileName: 'web' })), { name: 'DeleteConflictException' });

  const ec2 = new EC2Client(config());
  const ami = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0].ImageId;
  await assert.rejects(ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'nope' } })), { name: 'InvalidParameterValue' });
  const run = await ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, IamInstanceProfile: { Name: 'web' } }));
  const id = run.Instances![0].InstanceId!;
  const described = await ec2.send(new DescribeInstancesCommand({ InstanceIds: [id] }));
  assert.deepEqual(described.Reservations![0].Instances![0].IamInstanceProfile, { Arn: InstanceProfile!.Arn, Id: InstanceProfile!.InstanceProfileId });
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [id] }));
});
