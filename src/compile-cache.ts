/**
 * V8's code cache for the CommonJS modules paws requires (its own bundle dist/paws.cjs, the AWS
 * SDK, sucrase, ssh2). Node 20 compiles each from source at every start — @aws-sdk/client-ec2's
 * 2 MB take ~120 ms, most of the book's quick test — and gains a cache of its own only in node 22
 * (`module.enableCompileCache`). As Python keeps .pyc files: a module's cache is keyed by its path,
 * size and mtime (and V8 refuses data of another V8 or flags), replaces the one of the module's
 * older versions (each build makes a new dist/paws.cjs), and is written once, as soon as the module has
 * run its top level, so it holds the functions loading called too. It lives in node_modules/.cache/paws (the
 * find-cache-dir convention: beside the code it caches, shared by every HOME, and writable by
 * those who can change that code anyway); where it cannot be written, modules compile as before.
 */
import { accessSync, constants, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { Module } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

type Compile = (this: CjsModule, content: string, filename: string) => unknown;
interface CjsModule {
  exports: unknown;
  require(id: string): unknown;
}
interface ModuleInternals {
  prototype: { _compile: Compile };
  _resolveFilename(request: string, parent: CjsModule, isMain: boolean, options?: { paths?: string[] }): string;
  _resolveLookupPaths(request: string, parent: CjsModule): string[] | null;
  _extensions: NodeJS.RequireExtensions;
  _cache: NodeJS.Dict<NodeModule>;
}

const internals = Module as unknown as ModuleInternals;
const DYNAMIC_IMPORT = /\bimport\s*\(/;

/** 64-bit FNV-1a: node:crypto's hashes would cost every start its load (~2 ms before the prompt). */
function fnv1a(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = BigInt.asUintN(64, (hash ^ BigInt(byte)) * 0x100000001b3n);
  return hash.toString(16).padStart(16, '0');
}

/**
 * Where a module's cache goes: `<the path's hash>-<a hash that changes with the file, the code
 * compiled, node and the architecture>`; none for code that is not a file's.
 */
function cacheFile(dir: string, filename: string, content: string): string | undefined {
  let stats;
  try {
    stats = statSync(filename);
  } catch {
    return undefined;
  }
  return join(dir, `${fnv1a(filename)}-${fnv1a(`${stats.size}\0${stats.mtimeMs}\0${content.length}\0${process.version}\0${process.arch}`)}`);
}

/** Deletes the caches of the module's other versions (names that differ from `file` after the path's hash). */
function removeOlder(file: string): void {
  const dir = dirname(file);
  const name = basename(file);
  const older = new RegExp(`^${name.slice(0, name.indexOf('-'))}-[0-9a-f]{16}$`);
  for (const other of readdirSync(dir)) if (other !== name && older.test(other)) rmSync(join(dir, other), { force: true });
}

/** The `require` node gives a module's code (lib/internal/modules/helpers.js makeRequireFunction). */
function requireFor(mod: CjsModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) => internals._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => internals._resolveLookupPaths(request, mod);
  return Object.assign(require, { resolve, main: process.mainModule, extensions: internals._extensions, cache: internals._cache });
}

/** Compiles CommonJS modules through the cache in `dir` from now on (a no-op if `dir` cannot be written). */
export function enableCompileCache(dir = fileURLToPath(new URL('../../node_modules/.cache/paws', import.meta.url))): void {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch {
    return;
  }
  const original = internals.prototype._compile;
  const save = (script: Script, file: string) => {
    const temporary = `${file}.${process.pid}`;
    try {
      writeFileSync(temporary, script.createCachedData());
      renameSync(temporary, file); // whole or not at all, whatever other paws write at once
      removeOlder(file);
    } catch {
      // Read-only or full: the module compiles from source next time, as without a cache.
    }
  };
  internals.prototype._compile = function (content, filename) {
    // node compiles a file starting `#!` itself (it strips the line).
    const file = content.startsWith('#!') ? undefined : cacheFile(dir, filename, content);
    if (file === undefined) return original.call(this, content, filename);
    let cachedData: Buffer | undefined;
    try {
      cachedData = readFileSync(file);
    } catch {
      cachedData = undefined;
    }
    // Code with an `import()` has no cache and is left to node: node 20 loses a script's
    // dynamic-import hook when it comes from cached data. Only a miss scans for one (2 MB of EC2 client).
    if (cachedData === undefined && DYNAMIC_IMPORT.test(content)) return original.call(this, content, filename);
    const script = new Script(Module.wrap(content), { filename, cachedData });
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const result = wrapper.call(this.exports, this.exports, requireFor(this), this, filename, dirname(filename));
    // Written at once, not at a later turn of the event loop: paws closed at its first prompt (a
    // hang-up is handled before a later turn's callbacks) would otherwise never write its cache.
    if (cachedData === undefined || script.cachedDataRejected) save(script, file);
    return result;
  };
}
