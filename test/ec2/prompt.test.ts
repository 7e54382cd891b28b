/** Example 2-2 and 2-3 typed at the paws prompt, in a real pseudo-terminal, against the sandbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pawsEnv, sandboxEnv, spawnPaws, tempDir, testSandbox } from '../helpers/index.js';

test('launchInstance at the prompt: one updating progress line, then the instance found by its tag', async (t) => {
  const home = tempDir();
  const sandbox = await testSandbox();
  t.after(async () => {
    await sandbox.close();
    home.remove();
  });
  const paws = spawnPaws(['--endpoint', sandbox.endpoint], pawsEnv(home.path, { ...sandboxEnv(sandbox), PAWS_HOME: join(home.path, '.paws') }));
  t.after(() => paws.kill());
  await paws.waitFor('paws> ');
  let mark = paws.output.length;
  paws.write('ec2.pollSeconds = 0.05\r');
  await paws.waitFor('0.05', { since: mark });
  mark = paws.output.length;
  paws.write(`const { instance } = await launchInstance({ keyDir: '${join(home.path, 'ssh')}', cmdShell: false })\r`);
  const launched = await paws.waitFor(/running: done \(\d+s\)\n[\s\S]*paws> $/, { since: mark, timeoutMs: 20_000 });
  assert.match(launched, /Creating keypair: paws\n/);
  assert.match(launched, /Creating Security Group: paws\n/);
  assert.match(launched, /waiting for instance\n/);
  // On a terminal the wait is one line rewritten in place, not a line per poll.
  assert.equal(launched.match(/running: done/g)?.length, 1);
  mark = paws.output.length;
  paws.write("(await ec2.reservations({ paws: null }))[0].instances[0].id === instance.id\r");
  await paws.waitFor(/true\n/, { since: mark });
  mark = paws.output.length;
  paws.write("await ec2.instances({ tag: 'paws' })\r");
  await paws.waitFor(/\[Instance:i-[0-9a-f]{17}\]\n/, { since: mark });
  mark = paws.output.length;
  paws.write("await ec2.instance('i-00000000000000000')\r");
  await paws.waitFor("InvalidInstanceID.NotFound: The instance ID 'i-00000000000000000' does not exist\n", { since: mark });
});
