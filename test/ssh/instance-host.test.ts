import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ssh } from '../../src/ssh/index.js';
import { bootForTest, isolated, keyPair, missingBwrap } from './support.js';

const run = promisify(execFile);
const HELLO = '#!/bin/sh\necho "Hello World.  The time is now $(date -R)!" | tee /root/output.txt\n';

test('a sandbox instance host', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.41.1', { userData: HELLO });
  const root = join(inst.dir, 'instance', 'root-fs');
  const target = { host: inst.host.address, port: inst.host.port, user: 'ec2-user', identityFile: inst.key.file, hostKeyPins: inst.pins() };

  await t.test('prints its host keys on the console as cloud-init does', () => {
    assert.match(inst.console(), /-----BEGIN SSH HOST KEY FINGERPRINTS-----\nec2: 256 SHA256:\S+ root@ip-172-31-0-5 \(ED25519\)\nec2: 3072 SHA256:\S+ root@ip-172-31-0-5 \(RSA\)\n/);
    assert.match(inst.console(), /-----BEGIN SSH HOST KEY KEYS-----\nssh-ed25519 AAAA\S+ root@ip-172-31-0-5\nssh-rsa AAAA/);
  });

  await t.test('runs the user-data Hello World script once at first boot', async () => {
    await inst.host.userDataDone;
    assert.match(inst.console(), /^Hello World\. {2}The time is now .+!$/m);
    assert.match(readFileSync(join(root, 'root', 'output.txt'), 'utf8'), /^Hello World/);
  });

  await t.test('lets ssh2 in with the instance key; commands run isolated in the instance root', async () => {
    const conn = await ssh(target, isolated(inst.dir));
    t.after(() => conn.close());
    assert.deepEqual(await conn.run('echo hi; pwd'), { stdout: 'hi\n/home/ec2-user\n', stderr: '', exitCode: 0 });
    assert.equal((await conn.run('echo x > /root/f; hostname')).stdout, 'ip-172-31-0-5\n');
    assert.equal(readFileSync(join(root, 'root', 'f'), 'utf8'), 'x\n');
    assert.equal(existsSync('/root/f') && readFileSync('/root/f', 'utf8') === 'x\n', false);
    assert.equal((await conn.run('ls /etc/ssh/ssh_host_ed25519_key && cat /etc/hostname')).stdout, '/etc/ssh/ssh_host_ed25519_key\nip-172-31-0-5\n');
  });

  await t.test("lets OpenSSH's ssh in with the saved key and the pinned host key", async () => {
    const knownHosts = join(inst.dir, 'openssh_known_hosts');
    const hostKey = inst.pins().find((p) => p.startsWith('ssh-ed25519'))!;
    writeFileSync(knownHosts, `${inst.host.port === 22 ? inst.host.address : `[${inst.host.address}]:${inst.host.port}`} ${hostKey}\n`);
    const { stdout } = await run('ssh', ['-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-o', 'StrictHostKeyChecking=yes', '-F', '/dev/null',
      '-i', inst.key.file, '-p', String(inst.host.port), `ec2-user@${inst.host.address}`, 'echo hi; pwd']);
    assert.equal(stdout, 'hi\n/home/ec2-user\n');
  });

  await t.test('refuses other keys and other users', async () => {
    const other = keyPair(inst.dir, 'other');
    await assert.rejects(ssh({ ...target, identityFile: other.file }, isolated(inst.dir)), { name: 'AuthFailed' });
    await assert.rejects(ssh({ ...target, user: 'root' }, isolated(inst.dir)), { name: 'AuthFailed' });
  });

  await t.test('stop() ends sessions and closes the port', async () => {
    const conn = await ssh(target, isolated(inst.dir));
    const closed = once(conn.client, 'close');
    await inst.host.stop();
    await closed;
    await assert.rejects(ssh(target, isolated(inst.dir)), { name: 'ConnectFailed' });
  });
});

test('an instance that cannot have port 22 publishes its port in an ssh_config fragment', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.41.2', { port: 0 });
  assert.notEqual(inst.host.port, 22);
  const fragment = join(inst.dir, 'ssh_config.d', 'i-0123456789abcdef0.conf');
  assert.match(readFileSync(fragment, 'utf8'), new RegExp(`Host 127\\.0\\.41\\.2 i-0123456789abcdef0\\n  HostName 127\\.0\\.41\\.2\\n  Port ${inst.host.port}\\n`));
  // paws's client finds the port there...
  const conn = await ssh({ host: '127.0.41.2', identityFile: inst.key.file, hostKeyPins: inst.pins() }, { ...isolated(inst.dir), configFiles: [fragment] });
  assert.equal((await conn.run('echo $USER')).stdout, 'ec2-user\n');
  conn.close();
  // ...and so does OpenSSH, even by instance id.
  const knownHosts = join(inst.dir, 'openssh_known_hosts');
  writeFileSync(knownHosts, `[127.0.41.2]:${inst.host.port} ${inst.pins().find((p) => p.startsWith('ssh-ed25519'))}\n`);
  const { stdout } = await run('ssh', ['-F', fragment, '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-i', inst.key.file, 'i-0123456789abcdef0', 'echo ok']);
  assert.equal(stdout, 'ok\n');
  await inst.host.stop();
  assert.equal(existsSync(fragment), false);
});
