/**
 * Role profiles with other clients than the JS SDK: Debian's AWS CLI (2.9) and boto3 (1.26), each
 * with `role_arn` + `source_profile` in its config, assume a role in the sandbox's second account
 * and act as it. Those releases predate AWS_ENDPOINT_URL, and the STS client their role provider
 * makes ignores --endpoint-url; their own documented override, AWS_DATA_PATH, gives STS an
 * endpoint rule set that names the sandbox, as a newer client's `endpoint_url` would.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { S3Client, CreateBucketCommand } from '@aws-sdk/client-s3';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { tempDir, testSandbox } from '../helpers/index.js';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';
import { boto3Missing, runPython } from '../helpers/python.js';

const [first, second] = SANDBOX_ACCOUNTS;
const RULE_SETS = ['/usr/lib/python3/dist-packages/awscli/botocore/data/sts/2011-06-15/endpoint-rule-set-1.json', '/usr/lib/python3/dist-packages/botocore/data/sts/2011-06-15/endpoint-rule-set-1.json'];

let sandbox: RunningSandbox;
let files: ReturnType<typeof tempDir>;
let env: Record<string, string>;
const roleArn = `arn:aws:iam::${second.accountId}:role/auditor`;

before(async () => {
  sandbox = await testSandbox();
  const root2 = { accessKeyId: second.accessKeyId, secretAccessKey: second.secretAccessKey };
  const iam = new IAMClient({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: root2 });
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: first.accountId }, Action: 'sts:AssumeRole' }] });
  await iam.send(new CreateRoleCommand({ RoleName: 'auditor', AssumeRolePolicyDocument: trust }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'auditor', PolicyName: 'list', PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListAllMyBuckets', Resource: '*' }] }) }));
  await new S3Client({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: root2, forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'audited-logs' }));

  files = tempDir();
  writeFileSync(join(files.path, 'credentials'), `[base]\naws_access_key_id = ${first.accessKeyId}\naws_secret_access_key = ${first.secretAccessKey}\n`);
  writeFileSync(join(files.path, 'config'), `[profile base]\nregion = us-east-1\n[profile audit]\nregion = us-east-1\nrole_arn = ${roleArn}\nsource_profile = base\nrole_session_name = cli-audit\n`);
  // STS's endpoint rule set, its parameters kept, its rules replaced by one: the sandbox.
  const original = RULE_SETS.find((f) => existsSync(f));
  const ruleSetDir = join(files.path, 'data', 'sts', '2011-06-15');
  mkdirSync(ruleSetDir, { recursive: true });
  if (original) {
    const { version, parameters } = JSON.parse(readFileSync(original, 'utf8')) as { version: string; parameters: object };
    writeFileSync(join(ruleSetDir, 'endpoint-rule-set-1.json'), JSON.stringify({ version, parameters, rules: [{ conditions: [], endpoint: { url: sandbox.endpoint, properties: {}, headers: {} }, type: 'endpoint' }] }));
  }
  env = { AWS_CONFIG_FILE: join(files.path, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(files.path, 'credentials'), AWS_DATA_PATH: join(files.path, 'data') };
});
after(async () => {
  files.remove();
  await sandbox.close();
});

test('the AWS CLI with a role profile assumes the role in the other account and acts as it', { skip: awsCliMissing }, async () => {
  const me = await awsCli(sandbox, ['sts', 'get-caller-identity', '--profile', 'audit'], { env });
  assert.equal(me.status, 0, me.stderr);
  assert.equal(me.json().Arn, `arn:aws:sts::${second.accountId}:assumed-role/auditor/cli-audit`);
  const buckets = await awsCli(sandbox, ['s3api', 'list-buckets', '--profile', 'audit'], { env });
  assert.equal(buckets.status, 0, buckets.stderr);
  assert.ok(buckets.json().Buckets.some((b: { Name: string }) => b.Name === 'audited-logs'), buckets.stdout);
  // The role may only list buckets: EC2 refuses it, naming the session.
  const ec2 = await awsCli(sandbox, ['ec2', 'describe-regions', '--profile', 'audit'], { env });
  assert.notEqual(ec2.status, 0);
  assert.match(ec2.stderr, /UnauthorizedOperation.*assumed-role\/auditor\/cli-audit is not authorized to perform: ec2:DescribeRegions/);
});

test('boto3 with a role profile assumes the role in the other account and acts as it', { skip: boto3Missing }, async () => {
  const script = [
    'import boto3',
    `session = boto3.Session(profile_name='audit')`,
    `print(session.client('sts', endpoint_url='${sandbox.endpoint}').get_caller_identity()['Arn'])`,
    `print('audited-logs' in [b['Name'] for b in session.client('s3', endpoint_url='${sandbox.endpoint}').list_buckets()['Buckets']])`,
  ].join('\n');
  const { stdout, stderr, code } = await runPython(script, [], { HOME: files.path, ...env });
  assert.equal(code, 0, stderr);
  assert.deepEqual(stdout.trim().split('\n'), [`arn:aws:sts::${second.accountId}:assumed-role/auditor/cli-audit`, 'True']);
});
