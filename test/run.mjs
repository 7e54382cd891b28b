// Runs the compiled test files (dist/test/**/*.test.js) with node's own test runner.
// Usage: node test/run.mjs [substring ...]   — only files whose path contains a substring.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const root = new URL('../dist/test/', import.meta.url).pathname;
const filters = process.argv.slice(2);
const files = readdirSync(root, { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.js'))
  .filter((f) => filters.length === 0 || filters.some((s) => f.includes(s)))
  .sort()
  .map((f) => join(root, f));
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
const env = { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' };
const r = spawnSync(process.execPath, ['--test', '--test-concurrency=2', ...files], { stdio: 'inherit', env });
process.exit(r.status ?? 1);
