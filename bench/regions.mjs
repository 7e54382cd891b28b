#!/usr/bin/env node
/**
 * Recipe 2.11 across regions: wall time of findAllRunningInstances() over every enabled region with
 * the sandbox answering each request after 100 ms, beside the slowest single region and the sum of
 * the per-region times (what the book's serial loop costs). Goal: wall ≤ 1.3× the slowest region.
 * Usage: npm run build && node bench/regions.mjs [--runs N] [--latency MS]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ratioFigure, report } from './figures.mjs';

process.env.AWS_EC2_METADATA_DISABLED = 'true';
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, latency: { type: 'string', default: '100' } } });
const RUNS = Number(values.runs);
const dist = new URL('../dist/src/', import.meta.url);
const { startSandbox } = await import(new URL('sandbox/index.js', dist));
const { Session } = await import(new URL('helpers/core/session.js', dist));
const { serviceFolders } = await import(new URL('helpers/index.js', dist));
const { findAllRunningInstances } = await import(new URL('helpers/ec2/recipes/find-running-instances.js', dist));
const { ec2For } = await import(new URL('helpers/ec2/recipes/clients.js', dist));

const dir = mkdtempSync(join(tmpdir(), 'paws-bench-regions-'));
process.env.PAWS_HOME = dir;
const sandbox = await startSandbox({ port: 0, stateDir: join(dir, 'state'), timeScale: 0.02, latencyMs: Number(values.latency) });
const { accessKeyId, secretAccessKey } = sandbox.credentials;
const session = new Session(
  { region: 'us-east-1', endpoint: sandbox.endpoint, credentials: async () => ({ accessKeyId, secretAccessKey }), forcePathStyle: true, sandbox: true, endpointLabel: sandbox.endpoint },
  serviceFolders,
);

// Something to find: an instance in a few regions.
for (const region of ['us-east-1', 'eu-west-1', 'ap-northeast-1']) {
  const ec2 = await ec2For(session, { region });
  const [image] = await ec2.images({ owners: ['amazon'], filters: { name: 'al2023-ami-*-x86_64' } });
  await ec2.runInstances({ ImageId: image.id, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro' });
}
await new Promise((r) => setTimeout(r, 1000));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = async (fn) => {
  const t = performance.now();
  await fn();
  return performance.now() - t;
};

const regions = (await (await ec2For(session, { region: 'us-east-1' })).regions()).map((r) => r.name);
const walls = [];
const perRegion = Object.fromEntries(regions.map((r) => [r, []]));
for (let run = 0; run < RUNS; run++) {
  walls.push(await time(() => findAllRunningInstances(session, undefined, { quiet: true })));
  for (const region of regions) {
    perRegion[region].push(await time(async () => (await ec2For(session, { region })).instances({ 'instance-state-name': 'running' })));
  }
}
const regionMedians = regions.map((r) => median(perRegion[r]));
const wall = median(walls);
const slowest = Math.max(...regionMedians);
const serial = regionMedians.reduce((a, b) => a + b, 0);
const ms = (x) => `${x.toFixed(0)} ms`.padStart(9);
console.log(`findAllRunningInstances() over ${regions.length} regions, ${values.latency} ms per request, median of ${RUNS}`);
console.log(`  wall time (all regions at once)  ${ms(wall)}`);
console.log(`  slowest single region            ${ms(slowest)}`);
console.log(`  sum of the regions (book, serial) ${ms(serial)}`);
report([ratioFigure(`findAllRunningInstances() over ${regions.length} regions / slowest single region`, `${wall.toFixed(0)} ms`, `${slowest.toFixed(0)} ms`, wall / slowest, 1.3, false)]);
await sandbox.close();
rmSync(dir, { recursive: true, force: true });
