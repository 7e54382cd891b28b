#!/usr/bin/env node
/**
 * S3 benchmark against a sandbox in its own process, side by side with the AWS CLI:
 *   - multipartUpload vs `aws s3 cp` of a 1 GiB file: throughput and peak RSS of the client
 *     (goals: ≥ 1.5× the CLI's throughput, ≤ 150 MB), and the CPU seconds of client and sandbox;
 *   - bucketDu vs `aws s3 ls --recursive --summarize` on 100,000 keys (goal: ≥ 2× faster).
 * Big files and the sandbox state live in a temp dir, removed at the end.
 * Usage: npm run build && node bench/s3.mjs [--size-mib 1024] [--keys 100000]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { S3 } from '@aws-sdk/client-s3';
import { SANDBOX_NODE_FLAGS } from '../dist/src/repl/sandbox-process.js';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' }, keys: { type: 'string', default: '100000' } } });
const SIZE_MIB = Number(values['size-mib']);
const KEYS = Number(values.keys);
const BIN = fileURLToPath(new URL('../bin/paws.js', import.meta.url));
const CLIENT = fileURLToPath(new URL('./s3-client.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paws-bench-s3-'));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

function run(file, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve({ stdout, stderr }) : reject(new Error(`${file} ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

/** CPU seconds a process has used so far (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

/** Wall time, peak RSS and CPU of a command (GNU time), and the CPU the sandbox spent meanwhile. */
async function timed(file, args, env) {
  const started = performance.now();
  const sandboxBefore = cpuSeconds(sandbox.pid);
  const { stdout, stderr } = await run('/usr/bin/time', ['-f', 'maxrss=%M cpu=%U+%S', file, ...args], env);
  const [, rss, user, sys] = /maxrss=(\d+) cpu=([\d.]+)\+([\d.]+)/.exec(stderr);
  return { ms: performance.now() - started, maxRssKiB: Number(rss), cpu: Number(user) + Number(sys), sandboxCpu: cpuSeconds(sandbox.pid) - sandboxBefore, stdout };
}

// Started as the REPL starts its sandbox, with the same V8 flags.
const sandbox = spawn(process.execPath, [...SANDBOX_NODE_FLAGS, BIN, 'sandbox', '--json', '--port', '0', '--state', join(work, 'state')], { stdio: ['pipe', 'pipe', 'inherit'] });
const info = JSON.parse(await new Promise((resolve) => createInterface({ input: sandbox.stdout }).once('line', resolve)));
const env = {
  PATH: process.env.PATH,
  HOME: work,
  AWS_ENDPOINT_URL: info.endpoint,
  AWS_ACCESS_KEY_ID: info.accessKeyId,
  AWS_SECRET_ACCESS_KEY: info.secretAccessKey,
  AWS_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_PAGER: '',
};
const s3 = new S3({ endpoint: info.endpoint, region: 'us-east-1', credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey }, forcePathStyle: true });
const aws = (...args) => timed('/usr/bin/aws', ['--endpoint-url', info.endpoint, ...args], env);
const paws = (...args) => timed(process.execPath, [CLIENT, ...args], env);
const mib = (kib) => `${(kib / 1024).toFixed(0)} MiB`;
const rows = [];

try {
  // 1. A big upload.
  const big = join(work, 'big.bin');
  // Flushed before timing: its writeback would otherwise compete with whichever upload runs first.
  const out = createWriteStream(big, { flush: true });
  const block = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < SIZE_MIB; i++) {
    block.fill(i & 0xff, 0, 64);
    if (!out.write(Buffer.from(block))) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
  await s3.createBucket({ Bucket: 'bench-paws' });
  await s3.createBucket({ Bucket: 'bench-cli' });
  const p = await paws('multipart', big, 'bench-paws');
  const c = await aws('s3', 'cp', big, 's3://bench-cli/big.bin', '--only-show-errors');
  const rate = (ms) => `${(SIZE_MIB / (ms / 1000)).toFixed(0)} MiB/s`;
  // Client and sandbox share the machine's cores: their CPU seconds tell where an upload's time goes.
  const cpu = (t) => `CPU ${t.cpu.toFixed(1)} s + sandbox ${t.sandboxCpu.toFixed(1)} s`;
  rows.push([`upload ${SIZE_MIB} MiB`, `${rate(p.ms)}, peak ${mib(p.maxRssKiB)}`, `${rate(c.ms)}, peak ${mib(c.maxRssKiB)}`, `${(c.ms / p.ms).toFixed(2)}× (goal ≥ 1.5×; RSS goal ≤ 150 MB)`]);
  rows.push(['', cpu(p), cpu(c), '']);
  rmSync(big);

  // 2. Counting a big bucket.
  await s3.createBucket({ Bucket: 'bench-keys' });
  const seedStart = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < KEYS) {
        const i = next++;
        await s3.putObject({ Bucket: 'bench-keys', Key: `k/${String(i % 100).padStart(2, '0')}/${i}`, Body: Buffer.alloc(i % 10, 'x') });
      }
    }),
  );
  const seeded = performance.now() - seedStart;
  const du = await paws('du', 'bench-keys');
  const ls = await aws('s3', 'ls', '--recursive', '--summarize', 's3://bench-keys');
  const total = /Total Size: (\d+)/.exec(ls.stdout)[1];
  if (String(JSON.parse(du.stdout).result) !== total) throw new Error(`bucketDu says ${du.stdout}, aws says ${total}`);
  rows.push([`count ${KEYS.toLocaleString('en-US')} keys`, `${(du.ms / 1000).toFixed(2)} s`, `${(ls.ms / 1000).toFixed(2)} s`, `${(ls.ms / du.ms).toFixed(2)}× (goal ≥ 2×)`]);
  console.log(`(seeded ${KEYS} keys in ${(seeded / 1000).toFixed(1)} s: ${((KEYS / seeded) * 1000).toFixed(0)} PUT/s)`);

  const header = ['', 'paws', 'aws CLI', 'paws vs CLI'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const r of [header, ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  │  '));
} finally {
  sandbox.kill('SIGTERM');
  await new Promise((r) => sandbox.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
