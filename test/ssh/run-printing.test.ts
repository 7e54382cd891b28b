/**
 * A command's result prints at the prompt as what the command printed and its exit status, not as
 * an object of strings full of `\n` (issue 14); its fields are unchanged for code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ssh, type SshTarget } from '../../src/ssh/index.js';
import { createWriter } from '../../src/repl/writer.js';
import { isolated, keyPair, missingSshd, startSshd, tempDir } from './support.js';

test("run()'s result prints as its output and exit status", { skip: missingSshd }, async (t) => {
  const dir = tempDir(t);
  const key = keyPair(dir);
  const sshd = await startSshd(t, dir, key.publicKey);
  const target: SshTarget = { host: '127.0.0.1', port: sshd.port, user: 'root', identityFile: key.file };
  writeFileSync(join(dir, 'known_hosts'), `[127.0.0.1]:${sshd.port} ${sshd.hostKeyLine}\n`);
  const conn = await ssh(target, isolated(dir));
  t.after(() => conn.close());

  const result = await conn.run('printf "line 1\\nline 2\\n"; echo oops >&2; exit 3');
  assert.equal(createWriter()(result), 'line 1\nline 2\noops\n(exit 3)');
  assert.deepEqual({ ...result }, { stdout: 'line 1\nline 2\n', stderr: 'oops\n', exitCode: 3 });
  assert.equal(createWriter()(await conn.run('true')), '(exit 0)');
});
