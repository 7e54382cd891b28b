import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';
import { pawsEnv, pawsOnSandbox, spawnPaws, type PtySession } from '../helpers/index.js';
import { bootForTest, freePort, isolated, missingBwrap } from './support.js';

const PROMPT = /paws> (\x1b\[\d+G)?$/;
const paws = fileURLToPath(new URL('../../../bin/paws.js', import.meta.url));

test('at the paws prompt: shell() into an instance, exit, same variables, history works', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.44.1');
  const target = { host: inst.host.address, port: inst.host.port, user: 'ec2-user', identityFile: inst.key.file, hostKeyPins: inst.pins(), name: 'i-0123456789abcdef0' };
  const env = {
    ...process.env, TERM: 'xterm', HOME: inst.dir, PAWS_HOME: join(inst.dir, '.paws'), PAWS_HISTORY: join(inst.dir, 'history'),
    AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', AWS_REGION: 'us-east-1',
  } as Record<string, string>;
  const term = pty.spawn(process.execPath, [paws, '--endpoint', 'http://127.0.0.1:9'], { cols: 100, rows: 30, env });
  t.after(() => term.kill());
  let screen = '';
  term.onData((d) => (screen += d));
  const waitFor = async (re: RegExp, from: number): Promise<number> => {
    for (let i = 0; i < 400; i++) {
      const m = re.exec(screen.slice(from));
      if (m) return from + m.index + m[0].length;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}; screen:\n${screen.slice(from)}`);
  };

  // The banner (connection status) arrives after the first prompt and redraws it.
  let at = await waitFor(/profile \S+\r?\n/, 0);
  at = await waitFor(PROMPT, at);
  term.write('const answer = 41\r');
  at = await waitFor(PROMPT, at);
  term.write(`await shell(${JSON.stringify(target)}, ${JSON.stringify(isolated(inst.dir))})\r`);
  at = await waitFor(/\[ec2-user@ip-172-31-0-5 ~\]\$ $/, at);
  term.write('echo hi; pwd\r');
  at = await waitFor(/hi\r+\n\/home\/ec2-user\r+\n/, at);
  term.write('exit\r');
  at = await waitFor(PROMPT, at);
  term.write('answer + 1\r');
  at = await waitFor(/42(\x1b\[39m)?\r*\n/, at);
  await waitFor(PROMPT, at);
  term.write('\x1b[A'); // arrow up: the last line comes back
  at = await waitFor(/answer \+ 1/, at);
  term.write('\x15.exit\r');
});

/** Types a line and waits for the next prompt; returns what was printed in between. */
async function typed(paws: PtySession, line: string): Promise<string> {
  const since = paws.output.length;
  paws.write(`${line}\r`);
  // The prompt starts a line; output has no cursor, so a live line the terminal erased (SSH's retry countdown) stays before it.
  return paws.waitFor(/(\n|\(Ctrl-C stops\))paws> $/, { since, timeoutMs: 30_000 });
}

test("conn.shell() on launchInstance()'s connection gives the prompt back whole: one echo, Tab, history", { skip: missingBwrap }, async (t) => {
  const { paws } = await pawsOnSandbox(t);
  assert.match(await typed(paws, 'const r = await launchInstance()'), /Instance:i-\w+ running: done \(\d+s\)\n/);
  // The result stands for its instance where one goes.
  assert.match(await typed(paws, "(await run(r, 'echo ran on $(hostname)')).stdout"), /\nran on ip-[\d-]+\n/);
  // The book's `cmdshell.shell()`: not awaited, so node's REPL has raw mode off when it starts.
  for (const call of ['r.ssh.shell()', 'await r.ssh.shell()']) {
    const since = paws.output.length;
    paws.write(`${call}\r`);
    await paws.waitFor(/\$ $/, { since });
    paws.write('exit\r');
    await paws.waitFor(/logout\n(0\n)?paws> $/, { since });

    const echo = paws.output.length;
    assert.match(await typed(paws, '7 * 6'), /42\n/);
    assert.equal(paws.output.slice(echo).split('7 * 6').length - 1, 1, `the line is echoed once:\n${paws.output.slice(echo)}`);
    const tab = paws.output.length;
    paws.write('r.ins\t');
    await paws.waitFor('r.instance', { since: tab });
    paws.write('\x15\x1b[A'); // Ctrl-U, then Up recalls the last line
    await paws.waitFor('7 * 6', { since: tab });
    paws.write('\x15');
  }
  // Ctrl-C of run() stops the remote command, not only the wait for it, and shows what it had printed.
  const since = paws.output.length;
  paws.write("await run(r, 'for n in $(seq 50); do echo tick $n; echo $n >> ticks; sleep 0.1; done')\r");
  await new Promise((resolve) => setTimeout(resolve, 1000));
  paws.write('\x03');
  await paws.waitFor(/\ntick 1\n(tick \d+\n)*Interrupted: the call was aborted \(Ctrl-C\)\npaws> $/, { since });
  // Long enough for all 50 ticks had it gone on.
  const ticks = await typed(paws, "await new Promise((resolve) => setTimeout(resolve, 5500)); Number((await run(r, 'wc -l < ticks')).stdout)");
  const count = Number(/\n(\d+)\n/.exec(ticks)?.[1]);
  assert.ok(count > 0 && count < 50, `ticks after Ctrl-C: ${ticks}`);
});

test('keys typed while shell() connects go to the remote shell, not to the prompt afterwards', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.44.2');
  // The instance answers only once the test opens this port: until then paws retries, visibly.
  const port = await freePort();
  const relay = createServer((socket) => {
    const upstream = connect(inst.host.port, inst.host.address);
    socket.pipe(upstream).pipe(socket);
    for (const s of [socket, upstream]) s.on('error', () => socket.destroy());
  });
  t.after(() => relay.close());
  const target = { host: '127.0.0.1', port, user: 'ec2-user', identityFile: inst.key.file, hostKeyPins: inst.pins(), name: 'i-0123456789abcdef0' };
  const options = { ...isolated(inst.dir), retryFor: 60_000, retryEvery: 300 };
  const paws = spawnPaws(['--endpoint', 'http://127.0.0.1:9'], pawsEnv(inst.dir, { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'example', AWS_REGION: 'us-east-1' }));
  t.after(() => paws.kill());
  await paws.waitFor('paws> ');
  const since = paws.output.length;
  paws.write(`await shell(${JSON.stringify(target)}, ${JSON.stringify(options)})\r`);
  await paws.waitFor('retrying in', { since });
  paws.write('echo typed-$((6 * 7))\r');
  await new Promise<void>((resolve) => relay.listen(port, '127.0.0.1', resolve));
  await paws.waitFor('typed-42', { since });
  paws.write('exit\r');
  await paws.waitFor(/logout\npaws> $/, { since });
  assert.match(await typed(paws, '1 + 1'), /\n2\n/);
  assert.doesNotMatch(paws.output.slice(since), /ReferenceError|SyntaxError/);
});
