/**
 * Nothing done at the prompt throws the session away (issue 12): a Ctrl-C'd loop leaves the
 * TypeScript transform and the sandbox working, a second session on the same HOME keeps its
 * sandbox when the first exits, and --ephemeral cleans up when the terminal hangs up or paws is
 * terminated. The built CLI in a real pseudo-terminal; what is left is checked with an SDK client.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2Client, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { eventually, pawsEnv, pawsInFreshHome, pawsOnSandbox, spawnPaws, tempDir, type PtySession } from '../helpers/index.js';

const PROMPT = 'paws> ';

/** Types a line and waits for the next prompt; returns what was printed in between. */
async function run(paws: PtySession, line: string): Promise<string> {
  const since = paws.output.length;
  paws.write(`${line}\r`);
  const tail = await paws.waitFor(new RegExp(`\\n${PROMPT}$`), { since });
  return tail.slice(tail.indexOf('\n') + 1, -PROMPT.length).trim();
}

describe('the prompt keeps its session', () => {
  test('Ctrl-C of a synchronous loop: plain JavaScript, TypeScript and the embedded sandbox still work', async (t) => {
    const home = tempDir();
    const paws = spawnPaws(['--sandbox'], pawsEnv(home.path));
    t.after(async () => {
      await paws.kill('SIGKILL'); // A loop that was never interrupted runs no signal handler: only SIGKILL ends it.
      home.remove();
    });
    await paws.waitFor(/paws: sandbox .*\n/);
    await run(paws, '0'); // the TypeScript transform is loaded
    const since = paws.output.length;
    paws.write('while (true) {}\r');
    await paws.waitFor('while (true) {}\n', { since });
    // Ctrl-C is a signal only once the loop runs (node's REPL leaves raw mode for it); until the
    // prompt is back, press it again.
    for (let presses = 0; !/Interrupted/.test(paws.output.slice(since)); presses++) {
      assert.ok(presses < 10, `the loop was not interrupted:\n${paws.output.slice(since)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));
      paws.write('\x03');
      await paws.waitFor('Interrupted', { since, timeoutMs: 1000 }).catch(() => {});
    }
    await paws.waitFor(new RegExp(`\\n${PROMPT}$`), { since });
    assert.equal(await run(paws, '1 + 1'), '2');
    assert.equal(await run(paws, 'const x: number = 3; x'), '3');
    assert.match(await run(paws, 'await ec2.zones()'), /^\[Zone:us-east-1a, /);
  });

  test('two sessions on one HOME share the sandbox; when the first exits the second goes on', async (t) => {
    const home = tempDir();
    const sessions: PtySession[] = [];
    t.after(async () => {
      await Promise.all(sessions.map((session) => session.kill()));
      home.remove();
    });
    const first = spawnPaws(['--sandbox'], pawsEnv(home.path));
    sessions.push(first);
    const firstEndpoint = /endpoint (\S+)\n/.exec(await first.waitFor(/paws: sandbox .*\n/))![1];
    const second = spawnPaws(['--sandbox'], pawsEnv(home.path));
    sessions.push(second);
    const secondEndpoint = /endpoint (\S+)\n/.exec(await second.waitFor(/paws: sandbox .*\n/))![1];
    assert.equal(secondEndpoint, firstEndpoint, 'one sandbox for the state directory');
    await run(second, 'await s3.createBucket({Bucket: "kept-by-second"})');

    first.write('\x04');
    assert.equal(await first.exitCode(), 0);
    assert.match(await run(second, 'await ec2.zones()'), /^\[Zone:us-east-1a, /);
    assert.match(await run(second, '(await s3.listBuckets()).Buckets.map((b) => b.Name)'), /kept-by-second/);
  });

  test('a sandbox that died is started again on the next call, saying so in one line', async (t) => {
    const { paws, home } = pawsInFreshHome(t, ['--sandbox']);
    await paws.waitFor(/paws: sandbox .*\n/);
    const { pid } = JSON.parse(readFileSync(join(home, '.paws', 'sandbox', 'sandbox.json'), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    // The pid is gone once paws has reaped its child; a round trip after that, and paws has seen it go.
    await eventually(() => { try { process.kill(pid, 0); return false; } catch { return true; } }, 'paws to reap the killed sandbox');
    await run(paws, '0');
    const printed = await run(paws, 'await ec2.zones()');
    assert.match(printed, /^paws: the sandbox exited \(SIGKILL\); started it again\n\[Zone:us-east-1a, /);
  });

  for (const signal of ['SIGHUP', 'SIGTERM']) {
    test(`--ephemeral deletes what the session created on ${signal}`, async (t) => {
      const { paws, sandbox } = await pawsOnSandbox(t, { args: ['--ephemeral'] });
      await run(paws, 'await s3.createBucket({Bucket: "ephemeral-bucket"})');
      await run(paws, 'const image = (await ec2.describeImages({Owners: ["amazon"]})).Images[0].ImageId');
      const id = /'(i-[0-9a-f]+)'/.exec(await run(paws, '(await ec2.runInstances({ImageId: image, MinCount: 1, MaxCount: 1})).Instances[0].InstanceId'))![1];

      paws.kill(signal);
      const code = await paws.exitCode();
      if (signal === 'SIGTERM') assert.equal(code, 143);
      const config = { endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials };
      const buckets = await new S3Client({ ...config, forcePathStyle: true }).send(new ListBucketsCommand({}));
      assert.deepEqual(buckets.Buckets?.map((b) => b.Name) ?? [], []);
      const described = await new EC2Client(config).send(new DescribeInstancesCommand({ InstanceIds: [id] }));
      assert.match(described.Reservations![0].Instances![0].State!.Name!, /^(shutting-down|terminated)$/);
    });
  }
});
