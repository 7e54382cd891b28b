/** The sandbox core against the real SDK clients: routing, SigV4, protocols, errors. */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2Client, DescribeAvailabilityZonesCommand, DescribeRegionsCommand, DescribeVpcEndpointServicesCommand } from '@aws-sdk/client-ec2';
import { STSClient, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { conditionsHold } from '../../src/sandbox/core/policy.js';

let sandbox: RunningSandbox;
let stateDir: string;
const clientConfig = () => ({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'paws-core-'));
  sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.01 });
});
after(() => sandbox.close());

test('EC2 DescribeAvailabilityZones lists the region zones (the book quick test)', async () => {
  const ec2 = new EC2Client(clientConfig());
  const out = await ec2.send(new DescribeAvailabilityZonesCommand({}));
  assert.deepEqual(out.AvailabilityZones?.map((z) => z.ZoneName), ['us-east-1a', 'us-east-1b', 'us-east-1c', 'us-east-1d', 'us-east-1e', 'us-east-1f']);
  assert.equal(out.AvailabilityZones?.[0].ZoneId, 'use1-az1');
  const eu = new EC2Client({ ...clientConfig(), region: 'eu-west-1' });
  const euZones = await eu.send(new DescribeAvailabilityZonesCommand({ Filters: [{ Name: 'zone-name', Values: ['eu-west-1b'] }] }));
  assert.deepEqual(euZones.AvailabilityZones?.map((z) => z.ZoneName), ['eu-west-1b']);
});

test('EC2 DescribeRegions gives the commercial regions, opt-in ones only with AllRegions', async () => {
  const ec2 = new EC2Client(clientConfig());
  const enabled = (await ec2.send(new DescribeRegionsCommand({}))).Regions!.map((r) => r.RegionName);
  const all = (await ec2.send(new DescribeRegionsCommand({ AllRegions: true }))).Regions!.map((r) => r.RegionName);
  assert.ok(enabled.includes('us-east-1') && enabled.includes('eu-west-1'));
  assert.ok(!enabled.includes('af-south-1'));
  assert.ok(all.includes('af-south-1'));
  const two = await ec2.send(new DescribeRegionsCommand({ RegionNames: ['eu-west-1', 'sa-east-1'] }));
  assert.deepEqual(two.Regions!.map((r) => r.Endpoint), ['ec2.eu-west-1.amazonaws.com', 'ec2.sa-east-1.amazonaws.com']);
});

test('STS GetCallerIdentity names the sandbox account', async () => {
  const sts = new STSClient(clientConfig());
  const me = await sts.send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, '123456789012');
  assert.equal(me.Arn, 'arn:aws:iam::123456789012:root');
});

test('a wrong secret gets SignatureDoesNotMatch, an unknown key InvalidClientTokenId / AuthFailure', async () => {
  const bad = { accessKeyId: sandbox.credentials.accessKeyId, secretAccessKey: 'wrong' };
  await assert.rejects(new STSClient({ ...clientConfig(), credentials: bad }).send(new GetCallerIdentityCommand({})), { name: 'SignatureDoesNotMatch' });
  await assert.rejects(new EC2Client({ ...clientConfig(), credentials: bad }).send(new DescribeRegionsCommand({})), { name: 'SignatureDoesNotMatch' });
  const unknown = { accessKeyId: 'AKIAUNKNOWNUNKNOWN00', secretAccessKey: 'x' };
  await assert.rejects(new STSClient({ ...clientConfig(), credentials: unknown }).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
  await assert.rejects(new EC2Client({ ...clientConfig(), credentials: unknown }).send(new DescribeRegionsCommand({})), { name: 'AuthFailure' });
});

test('an operation the sandbox does not implement says so, naming it', async () => {
  const ec2 = new EC2Client(clientConfig());
  await assert.rejects(ec2.send(new DescribeVpcEndpointServicesCommand({})), (err: Error) => {
    assert.equal(err.name, 'NotImplemented');
    assert.match(err.message, /ec2:DescribeVpcEndpointServices/);
    return true;
  });
});

test('invalid parameters keep AWS error codes', async () => {
  const ec2 = new EC2Client(clientConfig());
  await assert.rejects(ec2.send(new DescribeRegionsCommand({ RegionNames: ['mars-north-1'] })), { name: 'InvalidParameterValue' });
});

test('the AWS CLI lists regions and zones, and gets SignatureDoesNotMatch with a wrong secret', { skip: awsCliMissing }, async () => {
  const zones = await awsCli(sandbox, ['ec2', 'describe-availability-zones'], { region: 'eu-west-1' });
  assert.equal(zones.status, 0, zones.stderr);
  assert.deepEqual(zones.json().AvailabilityZones.map((z: { ZoneName: string }) => z.ZoneName), ['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
  const regions = await awsCli(sandbox, ['ec2', 'describe-regions']);
  assert.ok(regions.json().Regions.some((r: { RegionName: string }) => r.RegionName === 'ap-northeast-1'));
  const bad = await awsCli({ ...sandbox, credentials: { ...sandbox.credentials, secretAccessKey: 'wrong' } }, ['ec2', 'describe-regions']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /SignatureDoesNotMatch/);
  const me = await awsCli(sandbox, ['sts', 'get-caller-identity']);
  assert.equal(me.json().Account, '123456789012');
});

test('a credential scope names a region AWS has, else the error AWS gives: eu-west-4 is refused, SDK and AWS CLI alike', async (t) => {
  const ec2 = new EC2Client({ ...clientConfig(), region: 'eu-west-4' });
  const failure = (name: string, status: number, message?: string) => (e: { name: string; message: string; $metadata: { httpStatusCode?: number } }) =>
    e.name === name && e.$metadata.httpStatusCode === status && (message === undefined || e.message === message);
  await assert.rejects(ec2.send(new DescribeRegionsCommand({})), failure('SignatureDoesNotMatch', 403, "Credential should be scoped to a valid region, not 'eu-west-4'."));
  const s3 = new S3Client({ ...clientConfig(), region: 'eu-west-4', forcePathStyle: true });
  await assert.rejects(s3.send(new ListBucketsCommand({})), failure('AuthorizationHeaderMalformed', 400));
  if (awsCliMissing) return t.diagnostic(awsCliMissing);
  const cli = await awsCli(sandbox, ['ec2', 'describe-regions'], { region: 'eu-west-4' });
  assert.notEqual(cli.status, 0);
  assert.match(cli.stderr, /\(SignatureDoesNotMatch\) when calling the DescribeRegions operation: Credential should be scoped to a valid region, not 'eu-west-4'\./);
});

test('state survives a restart of the sandbox', async () => {
  await sandbox.close();
  sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.01 });
  const me = await new STSClient(clientConfig()).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, '123456789012');
});

