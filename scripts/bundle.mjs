#!/usr/bin/env node
/**
 * Bundles the CLI that tsc compiled (dist/src/cli.js and all it imports, lazily imported modules
 * included) into one CommonJS file, dist/paws.cjs, which bin/paws.js requires through the compile
 * cache, itself bundled as dist/compile-cache.cjs. Why: node 20's ES module loader resolves, reads
 * and compiles each of the prompt's ~60 modules on its own, and compiles ES modules from source
 * at every start; one required file compiles through V8's code cache instead
 * (src/compile-cache.ts): the import took ~50 ms, now ~20 (bench/startup.mjs).
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
 * (bin/paws.js, recipes/, node_modules) resolve from the bundle as from the module. The function
 * that makes that URL is injected as a module of the bundle (a banner would come before its "use strict").
 */
const FILE_URL = '__pawsFileUrl';
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
const builds = await Promise.all([
  build({
    ...common,
    entryPoints: { paws: join(dist, 'src/cli.js'), 'compile-cache': join(dist, 'src/compile-cache.js') },
    outdir: dist,
    outExtension: { '.js': '.cjs' },
    // The packages the CLI imports lazily are CommonJS: require() them, as import() would fail here.
    supported: { 'dynamic-import': false },
    plugins: [moduleUrls, doorOutside],
    inject: [FILE_URL],
  }),
  build({ ...common, entryPoints: [ESM_DOOR], outfile: join(dist, DOOR_OUT) }),
]);
// A module of ours in two bundles would run twice, with two copies of its state.
const outputs = builds.flatMap((b) => Object.values(b.metafile.outputs));
const ours = Object.keys(Object.assign({}, ...outputs.map((o) => o.inputs))).filter((input) => join(process.cwd(), input).startsWith(dist));
const twice = ours.filter((input) => outputs.filter((o) => input in o.inputs).length > 1);
if (twice.length) throw new Error(`scripts/bundle.mjs: ${twice.join(', ')} would be in more than one bundle`);
