/**
 * Bad input says what went wrong and what to do, in one line (issue 14): a table of inputs at the
 * prompt (in a pseudo-terminal) and of command lines, each with the one line it must print.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { PAWS_BIN, pawsEnv, pawsOnSandbox, spawnPaws, tempDir, testSandbox } from '../helpers/index.js';
import { runPaws } from '../workflows/support.js';
import { typeLine } from './pty-prompt.js';

const PROMISE_HINT = 'a Promise: put await before the call (const x = await …) to get its result';

const AT_THE_PROMPT: [string, string | RegExp][] = [
  ["await ec2.describeInstances({InstanceIds: 'i-123'})", "ParamValidation: DescribeInstances: InstanceIds takes a list of strings, not the string 'i-123' — put it in a list: InstanceIds: ['i-123']"],
  ["await ec2.describeInstances({InstanceId: ['i-123']})", /^ParamValidation: DescribeInstances: InstanceId is not a member of DescribeInstancesRequest — did you mean InstanceIds\? \(members: InstanceIds, .*\)$/],
  ["await ec2.describeInstances({Filters: [{Name: 'tag:Name', Values: 'web'}]})", "ParamValidation: DescribeInstances: Filters[0].Values takes a list of strings, not the string 'web' — put it in a list: Filters[0].Values: ['web']"],
  ['await iam.createUser({})', 'ParamValidation: CreateUser: UserName is required (a string)'],
  ["await cw.putMetricData({Namespace: 'PAWS', MetricData: [{MetricName: 'X', Value: 'ten'}]})", "ParamValidation: PutMetricData: MetricData[0].Value takes a number, not the string 'ten'"],
  ["await cw.put('PAWS', 'X', 'ten')", "InvalidArgument: cw.put(namespace, name, value): value takes a number, not the string 'ten'"],
  ["await ec2.volumes('vol-123')", "InvalidArgument: filters are an object, not 'vol-123' — e.g. {'volume-id': 'vol-123'} or {tag: 'paws'}"],
  ['await sns.topic()', /^InvalidArgument: expected a topic .* but got undefined/],
  ['ec2.zones()', `Promise { <pending> } — ${PROMISE_HINT}`],
  ['const pending = ec2.zones(); pending.map(String)', `TypeError: pending.map is not a function — pending is ${PROMISE_HINT}`],
  ['await findAllRunningInstances()', 'No running instances were found\n{ main: {} }'], // no Node warning among them
];

test('bad input at the prompt: each prints its one line', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  for (const [input, expected] of AT_THE_PROMPT) {
    const printed = await typeLine(paws, input);
    if (typeof expected === 'string') assert.equal(printed, expected, input);
    else assert.match(printed, expected, input);
  }
});

test('an error thrown later in a callback prints its line; the prompt and a pending evaluation go on', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  // A timer's error after its evaluation ended: node would end the process.
  assert.equal(await typeLine(paws, "setTimeout(() => { throw new Error('stray') }, 100); 'set'"), "'set'");
  await paws.waitFor(/Error: stray\r?\n/);
  assert.equal(await typeLine(paws, '1 + 1'), '2');
  // A promise left rejected says so once, and nothing else is lost.
  let since = paws.output.length;
  paws.write("void Promise.reject(new Error('left rejected')); 'after'\r");
  await paws.waitFor(/'after'\n(paws> )?Error: left rejected\npaws> $/, { since });
  // A rejected Promise printed as the result is not reported again.
  since = paws.output.length;
  assert.match(await typeLine(paws, "Promise.reject(new Error('shown once'))"), /^Promise \{ <rejected> Error: shown once \} — a Promise: put await/);
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.equal(await typeLine(paws, '3 + 3'), '6');
  assert.equal(paws.output.slice(since).split('shown once').length - 1, 2, 'the input and its result name it; nothing after');
  // While an evaluation waits, a callback's error prints and the wait goes on: the line typed
  // meanwhile runs only once Ctrl-C has ended it, after the interruption's own line.
  since = paws.output.length;
  paws.write("await new Promise((resolve) => setTimeout(() => { throw new Error('in a callback') }, 100))\r");
  await paws.waitFor(/Error: in a callback\r?\n/, { since });
  paws.write('2 + 2\r');
  await new Promise((resolve) => setTimeout(resolve, 300));
  assert.doesNotMatch(paws.output.slice(since), /\n4\r?\n/, 'the pending evaluation still holds the prompt');
  since = paws.output.length;
  paws.write('\x03');
  const after = await paws.waitFor(/\n4\r?\npaws> $/, { since });
  assert.match(after, /Interrupted[^\n]*\r?\n(paws> )?2 \+ 2\r?\n4\r?\npaws> $/);
});

describe('bad command lines and endpoints', () => {
  let sandbox: RunningSandbox;
  let notAws: Server;
  let silent: Server;
  const home = tempDir();
  const port = (server: Server) => (server.address() as AddressInfo).port;

  before(async () => {
    sandbox = await testSandbox();
    notAws = createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(404, { 'content-type': 'text/html' }).end('<html><head><title>Not Found</title></head><body><h1>Not Found<br></body></html>'));
    });
    silent = createServer(() => {});
    await Promise.all([notAws, silent].map((s) => new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve))));
    writeFileSync(join(home.path, 'broken.ts'), 'const a = 1;\nconst x = };\n');
  });
  after(async () => {
    silent.closeAllConnections();
    await Promise.all([notAws, silent].map((s) => new Promise((resolve) => s.close(resolve))));
    await sandbox.close();
    home.remove();
  });

  const cases: [string, () => string[], RegExp][] = [
    ['--region bogus', () => ['--region', 'bogus'], /^Usage: --region takes a region name such as eu-west-1, not bogus \(paws --help\)\n$/],
    ['--profile nosuch', () => ['--profile', 'nosuch'], /^ProfileNotFound: no profile nosuch in ~\/\.aws\/config or ~\/\.aws\/credentials — profiles: default, dev\n$/],
    ['a web server', () => ['--endpoint', `http://127.0.0.1:${port(notAws)}`], /^NotAws: HTTP 404 from http:\/\/127\.0\.0\.1:\d+: Not Found — not an AWS endpoint; check --endpoint \/ AWS_ENDPOINT_URL\n$/],
    ['no such host', () => ['--endpoint', 'http://nosuch.invalid'], /^(ENOTFOUND|EAI_AGAIN): .*nosuch\.invalid — the endpoint cannot be resolved .*; try --sandbox, or --endpoint URL \(gave up after 3 attempts\)\n$/],
    ['no answer in --timeout', () => ['--endpoint', `http://127.0.0.1:${port(silent)}`, '--timeout', '0.3'], /^ETIMEDOUT: .* — the endpoint did not answer in time; .* \(gave up after 3 attempts\)\n$/],
    ['a syntax error', () => ['run', join(home.path, 'broken.ts')], /^SyntaxError: Unexpected "}" \(at \/.*\/broken\.ts:2:11\)\n$/],
    ['a missing file', () => ['run', join(home.path, 'nosuch.ts')], /^ENOENT: no such file or directory, open '\/.*\/nosuch\.ts'\n$/],
    ['sandbox after an option', () => ['--debug', 'sandbox'], /^Usage: sandbox comes first, its options after it: paws sandbox \[--port N\] \[--state DIR\] … \(paws --help\)\n$/],
    ['a value starting with a dash', () => ['--region', '-1'], /^Usage: --region needs a value; one starting with '-' is written --region=-… \(paws --help\)\n$/],
  ];
  for (const [name, args, expected] of cases) {
    test(`${name}: one line on stderr`, async () => {
      mkdirSync(join(home.path, '.aws'), { recursive: true });
      writeFileSync(join(home.path, '.aws', 'config'), '[default]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n');
      const r = await runPaws(args(), sandbox, home.path, undefined, 'await ec2.zones()');
      assert.match(r.stderr, expected);
      assert.notEqual(r.code, 0);
    });
  }
});

/** `paws ARGS` as typed in a shell, in a fresh HOME: its exit code and what it printed. */
function pawsCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = tempDir();
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [PAWS_BIN, ...args], { env: pawsEnv(home.path, {}), timeout: 30_000 }, (error, stdout, stderr) => {
      home.remove();
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

test('paws sandbox: --help lists its options within 80 columns; a bad option is one line naming it', async () => {
  const help = await pawsCommand(['sandbox', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage: paws sandbox \[options\]\n/);
  for (const option of ['--port', '--host', '--state', '--latency', '--time-scale', '--accounts', '--reset', '--json', '--verbose']) assert.match(help.stdout, new RegExp(`^  ${option} `, 'm'));
  for (const line of help.stdout.split('\n')) assert.ok(line.length <= 80, `wider than 80: ${line}`);
  const cases: [string[], string][] = [
    [['--port', 'abc'], '--port takes a port number from 0 to 65535, not abc'],
    [['--time-scale=0'], '--time-scale takes a factor above 0, not 0'],
    [['--time-scale', '-1'], "--time-scale needs a value; one starting with '-' is written --time-scale=-…"],
    [['--accounts', '11'], '--accounts takes a number of accounts from 1 to 10, not 11'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['outbox', '--last', 'x'], '--last takes a number of e-mails, not x'],
  ];
  for (const [args, message] of cases) {
    const r = await pawsCommand(['sandbox', ...args]);
    assert.equal(r.stderr, `Usage: ${message} (paws sandbox --help)\n`, args.join(' '));
    assert.equal(r.code, 1);
  }
});

test('an endpoint that never answers: the banner says so and what to try, not Ctrl-C', async (t) => {
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const home = tempDir();
  t.after(async () => {
    silent.closeAllConnections();
    await new Promise((resolve) => silent.close(resolve));
    home.remove();
  });
  const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
  const paws = spawnPaws(['--endpoint', endpoint], pawsEnv(home.path, { AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE', AWS_SECRET_ACCESS_KEY: 'not-a-real-secret-key' }));
  t.after(() => paws.kill());
  const banner = await paws.waitFor(/paws: not connected .*\n.*profile default\n/, { timeoutMs: 25_000 });
  assert.match(banner, /paws: not connected — STS did not answer in 15 s \(no network\?\) — try --sandbox, or --endpoint URL(?: · |\n {6})region us-east-1(?: · |\n {6})endpoint http:\/\/127\.0\.0\.1:\d+(?: · |\n {6})profile default\n/);
  assert.doesNotMatch(banner, /Interrupted|Ctrl-C/);
});
