#!/usr/bin/env node
// Thin launcher, CommonJS (bin/package.json) so that node's ES module loader stays unloaded: the
// CLI is one bundled file, dist/paws.cjs (built by `npm install` via the prepare script;
// scripts/bundle.mjs says why), required through V8's code cache (src/compile-cache.ts) like the
// packages it requires.
// `paws sandbox` (the REPL's sandbox child too) loads the sandbox's CLI alone: the REPL's modules
// bring node:repl, and with it node:domain, which slows every EventEmitter of the server
// (bench/sandbox.mjs: about a quarter less CPU per S3 request without them).
const { enableCompileCache } = require('../dist/compile-cache.cjs');

enableCompileCache();
const argv = process.argv.slice(2);
if (argv[0] === 'sandbox') import('../dist/src/sandbox-cli.js').then((m) => m.main(argv));
else require('../dist/paws.cjs').main(argv);
