import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { hostKeyPinsFromConsole, ssh, type SshConnection, type SshTarget } from '../../src/ssh/index.js';
import { createWriter } from '../../src/repl/writer.js';
import { bootForTest, freePort, isolated, keyPair, missingBwrap, missingSshd, startSshd, tempDir } from './support.js';

test('run, put and get against a real OpenSSH sshd', { skip: missingSshd }, async (t) => {
  const dir = tempDir(t);
  const key = keyPair(dir);
  const sshd = await startSshd(t, dir, key.publicKey);
  const target: SshTarget = { host: '127.0.0.1', port: sshd.port, user: 'root', identityFile: key.file };
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);

  const conn = await ssh(target, isolated(dir));
  t.after(() => conn.close());
  assert.deepEqual(await conn.run('echo out; echo err >&2; exit 3'), { stdout: 'out\n', stderr: 'err\n', exitCode: 3 });
  // At the prompt a result prints as what the command printed and its exit status, not as strings full of \n.
  assert.equal(createWriter()(await conn.run('printf "line 1\\nline 2\\n"; echo oops >&2; exit 3')), 'line 1\nline 2\noops\n(exit 3)');
  assert.equal(createWriter()(await conn.run('true')), '(exit 0)');
  assert.equal((await conn.run('cat', { stdin: 'piped' })).stdout, 'piped');
  // Megabytes of ASCII, then of two-byte characters, then ASCII again: output decoded as it comes
  // keeps characters split between packets whole.
  const wide = await conn.run('head -c 3000000 /dev/zero | tr "\\0" x; yes é | head -n 1000000; head -c 2000000 /dev/zero | tr "\\0" y; yes ü | head -n 1000 >&2');
  assert.ok(wide.stdout === 'x'.repeat(3e6) + 'é\n'.repeat(1e6) + 'y'.repeat(2e6), 'multi-byte output intact');
  assert.equal(wide.stderr, 'ü\n'.repeat(1000));
  // A byte that cannot be UTF-8 at the end of a megabyte stays where it was, as Buffer.toString puts it.
  const cut = await conn.run("head -c 1048575 /dev/zero | tr '\\0' a; printf '\\303b'");
  assert.ok(cut.stdout === `${'a'.repeat(1048575)}\ufffdb`, 'invalid byte in place');

  const live = { stdout: new PassThrough(), stderr: new PassThrough() };
  await conn.run('echo streamed', { stream: live });
  assert.equal(live.stdout.read().toString(), 'streamed\n');

  writeFileSync(join(dir, 'up.txt'), 'payload\n');
  await conn.put(join(dir, 'up.txt'), join(dir, 'remote.txt'));
  assert.equal(readFileSync(join(dir, 'remote.txt'), 'utf8'), 'payload\n');
  await conn.get(join(dir, 'remote.txt'), join(dir, 'down.txt'));
  assert.equal(readFileSync(join(dir, 'down.txt'), 'utf8'), 'payload\n');
  await assert.rejects(conn.get('/no/such/file', join(dir, 'x')), { name: 'TransferFailed' });
});

/**
 * Starts a command that ticks into `file` 30 times, 0.1 s apart, aborts the run once it has
 * started, and returns how many ticks there are once the command would have ended by itself:
 * what Ctrl-C of run() at the prompt does to the remote command.
 */
async function interruptedRun(conn: SshConnection, file: string): Promise<number> {
  const live = { stdout: new PassThrough(), stderr: new PassThrough() };
  const stop = new AbortController();
  const run = conn.run(`for i in $(seq 30); do echo $i >> ${file}; [ $i = 1 ] && echo started; sleep 0.1; done`, { stream: live, signal: stop.signal });
  await new Promise((resolve) => live.stdout.once('data', resolve));
  stop.abort();
  // Rejected, not resolved when the command ends by itself.
  await assert.rejects(run, { name: 'AbortError' });
  await new Promise((resolve) => setTimeout(resolve, 3500));
  return Number((await conn.run(`wc -l < ${file}`)).stdout);
}

test('an aborted run rejects at once; on OpenSSH a root login\'s command runs on (sshd refuses its SIGINT without privilege separation and does not hang up a command without a terminal)', { skip: missingSshd }, async (t) => {
  const dir = tempDir(t);
  const key = keyPair(dir);
  const sshd = await startSshd(t, dir, key.publicKey);
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
  const conn = await ssh({ host: '127.0.0.1', port: sshd.port, user: 'root', identityFile: key.file }, isolated(dir));
  t.after(() => conn.close());
  await interruptedRun(conn, join(dir, 'ticks.txt'));
  // An aborted signal stops a run before it starts.
  await assert.rejects(conn.run('echo never', { signal: AbortSignal.abort() }), { name: 'AbortError' });
});

