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
// A test that hangs fails after 5 minutes (the slowest take about 1.5 on a loaded machine), and a
// test file whose tests are over ends even if something it started lives on: either would otherwise
// hold the run until CI's own limit, with no word of which test it was.
const args = ['--test', '--test-concurrency=2', '--test-timeout=300000', '--test-force-exit', ...files];
const WHOLE_RUN_MS = 45 * 60_000;
const r = spawnSync(process.execPath, args, { stdio: 'inherit', env, timeout: WHOLE_RUN_MS, killSignal: 'SIGKILL' });
if (r.error?.code === 'ETIMEDOUT') console.error(`the test run was stopped after ${WHOLE_RUN_MS / 60_000} minutes: a test file has hung (the last one reported above was running)`);
process.exit(r.status ?? 1);
