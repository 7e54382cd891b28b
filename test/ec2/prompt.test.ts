/** Example 2-2 and 2-3 typed at the paws prompt, in a real pseudo-terminal, against the sandbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pawsOnSandbox, type PtySession } from '../helpers/index.js';

test('launchInstance at the prompt: one updating progress line, then the instance found by its tag', async (t) => {
  const { paws, home } = await pawsOnSandbox(t);
  let mark = paws.output.length;
  paws.write('ec2.pollSeconds = 0.05\r');
  await paws.waitFor('0.05', { since: mark });
  mark = paws.output.length;
  paws.write(`const { instance } = await launchInstance({ keyDir: '${join(home, 'ssh')}', cmdShell: false })\r`);
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

/** Launches `instance` at the prompt (launchInstance's `options`, as JavaScript) and opens its shell, at the login prompt. */
async function shellInNewInstance(paws: PtySession, options: string): Promise<void> {
  paws.write('ec2.pollSeconds = 0.05\r');
  let mark = paws.output.length;
  paws.write(`const { instance } = await launchInstance(${options})\r`);
  await paws.waitFor(/running: done \(\d+s\)\n[\s\S]*paws> $/, { since: mark, timeoutMs: 20_000 });
  mark = paws.output.length;
  paws.write('await shell(instance)\r');
  await paws.waitFor(/\[ec2-user@ip-[\d-]+ ~\]\$ $/, { since: mark, timeoutMs: 30_000 });
}

test('Example 2-2 with SSH: shell(instance) drops into the instance and gives the same prompt back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  await shellInNewInstance(paws, '{ cmdShell: false }');
  let mark = paws.output.length;
  paws.write('echo hi; pwd; stty size\r');
  await paws.waitFor(/\nhi\n\/home\/ec2-user\n40 120\n/, { since: mark });
  paws.resize(100, 30);
  await new Promise((r) => setTimeout(r, 200));
  mark = paws.output.length;
  paws.write('stty size\r');
  await paws.waitFor(/\n30 100\n/, { since: mark });
  mark = paws.output.length;
  paws.write('exit\r');
  await paws.waitFor(/paws> $/, { since: mark });

  // The same session: variables kept, line editing and history working.
  mark = paws.output.length;
  paws.write('instance.id\r');
  const id = /'(i-[0-9a-f]{17})'/.exec(await paws.waitFor(/'i-[0-9a-f]{17}'\n/, { since: mark }))![1];
  mark = paws.output.length;
  paws.write('\x1b[A');
  await paws.waitFor('instance.id', { since: mark });

  // The same terminal through the dot-command, by instance id.
  paws.write('\x15');
  mark = paws.output.length;
  paws.write(`.shell ${id}\r`);
  await paws.waitFor(/\[ec2-user@ip-[\d-]+ ~\]\$ $/, { since: mark, timeoutMs: 30_000 });
  mark = paws.output.length;
  paws.write('hostname; exit\r');
  await paws.waitFor(/\nip-[\d-]+\n[\s\S]*paws> $/, { since: mark });
});

test("Example 2-19: user data writes /root/output.txt as root; in the shell, `sudo su` reaches it and exit comes back to ec2-user", async (t) => {
  const { paws } = await pawsOnSandbox(t);
  const script = '#!/bin/sh\necho "Hello World.  The time is now $(date -R)!" | tee /root/output.txt\n';
  await shellInNewInstance(paws, `{ userData: ${JSON.stringify(script)}, cmdShell: false }`);
  let mark = paws.output.length;
  paws.write('ls /root; sudo su\r');
  // Without sudo the login user cannot list /root on Amazon Linux; here every session is root, so only the prompt tells.
  await paws.waitFor(/\[root@ip-[\d-]+ ec2-user\]# $/, { since: mark });
  mark = paws.output.length;
  paws.write('cd /root; until [ -s output.txt ]; do sleep 0.1; done; ls; cat output.txt; echo "$USER $HOME"\r');
  await paws.waitFor(/\noutput\.txt\nHello World\.  The time is now \w{3}, \d+ \w{3} \d{4} [\d:]{8} \+0000!\nroot \/root\n\[root@ip-[\d-]+ ~\]# $/, { since: mark, timeoutMs: 20_000 });
  mark = paws.output.length;
  paws.write('exit\r');
  await paws.waitFor(/\[ec2-user@ip-[\d-]+ ~\]\$ $/, { since: mark });
  mark = paws.output.length;
  paws.write('sudo -u nobody true; sudo -i pwd; sudo sh -c \'echo "$USER $SUDO_USER"\'; su - -c pwd; exit\r');
  await paws.waitFor(/\nsudo: user nobody does not exist\n\/root\nroot ec2-user\n\/root\n[\s\S]*paws> $/, { since: mark });
});
