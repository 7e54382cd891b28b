/**
 * The REPL as a user meets it: the built CLI in a real pseudo-terminal, talking to a sandbox.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { pawsEnv, pawsInFreshHome, pawsOnSandbox, sandboxEnv, spawnPaws, tempDir, testSandbox, type PtySession } from '../helpers/index.js';

const PROMPT = 'paws> ';

/** Types a line and waits for the next prompt; returns what was printed in between. */
async function run(paws: PtySession, line: string, prompt = PROMPT): Promise<string> {
  const since = paws.output.length;
  paws.write(`${line}\r`);
  const tail = await paws.waitFor(new RegExp(`\\n${prompt.replace(/[.]/g, '\\.')}$`), { since });
  return tail.slice(tail.indexOf('\n') + 1, -prompt.length).trim();
}

describe('paws in a terminal, against the sandbox', () => {
  let sandbox: RunningSandbox;
  const home = tempDir();
  let paws: PtySession;

  before(async () => {
    sandbox = await testSandbox();
    paws = spawnPaws(['--endpoint', sandbox.endpoint], pawsEnv(home.path, sandboxEnv(sandbox)));
    await paws.waitFor(PROMPT);
  });
  after(async () => {
    await paws.kill();
    await sandbox.close();
    home.remove();
  });

  test('the banner names the account, region and endpoint once STS answers', async () => {
    const banner = await paws.waitFor(/paws: account [^]*?profile default\n/);
    assert.match(banner, /account \d{12} arn:aws:iam::\d{12}:\S+ · region us-east-1 · endpoint http:\/\/127\.0\.0\.1:\d+(?: · |\n {6})profile default\n/);
  });

  test("the book's quick test prints the zones", async () => {
    assert.equal(await run(paws, 'await ec2.zones()'), '[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f]');
  });

  test('.region re-points the service objects', async () => {
    assert.match(await run(paws, '.region eu-west-1'), /^region eu-west-1/);
    assert.equal(await run(paws, 'await ec2.zones()'), '[Zone:eu-west-1a, Zone:eu-west-1b, Zone:eu-west-1c]');
    await run(paws, '.region us-east-1');
  });

  test('a thrown error prints one line and the REPL stays alive', async () => {
    assert.equal(await run(paws, 'throw new Error("boom")'), 'Error: boom');
    const awsError = await run(paws, 'await ec2.describeAvailabilityZones({ZoneNames: ["nowhere-1z"]})');
    assert.match(awsError, /^[A-Za-z.]+: .+$/);
    assert.doesNotMatch(awsError, /\n|at /);
    assert.equal(await run(paws, '1 + 1'), '2');
  });

  test('TypeScript syntax is accepted, over several lines', async () => {
    assert.equal(await run(paws, 'function twice(n: number): number {', '... '), '');
    assert.equal(await run(paws, 'return n * 2 }'), '');
    assert.equal(await run(paws, 'twice(21 as number)'), '42');
  });

  test('secrets are masked, also nested in SDK-shaped values', async () => {
    const creds = await run(paws, 'await ec2.config.credentials()');
    assert.match(creds, /accessKeyId: '\w+'/);
    assert.match(creds, /secretAccessKey: \*\*\*\*/);
    assert.ok(!creds.includes(sandbox.credentials.secretAccessKey));
    const nested = await run(paws, '({AccessKey: {UserName: "bob", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG"}})');
    assert.match(nested, /SecretAccessKey: \*\*\*\*/);
    assert.ok(!nested.includes('wJalrXUtnFEMI'));
  });

  test('_ is the last value', async () => {
    await run(paws, 'await ec2.zones()');
    assert.equal(await run(paws, '_.length'), '6');
  });
});

describe('paws in a terminal: Ctrl-C, history, Ctrl-D', () => {
  test('Ctrl-C aborts a slow call and returns to the prompt', async (t) => {
    const { paws } = await pawsOnSandbox(t, { sandbox: { latencyMs: 4000 } });
    await run(paws, '.debug on'); // Shows that the HTTP request itself is abandoned.
    const since = paws.output.length;
    paws.write('await ec2.zones()\r');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = Date.now();
    paws.write('\x03');
    const tail = await paws.waitFor(new RegExp(`Interrupted.*\\n${PROMPT}$`), { since, timeoutMs: 5000 });
    assert.ok(Date.now() - started < 2000, 'back at the prompt at once');
    assert.match(tail, /Interrupted: the call was aborted/);
    await paws.waitFor(/← Interrupted: the call was aborted \(Ctrl-C\) \(\d+ ms\)/, { since });
    assert.equal(await run(paws, '"still here"'), "'still here'");
  });

  test('history is kept in PAWS_HISTORY across sessions; Ctrl-D exits', async (t) => {
    const home = tempDir();
    t.after(() => home.remove());
    const env = pawsEnv(home.path, { AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: 'http://127.0.0.1:9' });
    const first = spawnPaws([], env);
    await first.waitFor(PROMPT);
    // Nothing listens on port 9: the banner says so in one line, and the prompt stays usable.
    await first.waitFor(/paws: not connected — ECONNREFUSED: [^\n]+(?: · |\n {6})region us-east-1(?: · |\n {6})endpoint http:\/\/127\.0\.0\.1:9(?: · |\n {6})profile default\n/);
    await run(first, 'const remembered = 40 + 2');
    // Ctrl-D at once after a line (node writes history 15 ms after each): the line is kept too.
    first.write('const last = 1\r\x04');
    assert.equal(await first.exitCode(), 0);
    assert.match(readFileSync(join(home.path, '.paws_history'), 'utf8'), /^const last = 1\nconst remembered = 40 \+ 2/);

    const second = spawnPaws([], env);
    t.after(() => second.kill());
    await second.waitFor(PROMPT);
    second.write('\x1b[A'); // Up arrow recalls the last line, again the one before.
    await second.waitFor('const last = 1');
    second.write('\x1b[A');
    await second.waitFor('const remembered = 40 + 2');
  });

  test('on an 80-column terminal the banner breaks between its parts, never inside one', async (t) => {
    const { paws } = pawsInFreshHome(t, ['--sandbox'], { cols: 80 });
    const banner = await paws.waitFor(/paws: sandbox [^]*?endpoint \S+\n/);
    assert.match(banner, /paws: sandbox \(--sandbox; local, no AWS account involved\) · region us-east-1\n {6}endpoint http:\/\/127\.0\.0\.1:\d+\n/);
    // (The prompt the banner's line was printed over stays in this cursor-less copy of the screen.)
    const rows = /paws: sandbox [^]*?endpoint \S+\n/.exec(banner)![0].trimEnd().split('\n');
    for (const row of rows) assert.ok(row.length < 80, `fits: ${row}`);
  });

  test('--sandbox starts the embedded sandbox, says so, and stops it on exit', async (t) => {
    const { paws } = pawsInFreshHome(t, ['--sandbox']);
    await paws.waitFor(PROMPT);
    const banner = await paws.waitFor(/paws: sandbox .*\n/);
    const endpoint = /endpoint (http:\/\/127\.0\.0\.1:\d+)/.exec(banner)?.[1];
    assert.match(banner, /paws: sandbox \(--sandbox; local, no AWS account involved\) · region us-east-1 · endpoint http:\/\/127\.0\.0\.1:\d+\n/);
    assert.match(await run(paws, 'await ec2.zones()'), /^\[Zone:us-east-1a, /);
    paws.write('\x04');
    assert.equal(await paws.exitCode(), 0);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await assert.rejects(fetch(endpoint!), 'the sandbox is gone with paws');
  });
});
