#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (built by `npm install` via the prepare script).
// `paws sandbox` (the REPL's sandbox child too) loads the sandbox's CLI alone: the REPL's modules
// bring node:repl, and with it node:domain, which slows every EventEmitter of the server
// (bench/sandbox.mjs: about a quarter less CPU per S3 request without them).
// Required modules compile through V8's code cache from the start (src/compile-cache.ts).
import { enableCompileCache } from '../dist/src/compile-cache.js';

enableCompileCache();
const argv = process.argv.slice(2);
import(argv[0] === 'sandbox' ? '../dist/src/sandbox-cli.js' : '../dist/src/cli.js').then((m) => m.main(argv));