test('one sandbox per state directory: a second is refused, and the REPL\'s embedded one shares the first', async () => {
  await assert.rejects(startSandbox({ port: 0, stateDir }), (err: Error) => {
    assert.equal(err.name, 'SandboxBusy');
    assert.match(err.message, new RegExp(`already serves ${stateDir} at ${sandbox.endpoint}; use it, or pass --state DIR`));
    return true;
  });
  const bin = fileURLToPath(new URL('../../../bin/paws.js', import.meta.url));
  const child = spawn(process.execPath, [bin, 'sandbox', '--json', '--port', '0', '--state', stateDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  const line = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
  });
  assert.equal(JSON.parse(line).endpoint, sandbox.endpoint);
  child.stdin.end();
  assert.equal(await new Promise((resolve) => child.on('exit', resolve)), 0);
  // The first sandbox still answers, its state untouched.
  assert.equal((await new STSClient(clientConfig()).send(new GetCallerIdentityCommand({}))).Account, '123456789012');
});

test('policy Conditions: the operators of the IAM reference, as shared by IAM and S3 bucket policies', () => {
  const keys = { 'aws:SourceIp': '2001:db8::5', 'aws:EpochTime': '1700000000', 'aws:CurrentTime': '2023-11-14T22:13:20Z', 's3:max-keys': '50', 'aws:TagKeys': ['env', 'team'], 'aws:username': 'alice' };
  const holds = (condition: Record<string, Record<string, unknown>>) => conditionsHold(condition, keys);
  const table: Array<[Record<string, Record<string, unknown>>, boolean]> = [
    [{ NumericLessThanEquals: { 's3:max-keys': '50' } }, true],
    [{ NumericLessThan: { 's3:max-keys': 50 } }, false],
    [{ NumericGreaterThan: { 's3:max-keys': 'many' } }, false],
    [{ NumericNotEquals: { 's3:max-keys': ['10', '20'] } }, true],
    [{ DateGreaterThan: { 'aws:CurrentTime': '2023-01-01T00:00:00Z' } }, true],
    [{ DateLessThan: { 'aws:EpochTime': '2023-01-01T00:00:00Z' } }, false], // epoch seconds against ISO 8601
    [{ DateEquals: { 'aws:CurrentTime': '1700000000' } }, true],
    [{ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } }, true], // values are OR'ed
    [{ IpAddress: { 'aws:SourceIp': '2001:db9::/32' } }, false],
    [{ NotIpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }, true],
    [{ StringEquals: { 'AWS:USERNAME': 'alice' } }, true], // key names compare case-insensitively
    [{ StringEquals: { 'aws:username': 'Alice' } }, false],
    [{ StringEqualsIgnoreCase: { 'aws:username': 'ALICE' } }, true],
    [{ StringLike: { 'aws:username': 'al*' }, Bool: { 'aws:SecureTransport': 'true' } }, false], // operators are AND'ed
    [{ StringNotEquals: { 'aws:Referer': 'x' } }, true], // negated operators hold on an absent key…
    [{ NotIpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' } }, true],
    [{ StringEquals: { 'aws:Referer': 'x' } }, false], // …positive ones do not
    [{ StringEqualsIfExists: { 'aws:Referer': 'x' } }, true],
    [{ StringEqualsIfExists: { 'aws:username': 'bob' } }, false],
    [{ Null: { 'aws:Referer': 'true', 'aws:username': 'false' } }, true],
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env', 'team', 'owner'] } }, true],
    [{ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } }, false],
    [{ 'ForAllValues:StringEquals': { 'aws:RequestTagKeys': ['env'] } }, true], // vacuously, on an absent key
    [{ 'ForAnyValue:StringEquals': { 'aws:RequestTagKeys': ['env'] } }, false],
    [{ 'ForAnyValue:StringLike': { 'aws:TagKeys': 'te*' } }, true],
    [{ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:user/*' } }, false], // absent
    [{ StringLikeSomehow: { 'aws:username': 'alice' } }, false], // an unknown operator never holds
  ];
  for (const [condition, expected] of table) assert.equal(holds(condition), expected, JSON.stringify(condition));
  const arn = { 'aws:SourceArn': 'arn:aws:s3:::logs/alice' };
  assert.equal(conditionsHold({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::logs/${aws:username}' } }, { ...arn, 'aws:username': 'alice' }), true);
  assert.equal(conditionsHold({ ArnLike: { 'aws:SourceArn': 'arn:aws:*:::logs/*' } }, arn), true);
  assert.equal(conditionsHold({ ArnLike: { 'aws:SourceArn': 'arn:aws:s3*' } }, arn), false); // a * stays within its component
  assert.equal(conditionsHold({ IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } }, { 'aws:SourceIp': '::ffff:127.0.0.1' }), true);
});
