/**
 * No secret reaches the terminal, a transcript, a saved script or the history by any printing
 * path (issue 14): an access key and a key pair created at the prompt, the credentials in the
 * environment, printed every way a user might; `reveal()` is the one way to see one, and says so.
 * The built CLI in a real pseudo-terminal against an in-process sandbox.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pawsOnSandbox } from '../helpers/index.js';
import { typeLine as run } from './pty-prompt.js';

/** Every way of printing the access key `k`, the key pair `kp` and the environment's secret. */
const PRINTING_PATHS = [
  'k',
  'k.AccessKey',
  'k.AccessKey.SecretAccessKey',
  'console.log(k)',
  'console.log(k.AccessKey.SecretAccessKey)',
  'console.log(JSON.stringify(k))',
  'JSON.stringify(k)',
  'JSON.stringify(k, null, 2)',
  'util.inspect(k, {depth: null})',
  'console.dir(k, {depth: null})',
  'Object.values(k.AccessKey)',
  'Object.entries(k.AccessKey)',
  '`secret: ${k.AccessKey.SecretAccessKey}`',
  'new Map([["key", k.AccessKey.SecretAccessKey]])',
  'console.error(k.AccessKey.SecretAccessKey)',
  'process.stdout.write(k.AccessKey.SecretAccessKey + "\\n")',
  'new Error(k.AccessKey.SecretAccessKey)',
  'throw new Error("bad: " + k.AccessKey.SecretAccessKey)',
  'throw k.AccessKey.SecretAccessKey',
  'kp',
  'kp.KeyMaterial',
  'console.log(kp.KeyMaterial)',
  'kp.KeyMaterial.split("\\n")',
  'JSON.stringify(kp)',
  'process.env.AWS_SECRET_ACCESS_KEY',
  'console.log(process.env)',
  'await ec2.config.credentials()',
];

test('a created access key, a key pair and the credentials in use print masked by every path', async (t) => {
  const at = await pawsOnSandbox(t);
  const { paws, sandbox } = at;
  await run(paws, 'await iam.createUser({UserName: "leaky"}); const k = await iam.createAccessKey({UserName: "leaky"})');
  await run(paws, 'const kp = await ec2.createKeyPair({KeyName: "leaky"})');

  // reveal(): the one named way, which says what it does.
  const revealed = await run(paws, 'reveal(k.AccessKey.SecretAccessKey)');
  const [warning, secret] = revealed.split('\n');
  assert.match(warning, /^paws: reveal\(\) shows a secret on this terminal only/);
  assert.match(secret, /^\S{20,}$/);
  const pem = (await run(paws, 'reveal(kp.KeyMaterial)')).split('\n');
  assert.match(pem[1], /-----BEGIN .*PRIVATE KEY-----/);
  const keyLine = pem[2];
  const envSecret = sandbox.credentials.secretAccessKey;

  for (const line of PRINTING_PATHS) {
    const printed = await run(paws, line);
    for (const [what, value] of [['access key secret', secret], ['private key', keyLine], ['credentials in use', envSecret]]) {
      assert.ok(!printed.includes(value), `${line} shows the ${what}:\n${printed}`);
    }
    assert.ok(printed.length > 0, `${line} printed nothing`);
  }
  // A secret typed in is masked in the history too.
  await run(paws, `const typed = "${envSecret}"`);

  const transcript = join(at.home, 'session.txt');
  const saved = join(at.home, 'session.ts');
  assert.match(await run(paws, `.transcript ${transcript}`), /^Wrote the transcript/);
  assert.match(await run(paws, `.save ${saved}`), /^Saved \d+ inputs?/);
  paws.write('\x04');
  await paws.exitCode();
  for (const file of [transcript, saved, join(at.home, '.paws_history')]) {
    const text = readFileSync(file, 'utf8');
    for (const value of [secret, keyLine, envSecret]) assert.ok(!text.includes(value), `${file} holds a secret:\n${text}`);
    assert.equal(statSync(file).mode & 0o777, 0o600, `${file} is readable by others`);
  }
  assert.match(readFileSync(transcript, 'utf8'), /paws> reveal\(k\.AccessKey\.SecretAccessKey\)\npaws: reveal\(\) shows a secret/);
});
