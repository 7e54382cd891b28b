#!/usr/bin/env node
/**
 * CloudWatch PutMetricData against a sandbox in its own process (durable answers, issue 11):
 * requests/s with no points stored, then again once 100,000 points are stored in the same metric.
 * Goal: flat — the second rate at least 0.9× the first.
 * Usage: npm run build && node bench/cloudwatch.mjs [--requests 3000] [--points 100000] [--concurrency 16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CloudWatch } from '@aws-sdk/client-cloudwatch';
import { startSandboxChild } from './sandbox-child.mjs';
import { ratioFigure, report } from './figures.mjs';

const { values } = parseArgs({ options: { requests: { type: 'string', default: '3000' }, points: { type: 'string', default: '100000' }, concurrency: { type: 'string', default: '16' } } });
const REQUESTS = Number(values.requests);
const POINTS = Number(values.points);
const CONCURRENCY = Number(values.concurrency);
const work = mkdtempSync(join(tmpdir(), 'paws-bench-cloudwatch-'));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

const { child: sandbox, info } = await startSandboxChild(join(work, 'state'));
const cw = new CloudWatch({ endpoint: info.endpoint, region: info.region, credentials: { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey } });
const metric = { Namespace: 'Bench', MetricName: 'Latency', Dimensions: [{ Name: 'Service', Value: 'paws' }] };

/** PutMetricData calls of one value each to `target`, CONCURRENCY at a time: requests per second. */
async function rate(target = metric) {
  let sent = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (sent++ < REQUESTS) await cw.putMetricData({ Namespace: target.Namespace, MetricData: [{ ...target, Value: Math.random() * 100, Unit: 'Milliseconds' }] });
  }));
  return REQUESTS / ((performance.now() - started) / 1000);
}

/** Stores `n` more points in the same metric, 150 per call (the most values one datum takes). */
async function fill(n) {
  for (let done = 0; done < n; done += 150) {
    const values = Array.from({ length: Math.min(150, n - done) }, (_, i) => i);
    await cw.putMetricData({ Namespace: metric.Namespace, MetricData: [{ ...metric, Values: values, Unit: 'Milliseconds' }] });
  }
}

for (let i = 0; i < 2; i++) await rate({ ...metric, MetricName: `WarmUp${i}` }); // connections, JIT
const atStart = await rate();
await fill(POINTS);
const atFull = await rate();
const stats = await cw.getMetricStatistics({ ...metric, StartTime: new Date(Date.now() - 3600_000), EndTime: new Date(Date.now() + 60_000), Period: 3600, Statistics: ['SampleCount'] });
const stored = stats.Datapoints.reduce((n, d) => n + d.SampleCount, 0);
const perSecond = (x) => `${x.toFixed(0)} requests/s`.padStart(16);
console.log(`PutMetricData, one value per call, ${CONCURRENCY} in flight, ${REQUESTS} calls per figure (sandbox in its own process, every answer durable)`);
console.log(`  with ${'0'.padStart(7)} points stored ${perSecond(atStart)}`);
console.log(`  with ${(stored - REQUESTS).toLocaleString('en-US').padStart(7)} points stored ${perSecond(atFull)}`);
report([ratioFigure(`PutMetricData/s with ${POINTS.toLocaleString('en-US')} points stored / with none`, perSecond(atFull).trim(), perSecond(atStart).trim(), atFull / atStart, 0.9, true)]);
sandbox.stdin.end();
await new Promise((resolve) => sandbox.once('exit', resolve));
rmSync(work, { recursive: true, force: true });
