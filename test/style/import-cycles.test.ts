/**
 * No runtime import cycles in paws's own modules (as zx checks with madge): a cycle makes load
 * order matter, and a class can be undefined where the other module first uses it. Reads the
 * compiled output, where type-only imports are already gone; dynamic `import()` is lazy and
 * does not count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { REPO } from '../helpers/index.js';

const SRC = join(REPO, 'dist', 'src');
const STATIC_IMPORT = /^\s*(?:import|export)\s[^;]*?\sfrom\s*['"](\.[^'"]+)['"]|^\s*import\s*['"](\.[^'"]+)['"]/gm;

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of readdirSync(SRC, { recursive: true }).map(String).filter((f) => f.endsWith('.js'))) {
    const path = join(SRC, file);
    const targets = [...readFileSync(path, 'utf8').matchAll(STATIC_IMPORT)].map((m) => resolve(dirname(path), m[1] ?? m[2]));
    graph.set(path, targets);
  }
  return graph;
}

/** Strongly connected components of more than one module (Tarjan), or a module importing itself. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return found;
}

test('no module of src/ takes part in a runtime import cycle', () => {
  const graph = importGraph();
  assert.ok(graph.size > 50, `expected the compiled sources under ${SRC}`);
  const named = cycles(graph).map((c) => c.map((f) => relative(SRC, f)).sort().join(' ↔ '));
  assert.deepEqual(named, []);
});
