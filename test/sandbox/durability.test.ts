/**
 * What the sandbox answered 200 for survives `kill -9` (issue 11): the sandbox runs as a real child
 * process (`paws sandbox --json`), real SDK clients write to every service at once, the process is
 * killed mid-flight, and a new one on the same state directory must know every acknowledged write.
 * Also: a torn S3 journal line, a termination cut short by a crash, and names such as `__proto__`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { EC2 } from '@aws-sdk/client-ec2';
import { IAM } from '@aws-sdk/client-iam';
import { SNS } from '@aws-sdk/client-sns';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import { S3 } from '@aws-sdk/client-s3';
import { STS } from '@aws-sdk/client-sts';
import { PAWS_BIN, tempDir } from '../helpers/index.js';
import { SANDBOX_NODE_FLAGS } from '../../src/repl/sandbox-process.js';

interface Child {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Everything the sandbox wrote on stderr so far. */
  stderr(): string;
  /** `kill -9`, resolved once the process is gone. */
  kill(): Promise<void>;
}

/** `paws sandbox --port 0 --json --state DIR`: its first stdout line gives the endpoint and keys. */
async function startChild(stateDir: string, timeScale = 0.02): Promise<Child> {
  const child = spawn(process.execPath, [...SANDBOX_NODE_FLAGS, PAWS_BIN, 'sandbox', '--port', '0', '--json', '--state', stateDir, '--time-scale', String(timeScale)], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true', PAWS_HOME: join(stateDir, '..', 'home') },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<{ endpoint: string; accessKeyId: string; secretAccessKey: string }>((resolve, reject) => {
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.includes('\n')) resolve(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))));
    });
    void exited.then(() => reject(new Error(`the sandbox exited: ${stderr}`)));
  });
  return {
    endpoint: info.endpoint,
    credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey },
    stderr: () => stderr,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** SDK clients on the child; one attempt each, so a request the kill cut off is not retried elsewhere. */
function clients(c: Child, region = 'us-east-1', credentials = c.credentials) {
  const config = { endpoint: c.endpoint, region, credentials, maxAttempts: 1 };
  return {
    ec2: new EC2(config),
    iam: new IAM(config),
    sns: new SNS(config),
    cw: new CloudWatch(config),
    s3: new S3({ ...config, forcePathStyle: true }),
    sts: new STS(config),
  };
}

/** What the sandbox has acknowledged with a 200. */
interface Acked {
  topics: string[];
  users: string[];
  keys: Array<{ user: string; accessKeyId: string; secretAccessKey: string }>;
  metrics: string[];
  keyPairs: Array<{ name: string; id: string; tagged?: string }>;
  buckets: Array<{ name: string; tagged?: string }>;
}

/**
 * Five clients, one per service, each sending its next write as soon as the last is answered,
 * until the sandbox is killed (at a random moment ~0.3–1 s in). Any failure before the kill fails the test.
 */
/** Starts one instance of the sandbox's Amazon Linux with a 1 GiB data volume at /dev/sdf. */
async function launchWithDataVolume(ec2: ReturnType<typeof clients>['ec2'], ebs: { DeleteOnTermination: boolean }) {
  const { Images = [] } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
  const { Instances } = await ec2.runInstances({
    ImageId: Images[0].ImageId,
    MinCount: 1,
    MaxCount: 1,
    InstanceType: 't3.micro',
    BlockDeviceMappings: [{ DeviceName: '/dev/sdf', Ebs: { VolumeSize: 1, ...ebs } }],
  });
  return Instances;
}

