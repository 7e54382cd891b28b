import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';
import { bootForTest, isolated, missingBwrap } from './support.js';

const fixture = fileURLToPath(new URL('./fixtures/shell-client.js', import.meta.url));

/** A pty running the fixture, with a way to wait for text on its screen. */
function terminal(env: Record<string, string>) {
  const term = pty.spawn(process.execPath, [fixture], { cols: 80, rows: 24, env: { ...process.env, TERM: 'xterm', ...env } as Record<string, string> });
  let screen = '';
  term.onData((d) => (screen += d));
  const exited = new Promise<number>((resolve) => term.onExit(({ exitCode }) => resolve(exitCode)));
  const waitFor = async (re: RegExp, from = 0): Promise<number> => {
    for (let i = 0; i < 200; i++) {
      const m = re.exec(screen.slice(from));
      if (m) return from + m.index + m[0].length;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}; screen:\n${screen}`);
  };
  return { term, waitFor, exited, screen: () => screen };
}

test('shell() drops into the instance terminal and gives it back', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.43.1');
  const target = { host: inst.host.address, port: inst.host.port, user: 'ec2-user', identityFile: inst.key.file, hostKeyPins: inst.pins() };
  const { term, waitFor, exited, screen } = terminal({ PAWS_TEST_TARGET: JSON.stringify({ target, options: isolated(inst.dir) }) });
  t.after(() => term.kill());

  let at = await waitFor(/\[ec2-user@ip-172-31-0-5 ~\]\$ $/);
  term.write('echo hi; stty size\r');
  at = await waitFor(/hi\r+\n24 80\r+\n/, at);
  term.resize(100, 30);
  await new Promise((r) => setTimeout(r, 100));
  term.write('stty size\r');
  at = await waitFor(/30 100\r+\n/, at);

  // Ctrl-C goes to the remote: it interrupts the remote sleep, not the local program.
  term.write('sleep 30\r');
  await new Promise((r) => setTimeout(r, 300));
  term.write('\x03');
  at = await waitFor(/\^C\r+\n.*\[ec2-user@ip-172-31-0-5 ~\]\$ $/, at);

  term.write('exit 7\r');
  at = await waitFor(/BACK exit=7 raw=false\r\n/, at);
  await waitFor(/(^|\s)icanon\b[\s\S]*(^|\s)echo\b/, at);
  const stty = screen().slice(at);
  assert.match(stty, /(^|\s)icanon\b/);
  assert.match(stty, /(^|\s)echo\b/);
  assert.match(screen(), /\x1b\[\?25h/, 'cursor shown again');
  term.write('cooked line\r');
  await waitFor(/GOT cooked line/, at);
  assert.equal(await exited, 0);
});

test('shell() returns and restores the terminal when the connection drops', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.43.2');
  const target = { host: inst.host.address, port: inst.host.port, user: 'ec2-user', identityFile: inst.key.file, hostKeyPins: inst.pins() };
  const { term, waitFor, exited } = terminal({ PAWS_TEST_TARGET: JSON.stringify({ target, options: isolated(inst.dir) }) });
  t.after(() => term.kill());

  let at = await waitFor(/\[ec2-user@ip-172-31-0-5 ~\]\$ $/);
  await inst.host.stop();
  at = await waitFor(/BACK exit=null raw=false\r\n/, at);
  await waitFor(/(^|\s)icanon\b[\s\S]*(^|\s)echo\b/, at);
  term.write('still here\r');
  await waitFor(/GOT still here/, at);
  assert.equal(await exited, 0);
});
