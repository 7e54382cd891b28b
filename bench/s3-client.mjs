/**
 * One paws client run for bench/s3.mjs, in its own process so its time and peak memory are its
 * own: `node bench/s3-client.mjs multipart FILE BUCKET` or `… du BUCKET`. Prints one JSON line.
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
const started = performance.now();
const result = mode === 'multipart' ? (await globals.multipartUpload(args[0], args[1], 'big.bin')).etag : await globals.bucketDu(args[0]);
console.log(JSON.stringify({ ms: performance.now() - started, maxRssKiB: process.resourceUsage().maxRSS, result }));
