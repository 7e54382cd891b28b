/**
 * The rest of IAM against the real SDK over HTTP: policy simulation decided by the same evaluator
 * that enforces requests, virtual MFA devices with real TOTP codes (and STS sessions that carry
 * aws:MultiFactorAuthPresent), login profiles under the password policy, the account alias.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import * as iamSdk from '@aws-sdk/client-iam';
import { STSClient, GetSessionTokenCommand, AssumeRoleCommand, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { EC2Client, DescribeRegionsCommand, DescribeImagesCommand, RunInstancesCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { PAWS_BIN, tempDir, testSandbox } from '../helpers/index.js';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';

const { IAMClient } = iamSdk;
const ACCOUNT = SANDBOX_ACCOUNTS[0].accountId;
let sandbox: RunningSandbox;
let iam: iamSdk.IAMClient;
type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const config = (credentials: Keys = sandbox.credentials) => ({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials });

before(async () => {
  sandbox = await testSandbox();
  iam = new IAMClient(config());
});
after(() => sandbox.close());

/** RFC 6238 as an authenticator app computes it, written here independently of the sandbox's. */
function authenticatorCode(seedBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const bits = [...seedBase32].map((c) => alphabet.indexOf(c).toString(2).padStart(5, '0')).join('');
  const key = Buffer.from(bits.match(/.{8}/g)!.map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[19] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1e6).padStart(6, '0');
}

