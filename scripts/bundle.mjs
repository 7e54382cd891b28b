#!/usr/bin/env node
/**
 * Bundles the CLI that tsc compiled (dist/src/cli.js and all it imports, lazily imported modules
 * included) into one CommonJS file, dist/paws.cjs, which bin/paws.js requires through the compile
 * cache, itself bundled as dist/compile-cache.cjs. Why: node 20's ES module loader resolves, reads
 * and compiles each of the prompt's ~60 modules on its own, and compiles ES modules from source
 * at every start; one required file compiles through V8's code cache instead
 * (src/compile-cache.ts): the import took ~50 ms, now ~20 (bench/startup.mjs).
 * Packages stay outside, required from node_modules as before (one copy of each), but for sucrase.
 * Usage: node scripts/bundle.mjs (npm run build runs it after tsc).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/**
 * What paws.cjs requires as files of their own, by what the code imports (a path in dist/src, or a
 * package) → the file built from it.
 * - live-view: the one module that imports an ES-only package (ink, whose yoga-layout awaits at its
 *   top level, so it cannot be required), compiled by node itself, as import() fails in code that
 *   node 20 runs from V8's code cache (src/compile-cache.ts leaves code with import() to node).
 *   Its importers (the reporter among them) load before the prompt, the live view is drawn later if
 *   ever: it is required when one of its exports is first used (`onFirstUse`), which takes its ~1 ms
 *   of resolving, reading and compiling out of the start.
 * - sucrase: its 65 modules, each resolved, read and compiled on its own, took ~45 ms of CPU of the
 *   first input at the prompt; one file takes ~14. Nothing else loads sucrase or its dependencies,
 *   so its copy is the only one. Comments go (minifyWhitespace): one mentions an "import (", which
 *   the compile cache would take for an import() and leave uncached.
 */
const SEPARATE = [
  { imported: join(dist, 'src/helpers/core/live-view.js'), entry: join(dist, 'src/helpers/core/live-view.js'), file: 'live-view.cjs', options: { packages: 'external' }, onFirstUse: true },
  { imported: 'sucrase', entry: createRequire(import.meta.url).resolve('sucrase'), file: 'sucrase.cjs', options: { minifyWhitespace: true } },
];

/**
 * `import.meta.url` as the module's own file in dist/src would give it, so that paths made from it
 * (bin/paws.js, recipes/, node_modules) resolve from the bundle as from the module. The function
 * that makes that URL is injected as a module of the bundle (a banner would come before its "use
 * strict"). A package loaded lazily by `createRequire(import.meta.url)(name)` becomes a plain
 * require, which esbuild sees.
 */
const FILE_URL = '__pawsFileUrl';
const LAZY_REQUIRE = /createRequire\(import\.meta\.url\)\((['"][^'"]+['"])\)/g;
const moduleUrls = {
  name: 'module-urls',
  setup(b) {
    b.onResolve({ filter: new RegExp(`^${FILE_URL}$`) }, ({ path }) => ({ path, namespace: FILE_URL }));
    b.onLoad({ filter: /.*/, namespace: FILE_URL }, () => ({
      contents: `import { join } from 'node:path'; import { pathToFileURL } from 'node:url';
export const ${FILE_URL} = (file) => pathToFileURL(join(__dirname, file)).href;`,
      loader: 'js',
    }));
    b.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      if (!code.includes('import.meta.url')) return undefined;
      const contents = code.replace(LAZY_REQUIRE, 'require($1)').replaceAll('import.meta.url', `${FILE_URL}(${JSON.stringify(relative(dist, path))})`);
      return { contents, loader: 'js' };
    });
  },
};

/** The names an ES module exports (esbuild's analysis of it, nothing written). */
async function exportNames(entry) {
  const { metafile } = await build({ entryPoints: [entry], bundle: true, format: 'esm', packages: 'external', platform: 'node', write: false, metafile: true, logLevel: 'warning' });
  return Object.values(metafile.outputs)[0].exports;
}

/**
 * paws.cjs requires the separate files instead of containing what they hold; one marked
 * `onFirstUse` is stood in for by a module of getters that require it when one is first read.
 */
const ON_FIRST_USE = 'on-first-use';
const separate = {
  name: 'separate-files',
  setup(b) {
    b.onResolve({ filter: /.*/ }, ({ path, resolveDir, namespace }) => {
      if (namespace === ON_FIRST_USE) return { path, external: true };
      const found = SEPARATE.find(({ imported }) => imported === path || imported === join(resolveDir, path));
      if (!found) return undefined;
      return found.onFirstUse ? { path: found.file, namespace: ON_FIRST_USE } : { path: `./${found.file}`, external: true };
    });
    b.onLoad({ filter: /.*/, namespace: ON_FIRST_USE }, async ({ path }) => {
      const names = await exportNames(SEPARATE.find(({ file }) => file === path).entry);
      const contents = `let loaded;
for (const name of ${JSON.stringify(names)}) Object.defineProperty(exports, name, { enumerable: true, get: () => (loaded ??= require(${JSON.stringify(`./${path}`)}))[name] });`;
      return { contents, loader: 'js' };
    });
  },
};

const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', keepNames: true, logLevel: 'warning', metafile: true };
const builds = await Promise.all([
  build({
    ...common,
    entryPoints: { paws: join(dist, 'src/cli.js'), 'compile-cache': join(dist, 'src/compile-cache.js') },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    packages: 'external',
    // The packages the CLI imports lazily are CommonJS: require() them, as import() would fail here.
    supported: { 'dynamic-import': false },
    plugins: [moduleUrls, separate],
    inject: [FILE_URL],
  }),
  ...SEPARATE.map(({ entry, file, options }) => build({ ...common, ...options, entryPoints: [entry], outfile: join(dist, file) })),
]);
// A module in two bundles would run twice, with two copies of its state.
const outputs = builds.flatMap((b) => Object.values(b.metafile.outputs));
const inputs = Object.keys(Object.assign({}, ...outputs.map((o) => o.inputs))).filter((input) => !input.startsWith(FILE_URL));
const twice = inputs.filter((input) => outputs.filter((o) => input in o.inputs).length > 1);
if (twice.length) throw new Error(`scripts/bundle.mjs: ${twice.join(', ')} would be in more than one bundle`);

/**
 * V8 keeps a source with a single non-ASCII character at two bytes a character: paws.cjs's 410 kB
 * became 820 kB of string to read, and as much again for the wrapped copy node compiles, which
 * cost a scavenge before the prompt (the bare REPL has none). esbuild escapes non-ASCII in strings
 * and names, but copies comments and regular expressions as written ('…' in doc comments,
 * placeholders' ELLIPSIS), where `\uXXXX` means the same character. (So would it a tagged
 * template's raw text, where it would not: the CLI has none with such characters.)
 */
const escapeNonAscii = (code) => code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
await Promise.all(
  Object.keys(Object.assign({}, ...builds.map((b) => b.metafile.outputs))).map(async (output) => {
    const code = await readFile(resolve(output), 'utf8');
    if (/[^\x00-\x7f]/.test(code)) await writeFile(resolve(output), escapeNonAscii(code));
  }),
);
