/**
 * A checked notebook passes any number of times, in any HOME: `paws check` of the chapter 2
 * notebook twice in one HOME (its cleanup removes the private key it saved with the key pair, so
 * the second run creates both again, as the first did) and then in another HOME; outputs that
 * `--write` records name paths under HOME as `~`, so they check from another HOME too.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { REPO, tempDir, testSandbox } from '../helpers/index.js';
import { runPaws } from './support.js';

const NOTEBOOK = join(REPO, 'recipes', 'notebooks', 'chapter-2.md');
const PASSED = /check: .*: 7 cells, 7 outputs compared, all match\ncheck: deleted what the cells created\n$/;

describe('paws check, repeated', () => {
  let sandbox: RunningSandbox;
  const dir = tempDir();
  const homes = [tempDir(), tempDir()];
  before(async () => {
    sandbox = await testSandbox();
  });
  after(async () => {
    await sandbox.close();
    for (const d of [dir, ...homes]) d.remove();
  });

  test('twice in the same HOME, then in another HOME: every run passes and leaves no key file behind', async () => {
    const file = join(dir.path, 'chapter-2.md');
    copyFileSync(NOTEBOOK, file);
    for (const home of [homes[0], homes[0], homes[1]]) {
      const result = await runPaws(['check', file], sandbox, home.path);
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, PASSED);
      assert.equal(existsSync(join(home.path, '.ssh', 'paws.pem')), false, 'the private key went with its key pair');
    }
  });

  test('outputs written with --write in one HOME name it ~ and check in another HOME', async () => {
    const file = join(dir.path, 'paths.md');
    writeFileSync(file, '# Paths\n\n```ts\n`${process.env.HOME}/.ssh/paws.pem`\n```\n');
    const written = await runPaws(['notebook', '--auto', '--write', file], sandbox, homes[0].path);
    assert.equal(written.code, 0, written.stdout + written.stderr);
    assert.equal(readFileSync(file, 'utf8'), "# Paths\n\n```ts\n`${process.env.HOME}/.ssh/paws.pem`\n```\n\n```output\n'~/.ssh/paws.pem'\n```\n");
    const checked = await runPaws(['check', file], sandbox, homes[1].path);
    assert.equal(checked.code, 0, checked.stdout + checked.stderr);
    assert.match(checked.stdout, /check: .*paths\.md: 1 cell, 1 output compared, all match/);
  });
});
