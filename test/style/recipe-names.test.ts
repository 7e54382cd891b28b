/**
 * A recipe's implementation carries the name of its script (issue #13): each module under
 * src/helpers/<service>/recipes/ is named after a script recipes/<chapter>/<name>.ts — one module
 * per recipe, in each service folder its helpers belong to — or is one of the few support modules
 * listed here (shared internals, named for what they hold, never after a recipe).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { REPO } from '../helpers/index.js';

/** Modules of src/helpers/ that implement no recipe, relative to src/helpers/. */
const SUPPORT = [
  'ec2/recipes/clients.ts',
  'ec2/recipes/lookup.ts',
  'ec2/recipes/public-key.ts',
  'ec2/recipes/table.ts',
  's3/recipes/local-path.ts',
  's3/recipes/lookup.ts',
];

const HELPERS = join(REPO, 'src', 'helpers');

/** Every module under src/helpers/<service>/recipes/, as `<service>/recipes/<path>`. */
function recipeModules(): string[] {
  return readdirSync(HELPERS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(HELPERS, d.name, 'recipes')))
    .flatMap((d) =>
      readdirSync(join(HELPERS, d.name, 'recipes'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `${d.name}/recipes/${f.split('\\').join('/')}`),
    )
    .sort();
}

/** The names of the recipe scripts, recipes/**\/<name>.ts (the globals declaration aside). */
function scriptNames(): Set<string> {
  const dir = join(REPO, 'recipes');
  return new Set(
    readdirSync(dir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => basename(f, '.ts')),
  );
}

/** The modules named after no recipe script that are not listed support modules. */
function misnamed(modules: string[], scripts: Set<string>): string[] {
  return modules.filter((m) => !SUPPORT.includes(m) && !scripts.has(basename(m, '.ts')));
}

test('every module under src/helpers/*/recipes/ has the name of a recipe script, or is a listed support module', () => {
  const modules = recipeModules();
  assert.ok(modules.length > 20, `only ${modules.length} modules found under src/helpers/*/recipes/`);
  assert.deepEqual(misnamed(modules, scriptNames()), [], 'rename each after the script under recipes/ it implements, or (shared internals) list it in SUPPORT');
});

test('a module named after no recipe is refused', () => {
  assert.deepEqual(misnamed([...recipeModules(), 'ec2/recipes/foo.ts'], scriptNames()), ['ec2/recipes/foo.ts']);
  assert.deepEqual(misnamed(['ec2/recipes/launch.ts', 'ec2/recipes/launch-instance.ts', 's3/recipes/lookup.ts'], scriptNames()), ['ec2/recipes/launch.ts']);
});

test('the support modules exist and none takes a recipe script\'s name', () => {
  const modules = recipeModules();
  const scripts = scriptNames();
  for (const m of SUPPORT) {
    assert.ok(modules.includes(m), `${m} is listed as a support module but does not exist`);
    assert.ok(!scripts.has(basename(m, '.ts')), `${m} is named like a recipe script: it is not a support module`);
  }
});
