#!/usr/bin/env node
/**
 * S3 benchmark against a sandbox in its own process, side by side with the AWS CLI:
 *   - multipartUpload vs `aws s3 cp` of a 1 GiB file: wall time, the client's CPU seconds and peak
 *     RSS (goals: ≥ 1.3× the CLI's speed, ≤ 0.5× its CPU, ≤ 120 MB), and the sandbox's CPU meanwhile;
 *   - small PutObjects per second through paws's `s3` at the prompt, 64 in flight (seeding the next bucket; goal ≥ 2,000/s),
 *     beside the AWS SDK's own S3 client making them from a bare script (what paws's `s3` is built on);
 *   - bucketDu vs `aws s3 ls --recursive --summarize` on 100,000 keys (goal: ≥ 6× faster).
 * Big files and the sandbox state live in a temp dir, removed at the end.
 * Usage: npm run build && node bench/s3.mjs [--size-mib 1024] [--keys 100000]
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { S3 } from '@aws-sdk/client-s3';
import { startSandboxChild } from './sandbox-child.mjs';
import { ratioFigure, report, valueFigure } from './figures.mjs';

const { values } = parseArgs({ options: { 'size-mib': { type: 'string', default: '1024' }, keys: { type: 'string', default: '100000' } } });
const SIZE_MIB = Number(values['size-mib']);
const KEYS = Number(values.keys);
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

const { child: sandbox, info } = await startSandboxChild(join(work, 'state'));
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
const mib = (kib) => `${(kib / 1024).toFixed(0)} MB`;
const figures = [];

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
  console.log(`upload: sandbox CPU ${p.sandboxCpu.toFixed(1)} s under multipartUpload, ${c.sandboxCpu.toFixed(1)} s under aws s3 cp`);
  figures.push(
    ratioFigure(`${SIZE_MIB} MiB multipartUpload client CPU / aws s3 cp`, `${p.cpu.toFixed(1)} s`, `${c.cpu.toFixed(1)} s`, p.cpu / c.cpu, 0.5, false),
    ratioFigure(`${SIZE_MIB} MiB upload speed / aws s3 cp`, rate(p.ms), rate(c.ms), c.ms / p.ms, 1.3, true),
    valueFigure(`${SIZE_MIB} MiB upload peak RSS`, mib(p.maxRssKiB), mib(c.maxRssKiB), p.maxRssKiB / 1024, 120, false, 'MB'),
  );
  rmSync(big);

  // 2. Counting a big bucket.
  await s3.createBucket({ Bucket: 'bench-keys' });
  // Seeded through the prompt's `s3` (paws's own client), so the rate is what a paws user gets.
  const seed = await paws('put', 'bench-keys', String(KEYS));
  const seeded = JSON.parse(seed.stdout);
  // Both share the two cores: whichever needs more CPU per PUT bounds the rate.
  console.log(`small PutObject: CPU per request ${(seeded.cpuUs / KEYS).toFixed(0)} µs in paws's s3 client at the prompt, ${((seed.sandboxCpu / KEYS) * 1e6).toFixed(0)} µs in the sandbox`);
  const du = await paws('du', 'bench-keys');
  const ls = await aws('s3', 'ls', '--recursive', '--summarize', 's3://bench-keys');
  const total = /Total Size: (\d+)/.exec(ls.stdout)[1];
  if (String(JSON.parse(du.stdout).result) !== total) throw new Error(`bucketDu says ${du.stdout}, aws says ${total}`);
  const putRate = (KEYS / seeded.ms) * 1000;
  // The SDK alone, to a bucket of its own (fewer keys: the rate is what matters).
  await s3.createBucket({ Bucket: 'bench-sdk' });
  const sdkKeys = Math.min(KEYS, 20_000);
  const sdkSeed = await paws('sdk-put', 'bench-sdk', String(sdkKeys));
  const sdkSeeded = JSON.parse(sdkSeed.stdout);
  const sdkRate = (sdkKeys / sdkSeeded.ms) * 1000;
  console.log(`small PutObject: CPU per request ${(sdkSeeded.cpuUs / sdkKeys).toFixed(0)} µs in the AWS SDK's S3 client alone, from a bare script`);
  figures.push(
    { ...valueFigure('sandbox small PutObject, 64 in flight (paws s3 / SDK alone)', `${putRate.toFixed(0)}/s`, `${sdkRate.toFixed(0)}/s`, putRate, 2000, true, '/s'), ratio: `${(putRate / sdkRate).toFixed(2)}×` },
    ratioFigure(`bucketDu of ${KEYS.toLocaleString('en-US')} keys / aws s3 ls --recursive --summarize`, `${(du.ms / 1000).toFixed(2)} s`, `${(ls.ms / 1000).toFixed(2)} s`, ls.ms / du.ms, 6, true),
  );
  report(figures);
} finally {
  sandbox.kill('SIGTERM');
  await new Promise((r) => sandbox.once('exit', r));
  rmSync(work, { recursive: true, force: true });
}
