/**
 * The compile cache bin/paws.js turns on: CommonJS modules required through it behave as node's
 * own loader makes them (their require, __filename, an import() after a cached start), a second start reads what the
 * first wrote (even a first start killed right after loading), an edited module is never served from its old cache (its new one replaces it), and an unwritable cache
 * directory only means no cache.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, tempDir } from '../helpers/index.js';

describe('compile cache', () => {
  const dir = tempDir('paws-compile-cache-');
  const cache = join(dir.path, 'cache');
  after(() => dir.remove());

  writeFileSync(join(dir.path, 'dep.cjs'), 'module.exports = 21;\n');
  writeFileSync(join(dir.path, 'esm.mjs'), 'export const doubled = 42;\n');
  writeFileSync(join(dir.path, 'lazy.cjs'), "exports.load = () => import('./esm.mjs');\n");
  const module = (answer: string) =>
    writeFileSync(
      join(dir.path, 'mod.cjs'),
      `exports.answer = ${answer};\nexports.file = __filename;\nexports.dep = require('./dep.cjs');\nexports.resolved = require.resolve('./dep.cjs');\nexports.cached = require.cache[__filename] === module;\n`,
    );
  const runner = join(dir.path, 'run.mjs');
  writeFileSync(
    runner,
    `import { createRequire } from 'node:module';
const { enableCompileCache } = await import(${JSON.stringify(join(REPO, 'dist/src/compile-cache.js'))});
enableCompileCache(process.argv[2]);
const require = createRequire(import.meta.url);
const mod = require('./mod.cjs');
if (process.argv[3] === 'kill') process.kill(process.pid, 'SIGKILL');
const { doubled } = await require('./lazy.cjs').load();
console.log(JSON.stringify({ answer: mod.answer, file: mod.file, dep: mod.dep, resolved: mod.resolved, cached: mod.cached, doubled }));
`,
  );
  const run = (cacheDir = cache) => {
    const r = spawnSync(process.execPath, [runner, cacheDir], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout);
  };
  const expected = (answer: number) => ({ answer, file: join(dir.path, 'mod.cjs'), dep: 21, resolved: join(dir.path, 'dep.cjs'), cached: true, doubled: 42 });
  const cacheFiles = () => readdirSync(cache).map((name) => `${name} ${statSync(join(cache, name)).mtimeMs}`).sort();

  test('the first start writes a module cache, the next ones read it, and modules behave as without', () => {
    module('1');
    assert.deepEqual(run(), expected(1));
    const written = cacheFiles();
    assert.equal(written.length, 2, 'mod.cjs and dep.cjs each have a cache, lazy.cjs (with an import()) none');
    assert.deepEqual(run(), expected(1));
    assert.deepEqual(cacheFiles(), written, 'a valid cache is read, not written again');
  });

  test('a start killed right after loading has written its caches (as paws closed at its first prompt)', () => {
    module('4');
    const before = cacheFiles();
    const killed = spawnSync(process.execPath, [runner, cache, 'kill'], { encoding: 'utf8' });
    assert.equal(killed.signal, 'SIGKILL', killed.stderr);
    const written = cacheFiles();
    assert.equal(written.filter((file) => !before.includes(file)).length, 1, 'the edited mod.cjs has its new cache');
    assert.deepEqual(run(), expected(4));
    assert.deepEqual(cacheFiles(), written, 'the next start reads it');
  });

  test('an edited module compiles from its new source, and its new cache replaces the old one', () => {
    module('1');
    run();
    const before = readdirSync(cache);
    module('1 + 1');
    assert.deepEqual(run(), expected(2));
    const after = readdirSync(cache);
    assert.equal(after.length, before.length, 'one cache per module');
    assert.equal(after.filter((name) => !before.includes(name)).length, 1, 'the edited module has a new cache');
    assert.deepEqual(run(), expected(2));
  });

  test('a cache directory that cannot be made leaves modules compiling as before', () => {
    module('3');
    const blocked = join(dir.path, 'a-file');
    writeFileSync(blocked, '');
    assert.deepEqual(run(join(blocked, 'cache')), expected(3));
  });
});
