/**
 * package.json declares what the code imports, and only that: a package imported by src/, bin/ or
 * recipes/ is in `dependencies` (it ships), one imported only by test/, bench/ or scripts/ (the build) may be a devDependency,
 * and every declared package is imported somewhere (or runs a package.json script).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { REPO } from '../helpers/index.js';

/**
 * Declared ahead of their first import, for a planned feature. Remove an entry once the code
 * imports it (or the plan is dropped).
 */
const PLANNED: string[] = [];

const SHIPPED = ['src', 'bin', 'recipes'];
const DEVELOPMENT = ['test', 'bench', 'scripts'];
const SOURCE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
// A package loaded lazily by the function createRequire(import.meta.url) returns: the TypeScript scanner sees only require calls.
const CREATE_REQUIRE = /createRequire\([^)]*\)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

interface PackageJson {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  bin?: string | Record<string, string>;
}

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(REPO, dir), { recursive: true })
    .map(String)
    .filter((f) => SOURCE.test(f) && !f.split('/').includes('node_modules'))
    .map((f) => join(dir, f));
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`), or undefined for paths and builtins. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return builtinModules.includes(name) ? undefined : name;
}

/** Package name → the files (relative to the repository) that import it, statically, dynamically or by require. */
function importers(dirs: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = readFileSync(join(REPO, file), 'utf8');
    const specifiers = [...ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName), ...[...text.matchAll(CREATE_REQUIRE)].map((m) => m[1])];
    for (const name of new Set(specifiers.map(packageOf))) if (name) found.set(name, [...(found.get(name) ?? []), file]);
  }
  return found;
}

/** Declared packages whose command (`tsc` of typescript) a package.json script runs. */
function runByScripts(pkg: PackageJson, declared: string[]): Set<string> {
  const scripts = Object.values(pkg.scripts ?? {}).join('\n');
  return new Set(
    declared.filter((name) => {
      const manifest = join(REPO, 'node_modules', name, 'package.json');
      if (!existsSync(manifest)) return false;
      const bin: PackageJson['bin'] = readJson(manifest).bin;
      const commands = typeof bin === 'string' ? [name.split('/').pop()!] : Object.keys(bin ?? {});
      return commands.some((c) => new RegExp(`(^|[\\s;&|])${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s|$)`, 'm').test(scripts));
    }),
  );
}

const pkg: PackageJson = readJson(join(REPO, 'package.json'));
const dependencies = Object.keys(pkg.dependencies ?? {});
const devDependencies = Object.keys(pkg.devDependencies ?? {});
const shipped = importers(SHIPPED);
const development = importers(DEVELOPMENT);

test('every package src/, bin/ and recipes/ import is a dependency (it ships with paws)', () => {
  const missing = [...shipped].filter(([name]) => !dependencies.includes(name)).map(([name, files]) => `${name} (imported by ${files.join(', ')})`);
  assert.deepEqual(missing, [], 'add these to "dependencies" in package.json');
});

test('every package test/ and bench/ import is declared', () => {
  const declared = [...dependencies, ...devDependencies];
  const missing = [...development].filter(([name]) => !declared.includes(name)).map(([name, files]) => `${name} (imported by ${files.join(', ')})`);
  assert.deepEqual(missing, [], 'add these to "devDependencies" in package.json');
});

test('every declared package is used: imported, run by a script, types for a used package, or planned', () => {
  const declared = [...dependencies, ...devDependencies];
  const scripted = runByScripts(pkg, declared);
  const tsconfigTypes: string[] = readJson(join(REPO, 'tsconfig.json')).compilerOptions?.types ?? [];
  const used = (name: string) => shipped.has(name) || development.has(name) || scripted.has(name) || PLANNED.includes(name);
  // @types/x is for x (@types/scope__x for @scope/x), or a global named in tsconfig's `types` (node).
  const typesFor = (name: string) => {
    const bare = name.slice('@types/'.length);
    return bare.includes('__') ? `@${bare.replace('__', '/')}` : bare;
  };
  const unused = declared.filter((name) => (name.startsWith('@types/') ? !used(typesFor(name)) && !tsconfigTypes.includes(typesFor(name)) : !used(name)));
  assert.deepEqual(unused, [], 'remove these from package.json (or import them)');
});

test('every planned package is still declared and not yet imported (else drop it from PLANNED)', () => {
  for (const name of PLANNED) {
    assert.ok(dependencies.includes(name), `${name} is planned but not declared`);
    assert.ok(!shipped.has(name) && !development.has(name), `${name} is imported now: remove it from PLANNED`);
  }
});
