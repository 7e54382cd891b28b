/**
 * Sessions you can save and replay: `.save` writes the successful inputs, `paws run` of that
 * file on a fresh sandbox makes the same resources; `.transcript` writes the book's
 * `paws> input` / output form; `.run` runs a script in the session and its variables stay.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir, testSandbox } from '../helpers/index.js';
import { Prompt, sandboxSession } from '../helpers/prompt.js';
import { runPaws } from './support.js';

describe('.save, .transcript and .run', () => {
  let sandbox: RunningSandbox;
  let prompt: Prompt;
  const dir = tempDir();

  before(async () => {
    sandbox = await testSandbox();
    prompt = new Prompt(sandboxSession(sandbox));
  });
  after(async () => {
    prompt.close();
    await sandbox.close();
    dir.remove();
  });

  test('a session is saved, replayed with paws run on a fresh sandbox, and reproduces its resources', async () => {
    await prompt.type("const key = await ec2.createKeyPair({KeyName: 'replayed'}); key.KeyName");
    assert.equal(await prompt.type('throw new Error("typo")'), 'Error: typo');
    await prompt.type("const group = await ec2.createSecurityGroup({GroupName: 'replayed', Description: 'saved and replayed'})");
    await prompt.type("await ec2.createTags({Resources: [group.GroupId], Tags: [{Key: 'paws', Value: 'replay'}]})");
    await prompt.type('for (const n of [1, 2]) {', '... ');
    await prompt.type('  console.log(`line ${n}`) }');
    assert.equal(await prompt.type('.region'), 'region us-east-1');
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

  test('.transcript writes each input after paws> and what it printed, errors included', async () => {
    const file = join(dir.path, 'transcript.txt');
    await prompt.type(`.transcript ${file}`);
    const text = readFileSync(file, 'utf8');
    assert.match(text, /^paws> const key = await ec2\.createKeyPair\(\{KeyName: 'replayed'\}\); key\.KeyName\n'replayed'\npaws> throw new Error\("typo"\)\nError: typo\n/);
    assert.match(text, /paws> for \(const n of \[1, 2\]\) \{\n\.\.\.   console\.log\(`line \$\{n\}`\) \}\npaws> \.region\nregion us-east-1\n/);
  });

  test('.run runs a script in the session; what it defines stays defined', async () => {
    const script = join(dir.path, 'defines.ts');
    writeFileSync(script, "const zones: string[] = (await ec2.zones()).map(String);\nconsole.log(`${zones.length} zones`);\nzones[0]\n");
    // (console.log goes to this process's stdout; the CLI tests see it.)
    assert.equal(await prompt.type(`.run ${script}`), "'Zone:us-east-1a'");
    assert.equal(await prompt.type('zones.length'), '6');
    assert.match(await prompt.type('.run no-such-file.ts'), /^NotFound: no-such-file\.ts is neither a file nor a recipe — \.recipes lists the recipes$/);
    assert.match(await prompt.type('.recipes'), /general\/quick-test\.ts +1\.3 Getting Started/);
  });

  test('.region is saved as setRegion(…), so paws run makes what followed it in that region', async () => {
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
      assert.deepEqual(await names('us-east-1'), ['in-virginia', 'replayed']);
    } finally {
      home.remove();
      await fresh.close();
    }
  });
});
