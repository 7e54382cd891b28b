#!/usr/bin/env node
/**
 * Bundles the CLI that tsc compiled (dist/src/cli.js and all it imports, lazily imported modules
 * included) into one CommonJS file, dist/paws.cjs, which bin/paws.js requires. Why: node 20's ES
 * module loader resolves, reads and compiles each of the prompt's ~60 modules on its own, and
 * compiles ES modules from source at every start; one required file compiles through V8's code
 * cache instead (src/compile-cache.ts): the import took ~50 ms, now ~20 (bench/startup.mjs).
 * Packages stay outside, required from node_modules as before: one copy of each.
 * Usage: node scripts/bundle.mjs (npm run build runs it after tsc).
 */
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
// The one module that imports an ES-only package (ink, whose yoga-layout awaits at its top level,
// so it cannot be required): a file of its own, compiled by node itself, as import() fails in code
// that node 20 runs from V8's code cache (src/compile-cache.ts leaves code with import() to node).
const ESM_DOOR = join(dist, 'src/helpers/core/live-view.js');
const DOOR_OUT = 'live-view.cjs';

/**
 * `import.meta.url` as the module's own file in dist/src would give it, so that paths made from it
 * (bin/paws.js, recipes/, node_modules) resolve from the bundle as from the module.
 */
const FILE_URL = '__pawsFileUrl';
const fileUrlFunction = `const ${FILE_URL} = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;`;
const moduleUrls = {
  name: 'module-urls',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, async ({ path }) => {
      const code = await readFile(path, 'utf8');
      if (!code.includes('import.meta.url')) return undefined;
      return { contents: code.replaceAll('import.meta.url', `${FILE_URL}(${JSON.stringify(relative(dist, path))})`), loader: 'js' };
    });
  },
};

/** The main bundle requires the door's own bundle instead of containing it. */
const doorOutside = {
  name: 'esm-door-outside',
  setup(b) {
    b.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => (join(resolveDir, path) === ESM_DOOR ? { path: `./${DOOR_OUT}`, external: true } : undefined));
  },
};

const common = { bundle: true, format: 'cjs', platform: 'node', target: 'node20', packages: 'external', keepNames: true, logLevel: 'warning', metafile: true };
const [, door] = await Promise.all([
  // The packages the CLI imports lazily are CommonJS: require() them, as import() would fail here.
  build({ ...common, entryPoints: [join(dist, 'src/cli.js')], outfile: join(dist, 'paws.cjs'), supported: { 'dynamic-import': false }, plugins: [moduleUrls, doorOutside], banner: { js: fileUrlFunction } }),
  build({ ...common, entryPoints: [ESM_DOOR], outfile: join(dist, DOOR_OUT) }),
]);
// A module of ours in both bundles would run twice, with two copies of its state.
const shared = Object.keys(door.metafile.inputs).filter((input) => join(process.cwd(), input) !== ESM_DOOR);
if (shared.length) throw new Error(`scripts/bundle.mjs: ${relative(dist, ESM_DOOR)} may import packages and node's modules only, not ${shared.join(', ')}`);
