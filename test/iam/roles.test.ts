/**
 * Roles and STS temporary credentials against the real SDK clients over HTTP: trust policies,
 * AssumeRole's checks, session tokens verified on every service's requests, expiry, the role's
 * policies and session policies enforced, GetSessionToken, and a role in a second account.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand, CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand, GetRoleCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials } from '@aws-sdk/client-sts';
import { EC2Client, DescribeRegionsCommand, DescribeAvailabilityZonesCommand } from '@aws-sdk/client-ec2';
import { S3Client, ListBucketsCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials, fromWebToken } from '@aws-sdk/credential-providers';
import { CreateOpenIDConnectProviderCommand } from '@aws-sdk/client-iam';
import { testSandbox } from '../helpers/index.js';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let sandbox: RunningSandbox;
const config = (credentials: Keys = sandbox.credentials) => ({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials });
const keysOf = (c: Credentials | undefined): Keys => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
const trust = (principal: string | string[], condition?: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
const allow = (action: string | string[], resource = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

const ACCOUNT = SANDBOX_ACCOUNTS[0].accountId;
let alice: Keys;
let bob: Keys;

async function userWithKeys(name: string, policy?: string): Promise<Keys> {
  const iam = new IAMClient(config());
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

before(async () => {
  sandbox = await testSandbox();
  const iam = new IAMClient(config());
  // `regions`: trusts alice by name (no identity policy needed) and the account (identity policy needed).
  await iam.send(new CreateRoleCommand({ RoleName: 'regions', AssumeRolePolicyDocument: trust([`arn:aws:iam::${ACCOUNT}:user/alice`, ACCOUNT]) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'regions', PolicyName: 'ec2-describe', PolicyDocument: allow(['ec2:DescribeRegions', 'ec2:DescribeAvailabilityZones', 'sts:AssumeRole']) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'vendor', AssumeRolePolicyDocument: trust(ACCOUNT, { StringEquals: { 'sts:ExternalId': 'ticket-42' } }) }));
  alice = await userWithKeys('alice');
  bob = await userWithKeys('bob', allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/vendor`));
});
after(() => sandbox.close());

test('AssumeRole gives credentials that act as the role session, with the role\'s policies, on every service', async () => {
  const out = await new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'alice-session' }));
  assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(out.Credentials!.Expiration! > new Date());
  assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/alice-session`);
  const session = keysOf(out.Credentials);
  const me = await new STSClient(config(session)).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/alice-session`);
  assert.match(me.UserId!, /^AROA[A-Z2-7]{17}:alice-session$/);
  const ec2 = new EC2Client(config(session));
  assert.ok((await ec2.send(new DescribeRegionsCommand({}))).Regions!.length > 0);
  // The role allows no S3 at all: refused, as S3 refuses.
  await assert.rejects(new S3Client({ ...config(session), forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'AccessDenied' });
  // alice herself has no policy: the role's permissions are the session's, not hers.
  await assert.rejects(new EC2Client(config(alice)).send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  const role = await new IAMClient(config()).send(new GetRoleCommand({ RoleName: 'regions' }));
  assert.ok(role.Role!.RoleLastUsed!.LastUsedDate instanceof Date);
  assert.equal(role.Role!.RoleLastUsed!.Region, 'us-east-1');
});

test('the session token is checked on every request: missing or altered, the key is refused in each service\'s words', async () => {
  const out = await new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 's1' }));
  const { sessionToken, ...withoutToken } = keysOf(out.Credentials);
  const altered = { ...withoutToken, sessionToken: sessionToken!.slice(0, -4) + 'AAAA' };
  for (const keys of [withoutToken, altered]) {
    await assert.rejects(new STSClient(config(keys)).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
    await assert.rejects(new EC2Client(config(keys)).send(new DescribeRegionsCommand({})), { name: 'AuthFailure' });
    await assert.rejects(new S3Client({ ...config(keys), forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'InvalidToken' });
  }
  // A long-term key with a token it was never issued is refused too.
  await assert.rejects(new STSClient(config({ ...alice, sessionToken })).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
});

test('a trust policy that does not name the caller, a missing role, or a missing ExternalId: AccessDenied naming action and resource', async () => {
  const sts = new STSClient(config(bob));
  const arn = `arn:aws:iam::${ACCOUNT}:role/vendor`;
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'bob' })), (e: Error) => {
    assert.equal(e.name, 'AccessDenied');
    assert.match(e.message, new RegExp(`User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${arn}`));
    return true;
  });
  const ok = await sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'bob', ExternalId: 'ticket-42' }));
  assert.equal(ok.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/vendor/bob`);
  // bob's own policy names only `vendor`; `regions` trusts the account, so bob's policy must allow it too.
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'bob' })), { name: 'AccessDenied' });
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/nobody`, RoleSessionName: 'bob' })), /not authorized to perform: sts:AssumeRole/);
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn-at-all-really', RoleSessionName: 'bob' })), { name: 'ValidationError' });
});

test('a session policy narrows the session to what both it and the role allow', async () => {
  const out = await new STSClient(config(alice)).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'narrow', Policy: allow('ec2:DescribeRegions') }),
  );
  assert.ok(out.PackedPolicySize! > 0);
  const ec2 = new EC2Client(config(keysOf(out.Credentials)));
  await ec2.send(new DescribeRegionsCommand({}));
  await assert.rejects(ec2.send(new DescribeAvailabilityZonesCommand({})), (e: Error) => {
    assert.equal(e.name, 'UnauthorizedOperation');
    assert.match(e.message, /assumed-role\/regions\/narrow is not authorized to perform: ec2:DescribeAvailabilityZones on resource: \* because no session policy allows/);
    return true;
  });
  await assert.rejects(
    new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'xx', Policy: '{"Statement": 1' })),
    { name: 'MalformedPolicyDocumentException' },
  );
});

test('DurationSeconds: 900 at least, the role\'s MaxSessionDuration at most, one hour for a role chain', async () => {
  const sts = new STSClient(config(alice));
  const arn = `arn:aws:iam::${ACCOUNT}:role/regions`;
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 600 })), /greater than or equal to 900/);
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 7200 })), /exceeds the MaxSessionDuration set for this role/);
  await new IAMClient(config()).send(new UpdateRoleCommand({ RoleName: 'regions', MaxSessionDuration: 7200 }));
  const long = await sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 7200 }));
  // Lifetimes follow the sandbox's time scale (0.02 in tests): two hours are 144 s.
  const seconds = (long.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
  assert.ok(seconds > 140 && seconds <= 144, `expires in ${seconds} s`);
  const chained = new STSClient(config(keysOf(long.Credentials)));
  await assert.rejects(chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'cc', DurationSeconds: 7200 })), /1 hour session limit for roles assumed by role chaining/);
  const hop = await chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'cc' }));
  assert.equal(hop.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/cc`);
});

test('GetSessionToken: the user\'s own identity and policies, not from session credentials', async () => {
  const out = await new STSClient(config(bob)).send(new GetSessionTokenCommand({}));
  const session = keysOf(out.Credentials);
  const sts = new STSClient(config(session));
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
  await assert.rejects(new EC2Client(config(session)).send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  await assert.rejects(sts.send(new GetSessionTokenCommand({})), { name: 'AccessDenied' });
  // Without MFA such a session may not call IAM at all, whatever the user's policies.
  await assert.rejects(new IAMClient(config(session)).send(new GetRoleCommand({ RoleName: 'regions' })), { name: 'InvalidClientTokenId' });
});

test('a role in a second account, assumed across accounts; the SDK\'s fromTemporaryCredentials refreshes it', async () => {
  const second = SANDBOX_ACCOUNTS[1];
  const otherRoot = { accessKeyId: second.accessKeyId, secretAccessKey: second.secretAccessKey };
  const iam2 = new IAMClient(config(otherRoot));
  await iam2.send(new CreateRoleCommand({ RoleName: 'auditor', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`) }));
  await iam2.send(new PutRolePolicyCommand({ RoleName: 'auditor', PolicyName: 's3-list', PolicyDocument: allow('s3:ListAllMyBuckets') }));
  await new S3Client({ ...config(otherRoot), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'second-account-logs' }));
  const roleArn = `arn:aws:iam::${second.accountId}:role/auditor`;
  // alice's own policies do not allow it: across accounts both sides must.
  await assert.rejects(new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'alice' })), { name: 'AccessDenied' });
  const credentials = fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'audit' }, masterCredentials: sandbox.credentials, clientConfig: { endpoint: sandbox.endpoint, region: 'us-east-1' } });
  const me = await new STSClient({ ...config(), credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, second.accountId);
  assert.equal(me.Arn, `arn:aws:sts::${second.accountId}:assumed-role/auditor/audit`);
  const s3 = new S3Client({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials, forcePathStyle: true });
  assert.ok((await s3.send(new ListBucketsCommand({}))).Buckets!.some((b) => b.Name === 'second-account-logs'));
});

test('AssumeRoleWithWebIdentity, unsigned, through the SDK\'s fromWebToken: the OIDC provider, audience, expiry and trust conditions are checked', async () => {
  const iam = new IAMClient(config());
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.example.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['a'.repeat(40)] }));
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.example.com`;
  const trustPolicy = { Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.example.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.example.com:sub': 'repo:paws/*' } } }] };
  await iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: JSON.stringify(trustPolicy) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'ci', PolicyName: 'regions', PolicyDocument: allow('ec2:DescribeRegions') }));
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
  const exp = Math.floor(Date.now() / 1000) + 600;
  const web = (token: string) => fromWebToken({ roleArn: `arn:aws:iam::${ACCOUNT}:role/ci`, roleSessionName: 'build-7', webIdentityToken: token, clientConfig: { endpoint: sandbox.endpoint, region: 'us-east-1' } });
  const credentials = web(jwt({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp }));
  const me = await new STSClient({ ...config(), credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ci/build-7`);
  await new EC2Client({ ...config(), credentials }).send(new DescribeRegionsCommand({}));
  const refusal = (claims: object) => web(jwt(claims))();
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:other/main', exp }), { name: 'AccessDenied' });
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'someone-else', sub: 'repo:paws/main', exp }), { name: 'InvalidIdentityTokenException', message: 'Incorrect token audience' });
  await assert.rejects(refusal({ iss: 'https://unknown.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp }), { name: 'InvalidIdentityTokenException' });
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp: exp - 1200 }), { name: 'ExpiredTokenException' });
  await assert.rejects(web('not-a-jwt')(), { name: 'InvalidIdentityTokenException' });
});

test('temporary credentials expire: ExpiredToken from STS and S3, RequestExpired from EC2', async () => {
  // At time scale 0.001 the shortest session (900 s) lasts 0.9 s.
  const fast = await testSandbox({ timeScale: 0.001 });
  try {
    const out = await new STSClient({ endpoint: fast.endpoint, region: 'us-east-1', credentials: fast.credentials }).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const cfg = { endpoint: fast.endpoint, region: 'us-east-1', credentials: keysOf(out.Credentials) };
    assert.equal((await new STSClient(cfg).send(new GetCallerIdentityCommand({}))).Account, ACCOUNT);
    await sleep(1200);
    await assert.rejects(new STSClient(cfg).send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken', message: 'The security token included in the request is expired' });
    await assert.rejects(new EC2Client(cfg).send(new DescribeRegionsCommand({})), { name: 'RequestExpired' });
    await assert.rejects(new S3Client({ ...cfg, forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'ExpiredToken' });
  } finally {
    await fast.close();
  }
});
