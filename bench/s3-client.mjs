/**
 * One paws client run for bench/s3.mjs, in its own process so its time and peak memory are its
 * own: `node bench/s3-client.mjs multipart FILE BUCKET`, `… du BUCKET`, or `… put BUCKET COUNT`
 * (COUNT small PutObjects through the prompt's `s3`, 64 in flight). Each runs as an input typed
 * at the prompt runs — one evaluation of paws's REPL (the evaluation's abort signal, paws's
 * middleware), which a bare call from a script would not pay for. `… sdk-put BUCKET COUNT` makes
 * the same PutObjects with the AWS SDK's own S3 client in a bare script: the ceiling paws's `s3`
 * is built on. Prints one JSON line: the operation's wall time and CPU (start-up excluded), peak
 * RSS and result.
 */
import { PassThrough } from 'node:stream';
import { enableCompileCache } from '../dist/src/compile-cache.js';

// As bin/paws.js does, before the SDK loads.
enableCompileCache();
const { serviceFolders, Session } = await import('../dist/src/helpers/index.js');
const { Evaluator } = await import('../dist/src/repl/evaluator.js');

const [mode, ...args] = process.argv.slice(2);
// Benchmarks talk to a local sandbox only.
if (!/^http:\/\/(127\.0\.0\.1|\[::1\]|localhost):\d+\/?$/.test(process.env.AWS_ENDPOINT_URL ?? '')) {
  console.error('bench/s3-client.mjs: AWS_ENDPOINT_URL must name a sandbox on 127.0.0.1 (bench/s3.mjs sets it)');
  process.exit(2);
}
const session = new Session(
  {
    region: 'us-east-1',
    endpoint: process.env.AWS_ENDPOINT_URL,
    credentials: async () => ({ accessKeyId: process.env.AWS_ACCESS_KEY_ID, secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY }),
    forcePathStyle: true,
    sandbox: true,
    endpointLabel: 'bench',
  },
  serviceFolders,
  { out: { write: () => true, isTTY: false } },
);
const prompt = new Evaluator(session, { output: new PassThrough(), tapStdout: false });

/** The value of `code` typed at the prompt. */
async function typed(code) {
  const outcome = await prompt.evaluate(code, 'bench');
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

const quoted = args.map((a) => JSON.stringify(a));
/**
 * Small objects, keys spread over 100 prefixes (bucketDu's work), 64 requests in flight as a user's
 * Promise.all would, through whichever `s3` is in scope; its value the number put. One text for
 * both clients: typed at the prompt (`put`), or the body of a function given the SDK's (`sdk-put`).
 */
const putLoop = () => `(async () => {
    let next = 0;
    await Promise.all(Array.from({ length: 64 }, async () => {
      while (next < ${Number(args[1])}) {
        const i = next++;
        await s3.putObject({ Bucket: ${quoted[0]}, Key: \`k/\${String(i % 100).padStart(2, '0')}/\${i}\`, Body: Buffer.alloc(i % 10, 'x') });
      }
    }));
    return next;
  })()`;
const input = {
  multipart: () => `(await multipartUpload(${quoted[0]}, ${quoted[1]}, 'big.bin')).etag`,
  du: () => `await bucketDu(${quoted[0]})`,
  put: () => `await ${putLoop()}`,
}[mode];

/** `put`'s PutObjects with the SDK's S3 client alone, from a script. */
async function sdkPut(Bucket) {
  const { S3 } = await import('@aws-sdk/client-s3');
  const s3 = new S3({ endpoint: process.env.AWS_ENDPOINT_URL, region: 'us-east-1', forcePathStyle: true });
  await s3.headBucket({ Bucket });
  const loop = new Function('s3', `return ${putLoop()};`);
  return () => loop(s3);
}

// The first call loads the S3 client: not part of what is measured.
if (mode === 'put') await typed(`await s3.headBucket({ Bucket: ${quoted[0]} })`);
const sdk = mode === 'sdk-put' ? await sdkPut(args[0]) : undefined;
const cpu = process.cpuUsage();
const started = performance.now();
const result = sdk ? await sdk() : await typed(input());
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - started, cpuUs: user + system, maxRssKiB: process.resourceUsage().maxRSS, result }));
prompt.close();
