/**
 * Roles at the prompt, on a sandbox with two accounts: iam.roles() and Role reprs, assumeRole(arn)
 * giving a session in the role, `.profile NAME` switching the prompt's identity to a profile that
 * assumes a role (role_arn + source_profile, through the SDK's fromIni), and recipe 2.11
 * (findAllRunningInstances) over two such profiles, one per account.
 */
import { test, before, after, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAMClient, CreateRoleCommand, AttachRolePolicyCommand } from '@aws-sdk/client-iam';
import { EC2Client, DescribeImagesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { testSandbox, tempDir, eventually } from '../helpers/index.js';
import { sandboxSession } from '../helpers/session.js';
import { Prompt } from '../helpers/prompt.js';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';
import { findAllRunningInstances } from '../../src/helpers/ec2/recipes/find-running-instances.js';

const [first, second] = SANDBOX_ACCOUNTS;
const rootOf = (a: (typeof SANDBOX_ACCOUNTS)[number]) => ({ accessKeyId: a.accessKeyId, secretAccessKey: a.secretAccessKey });
let sandbox: RunningSandbox;
const instances: Record<string, string> = {};

before(async () => {
  sandbox = await testSandbox();
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${first.accountId}:root` }, Action: 'sts:AssumeRole' }] });
  for (const [account, region] of [[first, 'us-east-1'], [second, 'eu-west-1']] as const) {
    const config = { endpoint: sandbox.endpoint, region, credentials: rootOf(account) };
    const iam = new IAMClient(config);
    await iam.send(new CreateRoleCommand({ RoleName: 'ops', AssumeRolePolicyDocument: trust, Description: 'looks after instances' }));
    await iam.send(new AttachRolePolicyCommand({ RoleName: 'ops', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEC2ReadOnlyAccess' }));
    const ec2 = new EC2Client(config);
    const ami = (await ec2.send(new DescribeImagesCommand({ Owners: ['amazon'] }))).Images![0].ImageId;
    const { Instances } = await ec2.send(new RunInstancesCommand({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano' }));
    instances[account.accountId] = Instances![0].InstanceId!;
  }
});
after(() => sandbox.close());

/** ~/.aws files as an AWS user of the two accounts has them: keys for the first, a role profile for each account. */
function roleProfiles(t: TestContext): void {
  const dir = tempDir();
  writeFileSync(join(dir.path, 'credentials'), `[base]\naws_access_key_id = ${first.accessKeyId}\naws_secret_access_key = ${first.secretAccessKey}\n`);
  writeFileSync(
    join(dir.path, 'config'),
    [`[profile base]`, `region = us-east-1`, `[profile dev]`, `role_arn = arn:aws:iam::${first.accountId}:role/ops`, `source_profile = base`, `[profile prod]`, `role_arn = arn:aws:iam::${second.accountId}:role/ops`, `source_profile = base`, ''].join('\n'),
  );
  const saved = { AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE };
  process.env.AWS_CONFIG_FILE = join(dir.path, 'config');
  process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir.path, 'credentials');
  t.after(() => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    dir.remove();
  });
}

test('iam.roles() lists Role reprs; assumeRole(arn) gives a session in the role, in another account too', async (t) => {
  const prompt = new Prompt(sandboxSession(sandbox));
  t.after(() => prompt.close());
  assert.equal(await prompt.type('await iam.roles()'), '[Role:ops]');
  assert.equal(await prompt.type("(await iam.role('ops')).trustPolicy.Statement[0].Principal.AWS"), `'arn:aws:iam::${first.accountId}:root'`);
  assert.equal(await prompt.type(`const prod = await assumeRole('arn:aws:iam::${second.accountId}:role/ops', {sessionName: 'night-shift'})`), '');
  assert.equal(await prompt.type('prod'), `RoleSession:arn:aws:sts::${second.accountId}:assumed-role/ops/night-shift`);
  assert.equal(await prompt.type('(await prod.ec2.instances()).length'), '0'); // us-east-1 of the second account has none
  assert.equal(await prompt.type("(await prod.sts.getCallerIdentity()).Account"), `'${second.accountId}'`);
  // The role may only read EC2: its session says so in AWS's words; the prompt's own identity is unchanged.
  assert.match(await prompt.type("await prod.s3.listBuckets()"), /^AccessDenied: Access Denied/);
  assert.equal(await prompt.type('(await sts.getCallerIdentity()).Arn'), `'arn:aws:iam::${first.accountId}:root'`);
  assert.match(await prompt.type("await assumeRole('ops')"), /^InvalidRoleArn: ops is not a role ARN — e\.g\. assumeRole\(/);
  assert.match(await prompt.type(`await assumeRole('arn:aws:iam::${second.accountId}:role/nobody')`), /^AccessDenied: User: arn:aws:iam::123456789012:root is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::210987654321:role\/nobody/);
});

test('.profile NAME acts as a role profile (role_arn + source_profile) without restarting; an unknown one is refused in one line', async (t) => {
  roleProfiles(t);
  const prompt = new Prompt(sandboxSession(sandbox));
  t.after(() => prompt.close());
  assert.match(await prompt.type('.profile prod'), new RegExp(`^profile prod: account ${second.accountId} arn:aws:sts::${second.accountId}:assumed-role/ops/\\S+ \\(ec2, s3, cw, sns, sqs, iam, sts now act as it\\)$`));
  assert.equal(await prompt.type('(await sts.getCallerIdentity()).Account'), `'${second.accountId}'`);
  assert.equal(await prompt.type("(await ec2.instances()).length"), '0');
  assert.equal(await prompt.type('.profile'), 'profile prod');
  assert.equal(await prompt.type('.profile staging'), 'ProfileNotFound: no profile staging in ~/.aws/config or ~/.aws/credentials — profiles: base, dev, prod');
  assert.match(await prompt.type('.profile base'), new RegExp(`^profile base: account ${first.accountId} arn:aws:iam::${first.accountId}:root `));
  assert.equal(await prompt.type("(await setProfile('dev')).Arn.split('/')[1]"), "'ops'");
  // .save replays each switch as code; the refused one is left out.
  const saved = tempDir();
  t.after(() => saved.remove());
  await prompt.type(`.save ${join(saved.path, 'roles.ts')}`);
  const script = readFileSync(join(saved.path, 'roles.ts'), 'utf8');
  assert.match(script, /^\/\/ \.profile prod\nawait setProfile\('prod'\)\n[\s\S]*\/\/ \.profile\n\/\/ \.profile base\nawait setProfile\('base'\)\n/m);
  assert.doesNotMatch(script, /staging/);
});

test('recipe 2.11: findAllRunningInstances over two profiles that assume roles in two sandbox accounts', async (t) => {
  roleProfiles(t);
  const session = sandboxSession(sandbox);
  const found = await eventually(async () => {
    const f = await findAllRunningInstances(session, ['dev', 'prod'], { regions: ['us-east-1', 'eu-west-1'], quiet: true });
    return f.dev['us-east-1']?.length && f.prod['eu-west-1']?.length ? f : undefined;
  }, 'both instances running');
  assert.deepEqual(found.dev['us-east-1'].map((i) => i.id), [instances[first.accountId]]);
  assert.deepEqual(found.prod['eu-west-1'].map((i) => i.id), [instances[second.accountId]]);
  assert.deepEqual(Object.keys(found.prod), ['eu-west-1']);
});