test('host keys: a changed key is refused, an unknown one without pins too', { skip: missingSshd }, async (t) => {
  const dir = tempDir(t);
  const key = keyPair(dir);
  const sshd = await startSshd(t, dir, key.publicKey);
  const target: SshTarget = { host: '127.0.0.1', port: sshd.port, user: 'root', identityFile: key.file };

  await assert.rejects(ssh(target, isolated(dir)), (e: Error) => {
    assert.equal(e.name, 'HostKeyUnknown');
    assert.match(e.message, /^\[127\.0\.0\.1\]:\d+ is not in known_hosts .* pass \{hostKeyPins: \['SHA256:/);
    return true;
  });
  const impostor = keyPair(dir, 'impostor').publicKey.split(' ').slice(0, 2).join(' ');
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${impostor}\n`);
  await assert.rejects(ssh(target, isolated(dir)), (e: Error) => {
    assert.equal(e.name, 'HostKeyMismatch');
    assert.match(e.message, /not the key recorded in .*known_hosts:1; if the host was really rebuilt, run `ssh-keygen -R '\[127\.0\.0\.1\]:\d+'/);
    return true;
  });
  // A console pin does not override a recorded key.
  await assert.rejects(ssh({ ...target, hostKeyPins: [sshd.hostKeyLine] }, isolated(dir)), { name: 'HostKeyMismatch' });
});

test('a sandbox instance: pinned from its console on first connect, then known', { skip: missingBwrap }, async (t) => {
  const inst = await bootForTest(t, '127.0.42.1');
  const opts = isolated(inst.dir);
  const target: SshTarget = { host: inst.host.address, port: inst.host.port, user: 'ec2-user', identityFile: inst.key.file, name: 'i-0123456789abcdef0' };

  await assert.rejects(ssh({ ...target, hostKeyPins: hostKeyPinsFromConsole('ec2: -----BEGIN SSH HOST KEY FINGERPRINTS-----\nec2: 256 SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA root@x (ED25519)\nec2: -----END SSH HOST KEY FINGERPRINTS-----\n') }, opts), (e: Error) => {
    assert.equal(e.name, 'HostKeyMismatch');
    assert.match(e.message, /^i-0123456789abcdef0 \(.+\) presented SHA256:\S+, which is not among the fingerprints in its console output/);
    return true;
  });

  // Fingerprints alone are enough to pin.
  const fingerprints = inst.pins().filter((p) => p.startsWith('SHA256:'));
  const conn = await ssh({ ...target, hostKeyPins: fingerprints }, opts);
  assert.deepEqual(await conn.run('echo oops >&2; false'), { stdout: '', stderr: 'oops\n', exitCode: 1 });
  conn.close();
  const recorded = readFileSync(opts.pawsKnownHosts, 'utf8');
  assert.match(recorded, /^\|1\|\S+\|\S+ ssh-ed25519 AAAA\S+\n$/);
  assert.ok(!recorded.includes(inst.host.address), 'the recorded entry is hashed');

  // Now known: no pins needed.
  const again = await ssh(target, opts);
  assert.equal((await again.run('echo again')).stdout, 'again\n');
  writeFileSync(join(inst.dir, 'local.bin'), Buffer.alloc(300_000, 7));
  await again.put(join(inst.dir, 'local.bin'), 'copied.bin');
  assert.equal((await again.run('wc -c < copied.bin; pwd')).stdout, '300000\n/home/ec2-user\n');
  await again.get('copied.bin', inst.dir + '/');
  assert.equal(readFileSync(join(inst.dir, 'copied.bin')).length, 300_000);
  // Ctrl-C of a run stops the command: the instance hangs it up when its channel closes.
  const ticks = await interruptedRun(again, 'ticks.txt');
  assert.ok(ticks > 0 && ticks < 30, `${ticks} ticks after the abort`);
  again.close();
});

test('connection refused is retried with a visible countdown, bounded', async (t) => {
  const dir = tempDir(t);
  const port = await freePort();
  const log = new PassThrough();
  const started = Date.now();
  const target = { host: '127.0.0.1', port, user: 'x', identityFile: keyPair(dir).file };
  await assert.rejects(ssh(target, { ...isolated(dir), retryFor: 1500, retryEvery: 500, log }), (e: Error) => {
    assert.equal(e.name, 'ConnectFailed');
    assert.match(e.message, /cannot reach 127\.0\.0\.1 at x@127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    return true;
  });
  assert.ok(Date.now() - started >= 1000);
  assert.match(String(log.read()), /SSH connection refused by 127\.0\.0\.1, retrying in 1 s \(Ctrl-C stops\)/);
});

test('an abort signal (Ctrl-C) stops the wait', async (t) => {
  const dir = tempDir(t);
  const port = await freePort();
  const abort = new AbortController();
  setTimeout(() => abort.abort(), 300);
  const started = Date.now();
  const target = { host: '127.0.0.1', port, user: 'x', identityFile: keyPair(dir).file };
  await assert.rejects(ssh(target, { ...isolated(dir), retryFor: 60_000, signal: abort.signal, log: new PassThrough() }), { name: 'Interrupted' });
  assert.ok(Date.now() - started < 3000);
});

test('retries until the host comes up', { skip: missingSshd }, async (t) => {
  const dir = tempDir(t);
  const key = keyPair(dir);
  const port = await freePort();
  // The port refuses connections until sshd starts a moment later, as while an instance boots.
  const sshdLater = new Promise((r) => setTimeout(r, 400)).then(() => startSshd(t, dir, key.publicKey, port));
  const target = { host: '127.0.0.1', port, user: 'root', identityFile: key.file };
  const connecting = ssh(target, { ...isolated(dir), retryFor: 10_000, retryEvery: 500, log: new PassThrough() });
  const sshd = await sshdLater;
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${port} ${sshd.hostKeyLine}\n`);
  const conn = await connecting;
  assert.equal((await conn.run('echo up')).stdout, 'up\n');
  conn.close();
});
