import { test } from 'node:test';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pty from 'node-pty';
import { bootForTest, isolated, missingBwrap } from './support.js';

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
