/**
 * What paws's S3 client costs per request, where a test can see it without timing anything: its
 * resolved config, which the SDK copies three times per request, has V8's fast properties
 * (src/helpers/s3/fast-config.ts), before and after requests, and the client still works on it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPO, testSandbox } from '../helpers/index.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';

let sandbox: RunningSandbox;
before(async () => {
  sandbox = await testSandbox();
});
after(() => sandbox.close());

test("the S3 client's config has fast properties, before and after requests", async () => {
  // %HasFastProperties needs a node of its own with --allow-natives-syntax.
  const script = `
const { serviceFolders, Session } = await import(${JSON.stringify(join(REPO, 'dist/src/helpers/index.js'))});
const { accessKeyId, secretAccessKey } = JSON.parse(process.env.KEYS);
const session = new Session({ region: 'us-east-1', endpoint: process.env.ENDPOINT, credentials: async () => ({ accessKeyId, secretAccessKey }), forcePathStyle: true, sandbox: false, endpointLabel: 'test' }, serviceFolders, { out: { write: () => true, isTTY: false } });
const s3 = await session.service('s3');
const fresh = %HasFastProperties(s3.config);
await s3.createBucket({ Bucket: 'fast-config' });
await s3.putObject({ Bucket: 'fast-config', Key: 'k', Body: 'stored' });
const body = await (await s3.getObject({ Bucket: 'fast-config', Key: 'k' })).Body.transformToString();
console.log(JSON.stringify({ fresh, used: %HasFastProperties(s3.config), body }));`;
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, AWS_EC2_METADATA_DISABLED: 'true', AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ENDPOINT: sandbox.endpoint, KEYS: JSON.stringify(sandbox.credentials) };
  const { stdout } = await promisify(execFile)(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { env, cwd: REPO });
  assert.deepEqual(JSON.parse(stdout), { fresh: true, used: true, body: 'stored' });
});
