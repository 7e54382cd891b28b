#!/usr/bin/env node
/**
 * Start-up benchmark: medians of several runs, printed as a table.
 *   time to prompt: paws, paws --sandbox, the bare node REPL; time to exit: aws --version,
 *   python3 -c 'import boto3'; the book's quick test (prompt + zones) vs the AWS CLI, same sandbox.
 * Usage: npm run build && node bench/startup.mjs [--runs N]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pty from 'node-pty';
import { ratioFigure, report } from './figures.mjs';

// 15: a start takes ~0.1 s and this shared machine's scheduling moves single ones by ±30%; 7 runs' medians moved the
// ratio by ±0.1 between runs of the bench, 21 runs' by a few hundredths.
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const RUNS = Number(values.runs);
const BIN = fileURLToPath(new URL('../bin/paws.js', import.meta.url));
const AWS = '/usr/bin/aws';
const PYTHON = '/usr/bin/python3';
const home = mkdtempSync(join(tmpdir(), 'paws-bench-'));

function baseEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('AWS_')));
  return { ...env, HOME: home, PAWS_HISTORY: join(home, 'history'), NODE_REPL_HISTORY: '', AWS_EC2_METADATA_DISABLED: 'true', NO_COLOR: '1', ...extra };
}

/** Milliseconds until `pattern` appears in a pty running the command (after `input`, if given). */
function timeInPty(file, args, env, pattern, input) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const term = pty.spawn(file, args, { cols: 200, rows: 50, env });
    let out = '';
    let sent = false;
    let done = false;
    const timer = setTimeout(() => {
      term.kill();
      reject(new Error(`timeout: ${file} ${args.join(' ')}\n${out}`));
    }, 20_000);
    term.onData((d) => {
      out += d.replace(/\x1b\[[0-9;?]*[A-Za-z]|\r/g, '');
      if (input && !sent && out.includes(input.after)) {
        sent = true;
        term.write(`${input.line}\r`);
      }
      if (!done && (!input || sent) && pattern.test(out.slice(input ? out.lastIndexOf(input.line) : 0))) {
        const ms = performance.now() - started;
        done = true;
        clearTimeout(timer);
        // The next run starts once this one has ended: a process still winding down after the hang-up
        // (paws finishing its warm-up) would take the CPU from the next run's start.
        term.onExit(() => resolve(ms));
        term.kill();
      }
    });
  });
}

/** Milliseconds until the command exits (status 0 required). */
function timeToExit(file, args, env) {
  const started = performance.now();
  const r = spawnSync(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed: ${r.stderr}`);
  return performance.now() - started;
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function startSandbox() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--json', '--state', join(home, 'sandbox')], { stdio: ['pipe', 'pipe', 'inherit'], env: baseEnv() });
    child.stdout.setEncoding('utf8').once('data', (line) => resolve({ child, ...JSON.parse(line) }));
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
}

const sandbox = await startSandbox();
const keys = { AWS_ACCESS_KEY_ID: sandbox.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.secretAccessKey, AWS_REGION: 'us-east-1' };
const pawsEnv = baseEnv(keys);
const rows = [];
/**
 * A row per measure, with the median of its runs; the measures are run in turns (one run of each,
 * RUNS times) so that a change in the load of this shared machine falls on paws and its peer alike:
 * all of one command's runs, then all of the next's, moved the ratio by as much as ±0.2.
 */
async function addInTurns(...measures) {
  const runs = new Map(measures.filter((m) => !m.skip).map((m) => [m, []]));
  for (let i = 0; i < RUNS; i++) for (const [m, times] of runs) times.push(await m.fn());
  for (const m of measures) rows.push([m.name, m.what, m.skip ? `skipped: ${m.skip}` : `${median(runs.get(m)).toFixed(0)} ms`]);
}

await addInTurns(
  { name: 'node (bare REPL)', what: 'time to prompt', fn: () => timeInPty(process.execPath, [], baseEnv(), /> $/) },
  { name: 'paws', what: 'time to prompt', fn: () => timeInPty(process.execPath, [BIN, '--endpoint', sandbox.endpoint], pawsEnv, /paws> $/) },
);
// Apart: the sandbox child each of these starts may outlive it for a moment.
await addInTurns({ name: 'paws --sandbox', what: 'time to prompt', fn: () => timeInPty(process.execPath, [BIN, '--sandbox'], baseEnv(), /paws> $/) });
const boto = existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3']).status === 0;
await addInTurns(
  { name: 'aws --version', what: 'time to exit', fn: () => timeToExit(AWS, ['--version'], baseEnv()), skip: !existsSync(AWS) && `${AWS} missing` },
  { name: "python3 -c 'import boto3'", what: 'time to exit', fn: () => timeToExit(PYTHON, ['-c', 'import boto3'], baseEnv()), skip: !boto && 'boto3 not importable by /usr/bin/python3' },
);
const quick = { after: 'paws> ', line: 'await ec2.zones()' };
await addInTurns(
  { name: 'paws: prompt + ec2.zones()', what: 'quick test', fn: () => timeInPty(process.execPath, [BIN, '--endpoint', sandbox.endpoint], pawsEnv, /Zone:us-east-1a/, quick) },
  {
    name: 'aws ec2 describe-availability-zones',
    what: 'quick test',
    fn: () => timeToExit(AWS, ['ec2', 'describe-availability-zones', '--endpoint-url', sandbox.endpoint, '--output', 'json'], baseEnv(keys)),
    skip: !existsSync(AWS) && `${AWS} missing`,
  },
);

sandbox.child.kill();
rmSync(home, { recursive: true, force: true });

const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length), 8));
const line = (r) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
console.log(`median of ${RUNS} runs`);
console.log(line(['command', 'measures', 'median']));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows) console.log(line(r));
const ms = (name) => parseFloat(rows.find((r) => r[0] === name)[2]);
const [node, paws, quickPaws, quickAws] = ['node (bare REPL)', 'paws', 'paws: prompt + ec2.zones()', 'aws ec2 describe-availability-zones'].map(ms);
console.log();
report([
  ratioFigure('time to prompt / bare node REPL', `${paws} ms`, `${node} ms`, paws / node, 1.3, false),
  ratioFigure('book quick test / aws ec2 describe-availability-zones', `${quickPaws} ms`, `${quickAws} ms`, quickPaws / quickAws, 0.5, false),
]);