async function writeUntilKilled(c: Child, round: number, acked: Acked): Promise<void> {
  const { ec2, iam, sns, cw, s3 } = clients(c);
  let killed = false;
  const flows: Array<(i: number) => Promise<void>> = [
    async (i) => {
      const name = `topic-${round}-${i}`;
      await sns.createTopic({ Name: name });
      acked.topics.push(name);
    },
    async (i) => {
      const user = `user-${round}-${i}`;
      await iam.createUser({ UserName: user });
      acked.users.push(user);
      const { AccessKey } = await iam.createAccessKey({ UserName: user });
      acked.keys.push({ user, accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! });
    },
    async (i) => {
      const name = `metric-${round}-${i}`;
      await cw.putMetricData({ Namespace: 'Durability', MetricData: [{ MetricName: name, Value: i }] });
      acked.metrics.push(name);
    },
    async (i) => {
      const name = `key-${round}-${i}`;
      const { KeyPairId } = await ec2.createKeyPair({ KeyName: name, KeyType: 'ed25519' });
      const kp: Acked['keyPairs'][number] = { name, id: KeyPairId! };
      acked.keyPairs.push(kp);
      await ec2.createTags({ Resources: [kp.id], Tags: [{ Key: 'round', Value: String(round) }] });
      kp.tagged = String(round);
    },
    async (i) => {
      const name = `bucket-${round}-${i}`;
      await s3.createBucket({ Bucket: name });
      const b: Acked['buckets'][number] = { name };
      acked.buckets.push(b);
      await s3.putBucketTagging({ Bucket: name, Tagging: { TagSet: [{ Key: 'round', Value: String(round) }] } });
      b.tagged = String(round);
    },
  ];
  const running = flows.map(async (flow) => {
    for (let i = 0; ; i++) {
      try {
        await flow(i);
      } catch (err) {
        if (killed) return;
        throw err;
      }
    }
  });
  await sleep(300 + Math.random() * 700);
  killed = true;
  await c.kill();
  await Promise.all(running);
}

async function allPages<T>(fetch: (token?: string) => Promise<{ items?: T[]; next?: string }>): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.items ?? []));
    token = page.next;
  } while (token);
  return out;
}

/** Every acknowledged write is there, as its own service lists it. */
async function assertAllThere(c: Child, acked: Acked): Promise<void> {
  const { ec2, iam, sns, cw, s3 } = clients(c);
  const topics = await allPages(async (t) => {
    const r = await sns.listTopics({ NextToken: t });
    return { items: r.Topics?.map((x) => x.TopicArn!.split(':').pop()!), next: r.NextToken };
  });
  assert.deepEqual(acked.topics.filter((n) => !topics.includes(n)), [], 'acknowledged topics missing');
  const users = await allPages(async (m) => {
    const r = await iam.listUsers({ Marker: m });
    return { items: r.Users?.map((u) => u.UserName!), next: r.IsTruncated ? r.Marker : undefined };
  });
  assert.deepEqual(acked.users.filter((n) => !users.includes(n)), [], 'acknowledged users missing');
  for (const key of acked.keys) {
    const listed = (await iam.listAccessKeys({ UserName: key.user })).AccessKeyMetadata?.map((k) => k.AccessKeyId);
    assert.ok(listed?.includes(key.accessKeyId), `access key of ${key.user} missing`);
    // The key already handed out still opens the sandbox.
    const me = await clients(c, 'us-east-1', key).sts.getCallerIdentity({});
    assert.equal(me.Arn, `arn:aws:iam::123456789012:user/${key.user}`);
  }
  const metrics = await allPages(async (t) => {
    const r = await cw.listMetrics({ Namespace: 'Durability', NextToken: t });
    return { items: r.Metrics?.map((m) => m.MetricName!), next: r.NextToken };
  });
  assert.deepEqual(acked.metrics.filter((n) => !metrics.includes(n)), [], 'acknowledged metrics missing');
  const pairs = (await ec2.describeKeyPairs({})).KeyPairs ?? [];
  for (const kp of acked.keyPairs) {
    const found = pairs.find((p) => p.KeyPairId === kp.id);
    assert.equal(found?.KeyName, kp.name, `key pair ${kp.name} missing`);
    if (kp.tagged) assert.deepEqual(found.Tags, [{ Key: 'round', Value: kp.tagged }], `tags of ${kp.name}`);
  }
  const buckets = (await s3.listBuckets({})).Buckets?.map((b) => b.Name) ?? [];
  for (const b of acked.buckets) {
    assert.ok(buckets.includes(b.name), `bucket ${b.name} missing`);
    if (b.tagged) assert.deepEqual((await s3.getBucketTagging({ Bucket: b.name })).TagSet, [{ Key: 'round', Value: b.tagged }], `tags of ${b.name}`);
  }
}

