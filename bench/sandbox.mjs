#!/usr/bin/env node
/**
 * The sandbox's request rate beside a bare node http server's, 50 clients on keep-alive
 * connections, each in its own process: ListBuckets (S3, REST-XML), DescribeInstances (EC2
 * query) and a small PutObject (always the same key) replayed as the SDK signed them; the bare
 * server answers the same bytes. Goals: ≥ 0.6× the bare server; PutObject ≥ 2,000/s. The server's
 * CPU per request is printed too: it depends less than the rates on what else the machine runs, though
 * a busy machine still raises it (the sandbox's more than the bare server's).
 * Usage: npm run build && node bench/sandbox.mjs [--seconds 3] [--clients 50] [--only ListBuckets] [--warm 0.5]
 * (--only: one call's figure, e.g. to profile the sandbox under that call alone. --warm: seconds of
 * load before the measured ones; on a busy machine 0.5 s leaves a fresh sandbox's JIT compiling
 * inside them, which can double its CPU per request.)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { EC2 } from '@aws-sdk/client-ec2';
import { S3 } from '@aws-sdk/client-s3';
import { ratioFigure, report, valueFigure } from './figures.mjs';
import { startSandboxChild } from './sandbox-child.mjs';

const { values } = parseArgs({ options: { seconds: { type: 'string', default: '3' }, clients: { type: 'string', default: '50' }, only: { type: 'string' }, warm: { type: 'string', default: '0.5' } } });
const LOAD = fileURLToPath(new URL('./http-load.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'paws-bench-sandbox-'));
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
process.env.AWS_EC2_METADATA_DISABLED = 'true';

/** A `node bench/http-load.mjs …` process, and the JSON lines it prints, one by one. */
function load(...args) {
  const child = spawn(process.execPath, [LOAD, ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise((_, reject) => child.on('exit', (code) => reject(new Error(`bench/http-load.mjs ${args[0]} exited ${code}`))));
  exited.catch(() => {});
  const next = async () => JSON.parse((await Promise.race([lines.next(), exited])).value);
  return { child, next };
}

/** CPU seconds a process has used so far (Linux). */
function cpuSeconds(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}

/** Headers node's http server writes itself, whatever the answer. */
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * The request as `client` signs it for `call`, and the sandbox's answer to it: status, headers and
 * body as sent. Captured inside the deserializer (which reads the body and leaves it empty), so
 * the peer answers the same bytes, body included.
 */
async function captured(client, call) {
  let signed;
  const capture = (next) => async (args) => {
    signed = args.request;
    const out = await next(args);
    const chunks = [];
    for await (const c of out.response.body) chunks.push(c);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers = Object.fromEntries(Object.entries(out.response.headers).filter(([name]) => !OWN_HEADERS.has(name)));
    signed.answer = { status: out.response.statusCode, headers, body };
    out.response.body = Readable.from([Buffer.from(body)]);
    return out;
  };
  client.middlewareStack.addRelativeTo(capture, { name: 'benchCapture', relation: 'after', toMiddleware: 'deserializerMiddleware' });
  await call();
  client.middlewareStack.remove('benchCapture');
  const query = new URLSearchParams(signed.query ?? {}).toString();
  return { path: `${signed.path}${query ? `?${query}` : ''}`, spec: { method: signed.method, headers: signed.headers, body: signed.body }, answer: signed.answer };
}

const { child: sandbox, info } = await startSandboxChild(join(work, 'state'));
const credentials = { accessKeyId: info.accessKeyId, secretAccessKey: info.secretAccessKey };
try {
  const s3 = new S3({ endpoint: info.endpoint, region: info.region, credentials, forcePathStyle: true });
  await s3.createBucket({ Bucket: 'bench-bucket' });
  const ec2 = new EC2({ endpoint: info.endpoint, region: info.region, credentials });
  const calls = [
    ['ListBuckets', await captured(s3, () => s3.listBuckets({}))],
    ['DescribeInstances', await captured(ec2, () => ec2.describeInstances({}))],
    ['PutObject', await captured(s3, () => s3.putObject({ Bucket: 'bench-bucket', Key: 'small', Body: 'hello' }))],
  ];
  const figures = [];
  for (const [name, { path, spec, answer }] of calls.filter(([name]) => !values.only || name === values.only)) {
    /** Requests per second, and the server's CPU µs per request, both after the warm-up (connections, JIT). */
    const rate = async (base, server) => {
      const { child, next } = load('hit', `${base}${path}`, JSON.stringify(spec), values.seconds, values.clients, values.warm);
      await next(); // warm
      const cpuBefore = cpuSeconds(server.pid);
      const { perSecond, requests } = await next();
      const cpuUs = ((cpuSeconds(server.pid) - cpuBefore) / requests) * 1e6;
      await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r()));
      return { perSecond, cpuUs };
    };
    const ours = await rate(info.endpoint, sandbox);
    const bare = load('serve', JSON.stringify(answer));
    const { url } = await bare.next();
    const theirs = await rate(url, bare.child);
    bare.child.stdin.end();
    console.log(`${name}: server CPU per request ${ours.cpuUs.toFixed(0)} µs (sandbox) vs ${theirs.cpuUs.toFixed(0)} µs (bare node http server)`);
    const figure = `sandbox ${name} / bare node http server, ${values.clients} clients`;
    const [a, b] = [`${ours.perSecond.toFixed(0)}/s`, `${theirs.perSecond.toFixed(0)}/s`];
    figures.push(name === 'PutObject' ? valueFigure(figure, a, b, ours.perSecond, 2000, true, '/s') : ratioFigure(figure, a, b, ours.perSecond / theirs.perSecond, 0.6, true));
  }
  report(figures);
} finally {
  sandbox.stdin.end();
  await new Promise((resolve) => sandbox.once('exit', resolve));
  rmSync(work, { recursive: true, force: true });
}
