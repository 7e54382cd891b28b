/**
 * The built CLI without a terminal: flags, scripts piped on stdin or given as FILE.ts, exit codes,
 * the embedded sandbox when no credentials exist, and --timeout.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { PAWS_BIN, pawsEnv, sandboxEnv, tempDir, testSandbox } from '../helpers/index.js';

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function paws(args: string[], env: Record<string, string>, stdin = ''): Promise<Result> {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, [PAWS_BIN, ...args], { env });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    child.stdin.end(stdin);
  });
}

describe('paws without a terminal', () => {
  let sandbox: RunningSandbox;
  const home = tempDir();
  let env: Record<string, string>;
  let args: string[];

  before(async () => {
    sandbox = await testSandbox();
    env = pawsEnv(home.path, sandboxEnv(sandbox));
    args = ['--endpoint', sandbox.endpoint];
  });
  after(async () => {
    await sandbox.close();
    home.remove();
  });

  test('a piped script runs with the prompt globals and prints its final value', async () => {
    const r = await paws(args, env, 'const zones = await ec2.zones()\nconsole.log(zones.length)\nzones\n');
    assert.equal(r.stderr, '');
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '6\n[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f]\n');
  });

  test('a script that leaves a promise rejected, or a callback that throws, fails as node would: one line, exit 1', async () => {
    const left = await paws(args, env, "console.log('before')\nvoid Promise.reject(new Error('left rejected'))\n'last value'\n");
    assert.deepEqual([left.stdout, left.stderr, left.code], ["before\n'last value'\n", 'Error: left rejected\n', 1]);
    const thrown = await paws(args, env, "setTimeout(() => { throw new Error('in a timer') }, 10)\nawait new Promise((resolve) => setTimeout(resolve, 200))\nconsole.log('not reached')\n");
    assert.deepEqual([thrown.stdout, thrown.stderr, thrown.code], ['', 'Error: in a timer\n', 1]);
  });

  test('a piped script stops at the first error: one line on stderr, exit 1', async () => {
    const r = await paws(args, env, 'console.log("before")\nawait ec2.describeAvailabilityZones({ZoneNames: ["nowhere-1z"]})\nconsole.log("after")\n');
    assert.equal(r.code, 1);
    assert.equal(r.stdout, 'before\n');
    assert.match(r.stderr, /^InvalidParameterValue: [^\n]+\n$/);
  });

  test('paws FILE.ts and paws run FILE.ts run a TypeScript script', async () => {
    const file = join(home.path, 'quick-test.ts');
    writeFileSync(file, 'interface Named { name: string }\nconst names: string[] = (await ec2.zones()).map((z: Named) => z.name);\nconsole.log(names.join(" "));\n');
    for (const argv of [[file], ['run', file]]) {
      const r = await paws([...args, ...argv], env);
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'us-east-1a us-east-1b us-east-1c us-east-1d us-east-1e us-east-1f\n');
      assert.equal(r.code, 0);
    }
  });

  test('a script with a syntax error fails with one line', async () => {
    const file = join(home.path, 'broken.ts');
    writeFileSync(file, 'const x = {\n');
    const r = await paws([...args, file], env);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^SyntaxError: [^\n]+\n$/);
  });

  test('a bad flag is one line and exit 2', async () => {
    const r = await paws(['--regoin', 'x'], env);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, "Usage: Unknown option '--regoin' (paws --help)\n");
  });

  test('--help lists the flags, in 80 columns', async () => {
    const r = await paws(['--help'], env);
    assert.equal(r.code, 0);
    for (const flag of ['--profile', '--region', '--endpoint', '--sandbox', '--timeout', '--debug']) assert.ok(r.stdout.includes(flag), flag);
    // Read in an 80-column terminal: no line wider.
    for (const line of r.stdout.split('\n')) assert.ok(line.length <= 80, line);
  });

  test('--region picks the region', async () => {
    const r = await paws([...args, '--region', 'eu-west-1'], env, '(await ec2.zones()).map(String)');
    assert.equal(r.stdout, "[ 'Zone:eu-west-1a', 'Zone:eu-west-1b', 'Zone:eu-west-1c' ]\n");
  });

  test('an unreachable endpoint is one line naming the fix', async () => {
    const r = await paws(['--endpoint', 'http://127.0.0.1:9'], env, 'await ec2.zones()');
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^ECONNREFUSED: connect ECONNREFUSED 127\.0\.0\.1:9 — nothing answers there; check --endpoint/);
  });

  test('with no credentials anywhere, paws starts its own sandbox', async () => {
    const empty = tempDir();
    try {
      const r = await paws([], pawsEnv(empty.path), 'const id = await sts.getCallerIdentity(); [id.Account, (await ec2.zones()).length]');
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, "[ '123456789012', 6 ]\n");
      assert.equal(r.code, 0);
    } finally {
      empty.remove();
    }
  });

  test('the sandbox keeps its state under PAWS_HOME; one it cannot write is one line naming PAWS_HOME', async () => {
    const empty = tempDir();
    try {
      const own = join(empty.path, 'own');
      const r = await paws([], pawsEnv(empty.path, { PAWS_HOME: own }), '(await ec2.zones()).length');
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, '6\n');
      assert.ok(existsSync(join(own, 'sandbox', 'sandbox.json')), 'state under PAWS_HOME');
      assert.ok(!existsSync(join(empty.path, '.paws', 'sandbox')), 'not under HOME');
      // A path paws cannot make a directory of (as root, permissions would not stop it).
      writeFileSync(join(empty.path, 'file'), '');
      const bad = await paws([], pawsEnv(empty.path, { PAWS_HOME: join(empty.path, 'file', 'paws') }), 'await ec2.zones()');
      assert.match(bad.stderr, /^SandboxFailed: the sandbox exited \(code 1\): ENOTDIR: [^\n]* — the sandbox keeps its state under PAWS_HOME \(else ~\/\.paws\): set PAWS_HOME to a directory you can write\n$/);
      assert.equal(bad.code, 1);
    } finally {
      empty.remove();
    }
  });
});

test('--timeout bounds a call to a slow endpoint', async (t) => {
  // Each answer takes 6 s: a run that ends well before that gave up on its own.
  const slow = await testSandbox({ latencyMs: 6000 });
  const home = tempDir();
  t.after(async () => {
    await slow.close();
    home.remove();
  });
  const r = await paws(['--endpoint', slow.endpoint, '--timeout', '0.3'], pawsEnv(home.path, sandboxEnv(slow)), 'await ec2.zones()');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^ETIMEDOUT: a request has exceeded the configured 300 ms requestTimeout\. — the endpoint did not answer in time; raise --timeout/);
  assert.ok(r.ms < 5000, `gave up after the timeout, not the 6 s answer (${r.ms} ms)`);
});