test('every write answered 200, across EC2, IAM, CloudWatch, SNS and S3, survives kill -9, three kills in a row', async (t) => {
  const dir = tempDir('paws-durability-');
  t.after(() => dir.remove());
  const state = join(dir.path, 'state');
  const acked: Acked = { topics: [], users: [], keys: [], metrics: [], keyPairs: [], buckets: [] };
  for (let round = 1; round <= 3; round++) {
    const c = await startChild(state);
    await assertAllThere(c, acked);
    await writeUntilKilled(c, round, acked);
  }
  const c = await startChild(state);
  await assertAllThere(c, acked);
  await c.kill();
  // The kills came while writes were flowing in every service.
  for (const [what, list] of Object.entries(acked)) assert.ok(list.length >= 3, `only ${list.length} ${what} acknowledged`);
});

test('a torn last line of an S3 journal is cut off on reopen: earlier and later objects survive, and stderr says so', async (t) => {
  const dir = tempDir('paws-durability-');
  t.after(() => dir.remove());
  const state = join(dir.path, 'state');
  let c = await startChild(state);
  await clients(c).s3.createBucket({ Bucket: 'torn' });
  await clients(c).s3.putObject({ Bucket: 'torn', Key: 'before', Body: 'one' });
  await c.kill();
  // A crash in the middle of appending the next record.
  appendFileSync(join(state, 's3', 'torn', 'journal.jsonl'), '{"op":"put","key":"half-writ');
  c = await startChild(state);
  await clients(c).s3.putObject({ Bucket: 'torn', Key: 'after', Body: 'two' });
  assert.match(c.stderr(), /recovered torn\/journal\.jsonl: cut a torn last record \(\d+ bytes/);
  assert.equal(c.stderr().trim().split('\n').length, 1, 'one line about it');
  await c.kill();
  c = await startChild(state);
  const { s3 } = clients(c);
  const keys = (await s3.listObjectsV2({ Bucket: 'torn' })).Contents?.map((o) => o.Key);
  assert.deepEqual(keys, ['after', 'before']);
  assert.equal(await (await s3.getObject({ Bucket: 'torn', Key: 'after' })).Body!.transformToString(), 'two');
  assert.doesNotMatch(c.stderr(), /recovered/, 'nothing left to recover the second time');
  await c.kill();
});

test('a termination cut short by kill -9 finishes after the restart: terminated, root volume deleted, kept volume available', async (t) => {
  const dir = tempDir('paws-durability-');
  t.after(() => dir.remove());
  const state = join(dir.path, 'state');
  // Slow enough (2 s to terminate) that the kill lands while the instance is shutting down.
  let c = await startChild(state, 0.2);
  let { ec2 } = clients(c);
  const Instances = await launchWithDataVolume(ec2, { DeleteOnTermination: false });
  const id = Instances![0].InstanceId!;
  const mappings = Instances![0].BlockDeviceMappings!;
  const root = mappings.find((m) => m.DeviceName === Instances![0].RootDeviceName)!.Ebs!.VolumeId!;
  const kept = mappings.find((m) => m.DeviceName === '/dev/sdf')!.Ebs!.VolumeId!;
  // Terminated before it boots, so no instance host is needed.
  const { TerminatingInstances } = await ec2.terminateInstances({ InstanceIds: [id] });
  await c.kill();
  assert.equal(TerminatingInstances![0].CurrentState!.Name, 'shutting-down');

  c = await startChild(state);
  ({ ec2 } = clients(c));
  let inst;
  for (let i = 0; i < 100; i++) {
    inst = (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0];
    if (inst.State!.Name === 'terminated') break;
    await sleep(50);
  }
  assert.equal(inst!.State!.Name, 'terminated');
  const volumes = (await ec2.describeVolumes({})).Volumes!;
  assert.equal(volumes.find((v) => v.VolumeId === root), undefined, 'the root volume (DeleteOnTermination) is deleted');
  const left = volumes.find((v) => v.VolumeId === kept);
  assert.equal(left?.State, 'available');
  assert.deepEqual(left?.Attachments, []);
  await c.kill();
});

test('volume transitions cut short by kill -9 finish after the restart, through the same state machine: creating → available, detaching → available', async (t) => {
  const dir = tempDir('paws-durability-');
  t.after(() => dir.remove());
  const state = join(dir.path, 'state');
  // So slow (a volume takes 80 s to create) that every transition is under way at the kill.
  let c = await startChild(state, 20);
  t.after(() => c.kill()); // whichever child is running, also when an assertion fails
  let { ec2 } = clients(c);
  const Instances = await launchWithDataVolume(ec2, { DeleteOnTermination: true });
  const id = Instances![0].InstanceId!;
  const data = Instances![0].BlockDeviceMappings!.find((m) => m.DeviceName === '/dev/sdf')!.Ebs!.VolumeId!;
  const created = await ec2.createVolume({ Size: 2, AvailabilityZone: Instances![0].Placement!.AvailabilityZone });
  const detaching = await ec2.detachVolume({ VolumeId: data });
  // Terminated before it boots (no instance host needed); detached first, so termination leaves it.
  await ec2.terminateInstances({ InstanceIds: [id] });
  await c.kill();
  assert.equal(created.State, 'creating');
  assert.equal(detaching.State, 'detaching');

  c = await startChild(state);
  ({ ec2 } = clients(c));
  const volumes = (await ec2.describeVolumes({ VolumeIds: [created.VolumeId!, data] })).Volumes!;
  const byId = Object.fromEntries(volumes.map((v) => [v.VolumeId, [v.State, v.Attachments]]));
  assert.deepEqual(byId, { [created.VolumeId!]: ['available', []], [data]: ['available', []] });
});

test('__proto__, constructor and toString are plain names: as a user, a topic, tag keys and a signed region, before and after kill -9', async (t) => {
  const dir = tempDir('paws-durability-');
  t.after(() => dir.remove());
  const state = join(dir.path, 'state');
  let c = await startChild(state);
  let { iam, sns, ec2 } = clients(c);
  await iam.createUser({ UserName: 'constructor', Tags: [{ Key: 'toString', Value: 'x' }] });
  await iam.createUser({ UserName: '__proto__' });
  const { TopicArn } = await sns.createTopic({ Name: '__proto__', Tags: [{ Key: '__proto__', Value: 'p' }, { Key: 'constructor', Value: 'c' }] });
  const { KeyPairId } = await ec2.createKeyPair({ KeyName: 'toString', KeyType: 'ed25519' });
  await ec2.createTags({ Resources: [KeyPairId!], Tags: [{ Key: '__proto__', Value: 'p' }, { Key: 'hasOwnProperty', Value: 'h' }] });
  // A region of a signed credential scope names a state too: whatever the answer, it is AWS's, and nothing else changes.
  for (const region of ['constructor', 'toString']) {
    const odd = clients(c, region).sns;
    await odd.createTopic({ Name: 'odd' }).catch((err: { $metadata?: { httpStatusCode?: number } }) => {
      assert.ok((err.$metadata?.httpStatusCode ?? 500) < 500, `region ${region}: ${String(err)}`);
    });
  }
  const check = async () => {
    const users = (await iam.listUsers({})).Users!.map((u) => u.UserName).sort();
    assert.deepEqual(users, ['__proto__', 'constructor']);
    assert.deepEqual((await iam.getUser({ UserName: 'constructor' })).User!.Tags, [{ Key: 'toString', Value: 'x' }]);
    assert.deepEqual((await sns.listTopics({})).Topics!.map((x) => x.TopicArn), [TopicArn]);
    const topicTags = (await sns.listTagsForResource({ ResourceArn: TopicArn })).Tags!.sort((a, b) => a.Key!.localeCompare(b.Key!));
    assert.deepEqual(topicTags, [{ Key: '__proto__', Value: 'p' }, { Key: 'constructor', Value: 'c' }]);
    const [kp] = (await ec2.describeKeyPairs({ KeyNames: ['toString'] })).KeyPairs!;
    assert.deepEqual(kp.Tags!.sort((a, b) => a.Key!.localeCompare(b.Key!)), [{ Key: '__proto__', Value: 'p' }, { Key: 'hasOwnProperty', Value: 'h' }]);
  };
  await check();
  await c.kill();
  c = await startChild(state);
  ({ iam, sns, ec2 } = clients(c));
  await check();
  await c.kill();
});
