/**
 * One paws client run for bench/s3.mjs, in its own process so its time and peak memory are its
 * own: `node bench/s3-client.mjs multipart FILE BUCKET`, `… du BUCKET`, or `… put BUCKET COUNT`
 * (COUNT small PutObjects through the prompt's `s3`, 64 in flight). Prints one JSON line: the
 * operation's wall time and CPU (start-up excluded), peak RSS and result.
 */
import { enableCompileCache } from '../dist/src/compile-cache.js';

// As bin/paws.js does, before the SDK loads.
enableCompileCache();
const { serviceFolders, Session } = await import('../dist/src/helpers/index.js');

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
const globals = session.globals();

/** Small objects into `bucket`, keys spread over 100 prefixes (bucketDu's work), 64 requests in flight as a user's Promise.all would. */
async function put(bucket, count) {
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < count) {
        const i = next++;
        await globals.s3.putObject({ Bucket: bucket, Key: `k/${String(i % 100).padStart(2, '0')}/${i}`, Body: Buffer.alloc(i % 10, 'x') });
      }
    }),
  );
  return count;
}

// The first call loads the S3 client: not part of what is measured.
if (mode === 'put') await globals.s3.headBucket({ Bucket: args[0] });
const cpu = process.cpuUsage();
const started = performance.now();
const result = mode === 'multipart' ? (await globals.multipartUpload(args[0], args[1], 'big.bin')).etag : mode === 'put' ? await put(args[0], Number(args[1])) : await globals.bucketDu(args[0]);
const { user, system } = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - started, cpuUs: user + system, maxRssKiB: process.resourceUsage().maxRSS, result }));
