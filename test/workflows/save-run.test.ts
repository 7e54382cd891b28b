/**
 * Sessions you can save and replay: `.save` writes the successful inputs, `paws run` of that
 * file on a fresh sandbox makes the same resources; `.transcript` writes the book's
 * `paws> input` / output form; `.run` runs a script in the session and its variables stay.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { tempDir, testSandbox } from '../helpers/index.js';
import { assertTranscript, promptOnSandbox } from '../helpers/prompt.js';
import { runPaws } from './support.js';

/** A session worth saving: a key pair, a mistake, a tagged group, a loop over two lines (console.log goes to this process's stdout), a dot-command. */
const SESSION: [string, string][] = [
  ["const key = await ec2.createKeyPair({KeyName: 'replayed'}); key.KeyName", "'replayed'"],
  ['throw new Error("typo")', 'Error: typo'],
  ["const group = await ec2.createSecurityGroup({GroupName: 'replayed', Description: 'saved and replayed'})", ''],
  ["await ec2.createTags({Resources: [group.GroupId], Tags: [{Key: 'paws', Value: 'replay'}]})", '{}'],
  ['for (const n of [1, 2]) {', ''],
  ['  console.log(`line ${n}`) }', ''],
  ['.region', 'region us-east-1'],
];

// Each test has a sandbox and a prompt of its own: what it saves or transcribes is only what it typed.
describe('.save, .transcript and .run', () => {
  const dir = tempDir();
  after(() => dir.remove());

  test('a session is saved, replayed with paws run on a fresh sandbox, and reproduces its resources', async (t) => {
    const { prompt } = await promptOnSandbox(t);
    await assertTranscript(prompt, SESSION);
    const file = join(dir.path, 'session.ts');
    assert.equal(await prompt.type(`.save ${file}`), `Saved 4 inputs to ${file}`);
    const saved = readFileSync(file, 'utf8');
    assert.match(saved, /^\/\/ paws session saved \S+ \(region us-east-1 · endpoint http:\/\/127\.0\.0\.1:\d+ · profile default\); replay: paws run /);
    assert.doesNotMatch(saved, /typo/);
    assert.match(saved, /\n\/\/ \.region\n/);
    assert.match(saved, /for \(const n of \[1, 2\]\) \{\n {2}console\.log\(`line \$\{n\}`\) \}\n/);

    const fresh = await testSandbox();
    const home = tempDir();
    try {
      const result = await runPaws(['run', file], fresh, home.path);
      assert.equal(result.code, 0, result.stderr);
      assert.equal(result.stdout, 'line 1\nline 2\n');
      const ec2 = new EC2({ region: fresh.region, endpoint: fresh.endpoint, credentials: fresh.credentials });
      const { KeyPairs = [] } = await ec2.describeKeyPairs({});
      assert.deepEqual(KeyPairs.map((k) => k.KeyName), ['replayed']);
      const { SecurityGroups = [] } = await ec2.describeSecurityGroups({ Filters: [{ Name: 'tag:paws', Values: ['replay'] }] });
      assert.deepEqual(SecurityGroups.map((g) => [g.GroupName, g.Description]), [['replayed', 'saved and replayed']]);
    } finally {
      home.remove();
      await fresh.close();
    }
  });

  test('.transcript writes each input after paws> and what it printed, errors included', async (t) => {
    const { prompt } = await promptOnSandbox(t);
    // Other names than SESSION's: every prompt evaluates in this process's global scope, where another test may have declared those.
    await assertTranscript(prompt, [
      ["const pair = await ec2.createKeyPair({KeyName: 'transcribed'}); pair.KeyName", "'transcribed'"],
      ['throw new Error("typo")', 'Error: typo'],
      ['for (const n of [1, 2]) {', ''],
      ['  console.log(`line ${n}`) }', ''],
      ['.region', 'region us-east-1'],
    ]);
    const file = join(dir.path, 'transcript.txt');
    await prompt.type(`.transcript ${file}`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^paws> const pair = await ec2\.createKeyPair\(\{KeyName: 'transcribed'\}\); pair\.KeyName\n'transcribed'\npaws> throw new Error\("typo"\)\nError: typo\n/);
    assert.match(text, /paws> for \(const n of \[1, 2\]\) \{\n\.\.\.   console\.log\(`line \$\{n\}`\) \}\npaws> \.region\nregion us-east-1\n/);
  });

  test('.run runs a script in the session; what it defines stays defined', async (t) => {
    const { prompt } = await promptOnSandbox(t);
    const script = join(dir.path, 'defines.ts');
    writeFileSync(script, "const zones: string[] = (await ec2.zones()).map(String);\nconsole.log(`${zones.length} zones`);\nzones[0]\n");
    // (console.log goes to this process's stdout; the CLI tests see it.)
    assert.equal(await prompt.type(`.run ${script}`), "'Zone:us-east-1a'");
    assert.equal(await prompt.type('zones.length'), '6');
    assert.match(await prompt.type('.run no-such-file.ts'), /^NotFound: no-such-file\.ts is neither a file nor a recipe — \.recipes lists the recipes$/);
    assert.match(await prompt.type('.recipes'), /general\/quick-test\.ts +1\.3 Getting Started/);
  });

  test('.region is saved as setRegion(…), so paws run makes what followed it in that region', async (t) => {
    const { prompt } = await promptOnSandbox(t);
    assert.match(await prompt.type('.region eu-west-1'), /^region eu-west-1 \(/);
    await prompt.type("await ec2.createKeyPair({KeyName: 'in-ireland'}); 0");
    assert.match(await prompt.type('.region nowhere'), /^InvalidRegion/);
    await prompt.type('.region us-east-1');
    await prompt.type("await ec2.createKeyPair({KeyName: 'in-virginia'}); 0");
    const file = join(dir.path, 'regions.ts');
    await prompt.type(`.save ${file}`);
    const saved = readFileSync(file, 'utf8');
    assert.match(saved, /\n\/\/ \.region eu-west-1\nawait setRegion\('eu-west-1'\)\nawait ec2\.createKeyPair\(\{KeyName: 'in-ireland'\}\); 0\n\/\/ \.region nowhere\n\/\/ \.region us-east-1\nawait setRegion\('us-east-1'\)\n/);

    const fresh = await testSandbox();
    const home = tempDir();
    try {
      const result = await runPaws(['run', file], fresh, home.path);
      assert.equal(result.code, 0, result.stderr);
      const names = async (region: string) => {
        const ec2 = new EC2({ region, endpoint: fresh.endpoint, credentials: fresh.credentials });
        return ((await ec2.describeKeyPairs({})).KeyPairs ?? []).map((k) => k.KeyName).sort();
      };
      assert.deepEqual(await names('eu-west-1'), ['in-ireland']);
      assert.deepEqual(await names('us-east-1'), ['in-virginia']);
    } finally {
      home.remove();
      await fresh.close();
    }
  });
});
