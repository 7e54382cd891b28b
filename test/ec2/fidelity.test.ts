/** EC2's answers as a client sees them on AWS: DryRun, state errors, instance types, account attributes. */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2, type _InstanceType } from '@aws-sdk/client-ec2';
import { IAM } from '@aws-sdk/client-iam';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { eventually, refused, testSandbox } from '../helpers/index.js';

type Credentials = { accessKeyId: string; secretAccessKey: string };


// One sandbox for the file: each test makes the instances it looks at.
let sandbox: RunningSandbox;
let ec2: EC2;
let ami: string;
const client = (credentials: Credentials = sandbox.credentials) => new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials });

before(async () => {
  process.env.PAWS_HOME ??= mkdtempSync(join(tmpdir(), 'paws-ec2-home-'));
  sandbox = await testSandbox();
  ec2 = client();
  const { Images = [] } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
  ami = Images[0].ImageId!;
});
after(() => sandbox.close());

describe('sandbox EC2 fidelity', () => {

  async function running(type: _InstanceType = 't3.micro'): Promise<string> {
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: type });
    const id = Instances![0].InstanceId!;
    await eventually(async () => (await stateOf(id)) === 'running', `${id} running`);
    return id;
  }

  async function stateOf(id: string): Promise<string | undefined> {
    return (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0].State!.Name;
  }

  async function instanceCount(): Promise<number> {
    return (await ec2.describeInstances({})).Reservations!.flatMap((r) => r.Instances!).length;
  }

  test('DryRun: DryRunOperation (412) when allowed, and nothing changes', async () => {
    const before = await instanceCount();
    const e = await refused(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', DryRun: true }), 'DryRunOperation', 412);
    assert.equal(e.message, 'Request would have succeeded, but DryRun flag is set.');
    assert.equal(await instanceCount(), before);
    await refused(ec2.describeInstances({ DryRun: true }), 'DryRunOperation', 412);
    await refused(ec2.createKeyPair({ KeyName: 'dry', DryRun: true }), 'DryRunOperation', 412);
    assert.equal((await ec2.describeKeyPairs({})).KeyPairs!.some((k) => k.KeyName === 'dry'), false);
  });

  test('DryRun: the instances named are looked up first, and keep their state', async () => {
    await refused(ec2.stopInstances({ InstanceIds: ['i-0123456789abcdef0'], DryRun: true }), 'InvalidInstanceID.NotFound', 400);
    await refused(ec2.terminateInstances({ InstanceIds: ['nope'], DryRun: true }), 'InvalidInstanceID.Malformed', 400);
    await refused(ec2.stopInstances({ InstanceIds: [], DryRun: true }), 'MissingParameter', 400);
    const id = await running();
    await refused(ec2.terminateInstances({ InstanceIds: [id], DryRun: true }), 'DryRunOperation', 412);
    assert.equal(await stateOf(id), 'running');
    await ec2.terminateInstances({ InstanceIds: [id] });
  });

  test('DryRun: UnauthorizedOperation (403) for an IAM user whose policy denies the action', async () => {
    const iam = new IAM({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    await iam.createUser({ UserName: 'no-launch' });
    const policy = {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'ec2:*', Resource: '*' },
        { Effect: 'Deny', Action: 'ec2:RunInstances', Resource: '*' },
      ],
    };
    await iam.putUserPolicy({ UserName: 'no-launch', PolicyName: 'no-launch', PolicyDocument: JSON.stringify(policy) });
    const { AccessKey } = await iam.createAccessKey({ UserName: 'no-launch' });
    const user = client({ accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    const e = await refused(user.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, DryRun: true }), 'UnauthorizedOperation', 403);
    assert.match(e.message, /^You are not authorized to perform this operation\. .*ec2:RunInstances.* explicit deny/);
    await refused(user.describeInstances({ DryRun: true }), 'DryRunOperation', 412);
  });

  test('DescribeInstanceTypes: the types RunInstances accepts, with vCPUs, memory, architecture and free tier', async () => {
    const { InstanceTypes = [] } = await ec2.describeInstanceTypes({ InstanceTypes: ['t2.micro', 't3.micro', 't4g.small', 'm5.xlarge'] });
    const byName = Object.fromEntries(InstanceTypes.map((t) => [t.InstanceType, t]));
    assert.deepEqual(Object.keys(byName).sort(), ['m5.xlarge', 't2.micro', 't3.micro', 't4g.small']);
    assert.deepEqual(byName['t3.micro'].VCpuInfo, { DefaultVCpus: 2, DefaultCores: 1, DefaultThreadsPerCore: 2 });
    assert.equal(byName['t3.micro'].MemoryInfo!.SizeInMiB, 1024);
    assert.equal(byName['t2.micro'].FreeTierEligible, true);
    assert.equal(byName['m5.xlarge'].FreeTierEligible, false);
    assert.equal(byName['m5.xlarge'].MemoryInfo!.SizeInMiB, 16384);
    assert.deepEqual(byName['t4g.small'].ProcessorInfo!.SupportedArchitectures, ['arm64']);
    assert.equal(byName['t4g.small'].BurstablePerformanceSupported, true);

    const free = await ec2.describeInstanceTypes({ Filters: [{ Name: 'free-tier-eligible', Values: ['true'] }] });
    assert.deepEqual(free.InstanceTypes!.map((t) => t.InstanceType).sort(), ['t2.micro', 't3.micro']);
    const t3 = await ec2.describeInstanceTypes({ Filters: [{ Name: 'instance-type', Values: ['t3.*'] }] });
    assert.deepEqual(t3.InstanceTypes!.map((t) => t.InstanceType).sort(), ['t3.2xlarge', 't3.large', 't3.medium', 't3.micro', 't3.nano', 't3.small', 't3.xlarge']);

    // Every type listed launches; one that is not listed does not.
    const all = [];
    let token: string | undefined;
    do {
      const page = await ec2.describeInstanceTypes({ NextToken: token });
      assert.ok(page.InstanceTypes!.length <= 100);
      all.push(...page.InstanceTypes!);
      token = page.NextToken;
    } while (token);
    assert.ok(all.length > 100, `${all.length} types`);
    await refused(ec2.describeInstanceTypes({ InstanceTypes: ['t3.micro', 'x9.huge' as _InstanceType] }), 'InvalidInstanceType', 400);
    await refused(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 'm5.metal', DryRun: true }), 'InvalidParameterValue', 400);
    await refused(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 'c6i.large', DryRun: true }), 'DryRunOperation', 412);
  });

  test('a default VPC per region with a default subnet per zone, and DescribeAccountAttributes naming it', async () => {
    const euWest = new EC2({ endpoint: sandbox.endpoint, region: 'eu-west-1', credentials: sandbox.credentials });
    for (const [region, api] of [['us-east-1', ec2], ['eu-west-1', euWest]] as const) {
      const { Vpcs = [] } = await api.describeVpcs({ Filters: [{ Name: 'is-default', Values: ['true'] }] });
      assert.equal(Vpcs.length, 1);
      assert.equal(Vpcs[0].CidrBlock, '172.31.0.0/16');
      const { AvailabilityZones = [] } = await api.describeAvailabilityZones({});
      const { Subnets = [] } = await api.describeSubnets({ Filters: [{ Name: 'vpc-id', Values: [Vpcs[0].VpcId!] }, { Name: 'default-for-az', Values: ['true'] }] });
      assert.deepEqual(Subnets.map((s) => s.AvailabilityZone).sort(), AvailabilityZones.map((z) => z.ZoneName).sort(), region);
      assert.ok(Subnets.every((s) => s.MapPublicIpOnLaunch && s.CidrBlock!.endsWith('/20')));

      const { AccountAttributes = [] } = await api.describeAccountAttributes({});
      const attrs = Object.fromEntries(AccountAttributes.map((a) => [a.AttributeName, a.AttributeValues!.map((v) => v.AttributeValue)]));
      assert.deepEqual(attrs, {
        'supported-platforms': ['VPC'],
        'vpc-max-security-groups-per-interface': ['5'],
        'max-elastic-ips': ['5'],
        'max-instances': ['20'],
        'vpc-max-elastic-ips': ['5'],
        'default-vpc': [Vpcs[0].VpcId],
      });
    }
    const only = await ec2.describeAccountAttributes({ AttributeNames: ['default-vpc'] });
    assert.deepEqual(only.AccountAttributes!.map((a) => a.AttributeName), ['default-vpc']);
    const e = await refused(ec2.describeVpcs({ VpcIds: ['vpc-0123456789abcdef0'] }), 'InvalidVpcID.NotFound', 400);
    assert.equal(e.message, "The vpc ID 'vpc-0123456789abcdef0' does not exist");
    await refused(ec2.describeSubnets({ SubnetIds: ['subnet-0123456789abcdef0'] }), 'InvalidSubnetID.NotFound', 400);
  });

  test('the AWS CLI reads the account attributes', { skip: awsCliMissing }, async () => {
    const r = await awsCli(sandbox, ['ec2', 'describe-account-attributes', '--attribute-names', 'supported-platforms']);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.json().AccountAttributes, [{ AttributeName: 'supported-platforms', AttributeValues: [{ AttributeValue: 'VPC' }] }]);
  });

  test('DryRun: the AWS CLI prints DryRunOperation', { skip: awsCliMissing }, async () => {
    const before = await instanceCount();
    const r = await awsCli(sandbox, ['ec2', 'run-instances', '--dry-run', '--image-id', ami, '--instance-type', 't3.micro', '--count', '1']);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /An error occurred \(DryRunOperation\) when calling the RunInstances operation: Request would have succeeded, but DryRun flag is set\./);
    assert.equal(await instanceCount(), before);
  });
});

