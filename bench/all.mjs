#!/usr/bin/env node
/**
 * Runs every bench, one after another in its own process (each prints its own output as it goes),
 * then prints all their figures as one table: paws, its peer, the ratio, issue 18's goal, met?
 * Usage: npm run build && node bench/all.mjs [bench names, e.g. startup s3]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { printTable } from './figures.mjs';

const BENCHES = ['startup', 'sandbox', 's3', 'ssh', 'regions', 'cloudwatch'];
const chosen = process.argv.length > 2 ? process.argv.slice(2) : BENCHES;
const unknown = chosen.filter((b) => !BENCHES.includes(b));
if (unknown.length) {
  console.error(`bench/all.mjs: no bench named ${unknown.join(', ')} (benches: ${BENCHES.join(', ')})`);
  process.exit(2);
}
const dir = mkdtempSync(join(tmpdir(), 'paws-bench-all-'));
const file = join(dir, 'figures.jsonl');
const failed = [];
for (const bench of chosen) {
  console.log(`\n## ${bench}`);
  const script = fileURLToPath(new URL(`./${bench}.mjs`, import.meta.url));
  const { status } = spawnSync(process.execPath, [script], { stdio: 'inherit', env: { ...process.env, PAWS_BENCH_FIGURES: file } });
  if (status !== 0) failed.push(bench);
}
let figures = [];
try {
  figures = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
} catch {}
rmSync(dir, { recursive: true, force: true });
console.log('\n## all figures');
printTable(figures);
console.log(`\n${figures.filter((f) => f.met).length} of ${figures.length} goals met${failed.length ? `; failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
