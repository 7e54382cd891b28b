#!/usr/bin/env node
// Thin launcher: the CLI is bundled into one CommonJS file, dist/paws.cjs (built by `npm install`
// via the prepare script; scripts/bundle.mjs says why), required through V8's code cache
// (src/compile-cache.ts) like the packages it requires.
// `paws sandbox` (the REPL's sandbox child too) loads the sandbox's CLI alone: the REPL's modules
// bring node:repl, and with it node:domain, which slows every EventEmitter of the server
// (bench/sandbox.mjs: about a quarter less CPU per S3 request without them).
import { createRequire } from 'node:module';
import { enableCompileCache } from '../dist/src/compile-cache.js';

enableCompileCache();
const argv = process.argv.slice(2);
if (argv[0] === 'sandbox') import('../dist/src/sandbox-cli.js').then((m) => m.main(argv));
else createRequire(import.meta.url)('../dist/paws.cjs').main(argv);