describe('sandbox EC2 state changes from every state', () => {
  const stateOf = async (id: string) => (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0].State!.Name;
  async function reach(id: string, state: string): Promise<void> {
    await eventually(async () => (await stateOf(id)) === state, `${id} ${state}`);
  }

  async function incorrectState(call: Promise<unknown>, id: string, verb: string): Promise<void> {
    const e = await refused(call, 'IncorrectInstanceState', 400);
    assert.equal(e.message, `The instance '${id}' is not in a state from which it can be ${verb}.`);
  }

  test('running: start answers running → running; stopped: reboot refused; terminated: stop, start, reboot refused, terminate again answers terminated', async () => {
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
    const id = Instances![0].InstanceId!;
    await reach(id, 'running');
    const started = await ec2.startInstances({ InstanceIds: [id] });
    assert.deepEqual(started.StartingInstances![0], { InstanceId: id, CurrentState: { Code: 16, Name: 'running' }, PreviousState: { Code: 16, Name: 'running' } });
    await ec2.rebootInstances({ InstanceIds: [id] });

    await ec2.stopInstances({ InstanceIds: [id] });
    await reach(id, 'stopped');
    await incorrectState(ec2.rebootInstances({ InstanceIds: [id] }), id, 'rebooted');
    const stoppedAgain = await ec2.stopInstances({ InstanceIds: [id] });
    assert.deepEqual(stoppedAgain.StoppingInstances![0].CurrentState, { Code: 80, Name: 'stopped' });

    await ec2.terminateInstances({ InstanceIds: [id] });
    await reach(id, 'terminated');
    await incorrectState(ec2.stopInstances({ InstanceIds: [id] }), id, 'stopped');
    await incorrectState(ec2.startInstances({ InstanceIds: [id] }), id, 'started');
    await incorrectState(ec2.rebootInstances({ InstanceIds: [id] }), id, 'rebooted');
    const again = await ec2.terminateInstances({ InstanceIds: [id] });
    assert.deepEqual(again.TerminatingInstances![0], { InstanceId: id, CurrentState: { Code: 48, Name: 'terminated' }, PreviousState: { Code: 48, Name: 'terminated' } });
  });
});
