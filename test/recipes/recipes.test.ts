/**
 * Every recipe script passes against the sandbox: `paws run --ephemeral FILE` exits 0, and
 * (being ephemeral) leaves nothing behind. The recipes also type-check against the prompt's
 * globals, and `.recipes` lists each with its header line. All run on a fast sandbox (time
 * scale 0.02); those whose flow depends on timing — a launch waiting for boot and sshd, an alarm
 * made right after a launch, before CloudWatch has any datapoint — also run at the default time
 * scale, as a user's `paws --sandbox` does (the rest at scale 1 would add minutes, for nothing new).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { listRecipes, recipesListing } from '../../src/repl/recipes.js';
import { REPO, tempDir, testSandbox } from '../helpers/index.js';
import { runPaws } from '../workflows/support.js';

const RECIPES = listRecipes(join(REPO, 'recipes'));

describe('recipes/', () => {
  test('every book recipe from 1.3 to 3.13 has a script with a header naming it', () => {
    const numbers = RECIPES.map((r) => r.number);
    const expected = [
      ...[3, 4, 5, 6, 7, 8].map((n) => `1.${n}`),
      ...Array.from({ length: 15 }, (_, i) => `2.${i + 1}`),
      ...Array.from({ length: 13 }, (_, i) => `3.${i + 1}`),
    ];
    // 2.12–2.15 are in monitoring/; the rest as the book's chapters.
    assert.deepEqual(numbers, expected);
    for (const r of RECIPES) assert.match(r.summary, /^Recipe \d+\.\d+ .+ — .+/, r.name);
    const listing = recipesListing(80, join(REPO, 'recipes'));
    assert.match(listing, /ec2\/launch-instance\.ts +2\.1 Launching an Instance — creates/);
    // Sized to the terminal: no line wider than 80 columns, docs wrapped between words.
    for (const line of listing.split('\n')) assert.ok(line.length <= 80, line);
    assert.match(listing, /\n {20,}\S/, 'a long header wraps with a hanging indent');
  });

  test('the recipes type-check against the prompt\'s globals', async () => {
    const result = await new Promise<{ code: number; out: string }>((resolve) =>
      execFile(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(REPO, 'recipes')], (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, out: stdout + stderr }),
      ),
    );
    assert.equal(result.code, 0, result.out);
  });
});

/**
 * Runs each recipe with `paws run --ephemeral` on a sandbox of the given time scale: one shared
 * sandbox in turn, or (`concurrent`) all at once, each on a sandbox of its own, since recipes
 * running together would meet on the same key pair and group names.
 */
function runRecipes(title: string, timeScale: number, recipes: typeof RECIPES, concurrent = false): void {
  describe(title, { concurrency: concurrent }, () => {
    let shared: RunningSandbox | undefined;
    before(async () => {
      if (!concurrent) shared = await testSandbox({ timeScale });
    });
    after(async () => {
      await shared?.close();
    });

    for (const recipe of recipes) {
      test(`recipes/${recipe.name}`, async () => {
        const sandbox = shared ?? (await testSandbox({ timeScale }));
        // A HOME of its own, as a new user's.
        const home = tempDir();
        try {
          const result = await runPaws(['--ephemeral', 'run', `recipes/${recipe.name}`], sandbox, home.path, REPO);
          assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
          assert.match(result.stdout + result.stderr, /Nothing to clean up\.|Cleaned up: \d+ deleted, nothing left\./);
        } finally {
          home.remove();
          if (!shared) await sandbox.close();
        }
      });
    }
  });
}

runRecipes('each recipe runs against the sandbox with paws run --ephemeral', 0.02, RECIPES);
const timing = ['ec2/launch-instance.ts', 'monitoring/notifications.ts'].map((name) => RECIPES.find((r) => r.name === name) ?? assert.fail(`no recipe ${name}`));
runRecipes('recipes that depend on timing, at the default time scale', 1, timing, true);