test('SimulatePrincipalPolicy decides as requests are decided: user and group policies, explicit denies, conditions', async () => {
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'sim' }));
  await iam.send(new iamSdk.PutUserPolicyCommand({ UserName: 'sim', PolicyName: 'ec2', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }, { Effect: 'Deny', Action: 'ec2:DescribeVolumes', Resource: '*' }] }) }));
  await iam.send(new iamSdk.CreateGroupCommand({ GroupName: 'readers' }));
  await iam.send(new iamSdk.AddUserToGroupCommand({ GroupName: 'readers', UserName: 'sim' }));
  await iam.send(new iamSdk.PutGroupPolicyCommand({ GroupName: 'readers', PolicyName: 's3', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::reports/*', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }] }) }));
  const out = await iam.send(
    new iamSdk.SimulatePrincipalPolicyCommand({
      PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`,
      ActionNames: ['ec2:DescribeInstances', 'ec2:DescribeVolumes', 'ec2:RunInstances', 's3:GetObject'],
      ResourceArns: ['arn:aws:s3:::reports/q1.csv'],
      ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['10.1.2.3'] }],
    }),
  );
  assert.deepEqual(out.EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision]), [
    ['ec2:DescribeInstances', 'allowed'],
    ['ec2:DescribeVolumes', 'explicitDeny'],
    ['ec2:RunInstances', 'implicitDeny'],
    ['s3:GetObject', 'allowed'],
  ]);
  const elsewhere = await iam.send(new iamSdk.SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/sim`, ActionNames: ['s3:GetObject'], ResourceArns: ['arn:aws:s3:::reports/q1.csv'], ContextEntries: [{ ContextKeyName: 'aws:SourceIp', ContextKeyType: 'ip', ContextKeyValues: ['192.0.2.1'] }] }));
  assert.equal(elsewhere.EvaluationResults![0].EvalDecision, 'implicitDeny');
  // What the simulation said is what a request signed by the user gets.
  const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: 'sim' }));
  const ec2 = new EC2Client(config({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
  await ec2.send(new DescribeRegionsCommand({}));
  const custom = await iam.send(new iamSdk.SimulateCustomPolicyCommand({ PolicyInputList: [JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] })], ActionNames: ['sns:Publish', 'sns:DeleteTopic'] }));
  assert.deepEqual(custom.EvaluationResults!.map((r) => r.EvalDecision), ['allowed', 'implicitDeny']);
  await assert.rejects(iam.send(new iamSdk.SimulatePrincipalPolicyCommand({ PolicySourceArn: `arn:aws:iam::${ACCOUNT}:user/nobody`, ActionNames: ['ec2:RunInstances'] })), { name: 'NoSuchEntityException' });
});

test('a virtual MFA device: enabled with two consecutive codes; STS sessions made with a code carry MFA, which a trust policy can demand', async () => {
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'mfa-user' }));
  const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: 'mfa-user' }));
  const user = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
  const { VirtualMFADevice } = await iam.send(new iamSdk.CreateVirtualMFADeviceCommand({ VirtualMFADeviceName: 'phone' }));
  const serial = VirtualMFADevice!.SerialNumber!;
  const seed = Buffer.from(VirtualMFADevice!.Base32StringSeed!).toString();
  assert.equal(serial, `arn:aws:iam::${ACCOUNT}:mfa/phone`);
  assert.match(seed, /^[A-Z2-7]{64}$/);
  await assert.rejects(iam.send(new iamSdk.EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial, AuthenticationCode1: '000000', AuthenticationCode2: '111111' })), { name: 'InvalidAuthenticationCodeException' });
  const now = Date.now();
  await iam.send(new iamSdk.EnableMFADeviceCommand({ UserName: 'mfa-user', SerialNumber: serial, AuthenticationCode1: authenticatorCode(seed, now - 30_000), AuthenticationCode2: authenticatorCode(seed, now) }));
  assert.deepEqual((await iam.send(new iamSdk.ListMFADevicesCommand({ UserName: 'mfa-user' }))).MFADevices!.map((d) => d.SerialNumber), [serial]);

  const trust = { Statement: [{ Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }] };
  await iam.send(new iamSdk.CreateRoleCommand({ RoleName: 'break-glass', AssumeRolePolicyDocument: JSON.stringify(trust) }));
  await iam.send(new iamSdk.PutUserPolicyCommand({ UserName: 'mfa-user', PolicyName: 'assume', PolicyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] }) }));
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/break-glass`;
  const sts = new STSClient(config(user));
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'no-mfa' })), { name: 'AccessDenied' });
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'bad-code', SerialNumber: serial, TokenCode: '123456' === authenticatorCode(seed) ? '654321' : '123456' })), /MultiFactorAuthentication failed/);
  const direct = await sts.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'with-mfa', SerialNumber: serial, TokenCode: authenticatorCode(seed) }));
  assert.equal(direct.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/break-glass/with-mfa`);
  // A session token made with MFA carries it on to AssumeRole.
  const { Credentials: c } = await sts.send(new GetSessionTokenCommand({ SerialNumber: serial, TokenCode: authenticatorCode(seed) }));
  const viaSession = new STSClient(config({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! }));
  assert.ok((await viaSession.send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'via-session' }))).Credentials);
  await assert.rejects(iam.send(new iamSdk.DeleteVirtualMFADeviceCommand({ SerialNumber: serial })), { name: 'DeleteConflictException' });
});

test('login profiles follow the password policy (or AWS\'s default); the account alias is one per account', async () => {
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'console' }));
  await assert.rejects(iam.send(new iamSdk.CreateLoginProfileCommand({ UserName: 'console', Password: 'short' })), { name: 'PasswordPolicyViolationException', message: 'Password should have at least 8 characters' });
  await assert.rejects(iam.send(new iamSdk.GetAccountPasswordPolicyCommand({})), { name: 'NoSuchEntityException' });
  await iam.send(new iamSdk.UpdateAccountPasswordPolicyCommand({ MinimumPasswordLength: 12, RequireSymbols: true }));
  assert.equal((await iam.send(new iamSdk.GetAccountPasswordPolicyCommand({}))).PasswordPolicy!.MinimumPasswordLength, 12);
  await assert.rejects(iam.send(new iamSdk.CreateLoginProfileCommand({ UserName: 'console', Password: 'longenoughbutplain' })), { name: 'PasswordPolicyViolationException', message: 'Password should have at least one non-alphanumeric character' });
  const { LoginProfile } = await iam.send(new iamSdk.CreateLoginProfileCommand({ UserName: 'console', Password: 'long-enough!pass', PasswordResetRequired: true }));
  assert.equal(LoginProfile!.PasswordResetRequired, true);
  await assert.rejects(iam.send(new iamSdk.CreateLoginProfileCommand({ UserName: 'console', Password: 'long-enough!pass' })), { name: 'EntityAlreadyExistsException' });
  await assert.rejects(iam.send(new iamSdk.DeleteUserCommand({ UserName: 'console' })), { name: 'DeleteConflictException' });
  await iam.send(new iamSdk.DeleteLoginProfileCommand({ UserName: 'console' }));
  await iam.send(new iamSdk.DeleteUserCommand({ UserName: 'console' }));

  await iam.send(new iamSdk.CreateAccountAliasCommand({ AccountAlias: 'paws-main' }));
  assert.deepEqual((await iam.send(new iamSdk.ListAccountAliasesCommand({}))).AccountAliases, ['paws-main']);
  const other = new IAMClient(config({ accessKeyId: SANDBOX_ACCOUNTS[1].accessKeyId, secretAccessKey: SANDBOX_ACCOUNTS[1].secretAccessKey }));
  await assert.rejects(other.send(new iamSdk.CreateAccountAliasCommand({ AccountAlias: 'paws-main' })), { name: 'EntityAlreadyExistsException' });
  await assert.rejects(iam.send(new iamSdk.CreateAccountAliasCommand({ AccountAlias: 'Bad_Alias' })), { name: 'ValidationError' });
});

test('`paws sandbox --accounts 3` prints each account\'s keys, and each opens its own account', async () => {
  const state = tempDir();
  const child = spawn(process.execPath, [PAWS_BIN, 'sandbox', '--port', '0', '--state', state.path, '--accounts', '3'], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    while ((out.match(/^Account /gm) ?? []).length < 2) await once(child.stdout, 'data');
    const endpoint = /listening on (\S+)/.exec(out)![1];
    const accounts = [...out.matchAll(/^Account (\d{12}) .*AWS_ACCESS_KEY_ID=(\S+) AWS_SECRET_ACCESS_KEY=(\S+)$/gm)];
    assert.equal(accounts.length, 2, out);
    for (const [, accountId, accessKeyId, secretAccessKey] of accounts) {
      const me = await new STSClient({ endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey } }).send(new GetCallerIdentityCommand({}));
      assert.equal(me.Arn, `arn:aws:iam::${accountId}:root`);
    }
    assert.equal(new Set([SANDBOX_ACCOUNTS[0].accountId, ...accounts.map((a) => a[1])]).size, 3);
  } finally {
    child.kill('SIGTERM');
    await once(child, 'exit');
    state.remove();
  }
  const bad = spawn(process.execPath, [PAWS_BIN, 'sandbox', '--port', '0', '--state', state.path, '--accounts', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  bad.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const [code] = await once(bad, 'exit');
  state.remove();
  assert.equal(code, 1);
  assert.equal(err.trim().split('\n').length, 1, err);
  assert.equal(err, 'Usage: --accounts takes a number of accounts from 1 to 10, not 0 (paws sandbox --help)\n');
});

test('RunInstances with an instance profile needs iam:PassRole on its role, refused in EC2\'s words as for a non-admin user', async () => {
  const ec2Trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
  await iam.send(new iamSdk.CreateRoleCommand({ RoleName: 'web-server', AssumeRolePolicyDocument: ec2Trust }));
  await iam.send(new iamSdk.CreateInstanceProfileCommand({ InstanceProfileName: 'web-server' }));
  await iam.send(new iamSdk.AddRoleToInstanceProfileCommand({ InstanceProfileName: 'web-server', RoleName: 'web-server' }));
  await iam.send(new iamSdk.CreateUserCommand({ UserName: 'launcher' }));
  const launch = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['ec2:RunInstances', 'ec2:DescribeImages', 'ec2:TerminateInstances'], Resource: '*' }] });
  await iam.send(new iamSdk.PutUserPolicyCommand({ UserName: 'launcher', PolicyName: 'launch', PolicyDocument: launch }));
  const { AccessKey } = await iam.send(new iamSdk.CreateAccessKeyCommand({ UserName: 'launcher' }));
  const ec2 = new EC2Client(config({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! }));
  const { Images = [] } = await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] }));
  const run = () => ec2.send(new RunInstancesCommand({ ImageId: Images[0].ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', IamInstanceProfile: { Name: 'web-server' } }));
  await assert.rejects(run(), (e: Error) => {
    assert.equal(e.name, 'UnauthorizedOperation');
    assert.match(e.message, new RegExp(`not authorized to perform: iam:PassRole on resource: arn:aws:iam::${ACCOUNT}:role/web-server .*Encoded authorization failure message: \\S+$`));
    return true;
  });
  const pass = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: `arn:aws:iam::${ACCOUNT}:role/web-server`, Condition: { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } } }] });
  await iam.send(new iamSdk.PutUserPolicyCommand({ UserName: 'launcher', PolicyName: 'pass', PolicyDocument: pass }));
  const { Instances = [] } = await run();
  assert.equal(Instances[0].IamInstanceProfile?.Arn, `arn:aws:iam::${ACCOUNT}:instance-profile/web-server`);
  await ec2.send(new TerminateInstancesCommand({ InstanceIds: [Instances[0].InstanceId!] }));
});
