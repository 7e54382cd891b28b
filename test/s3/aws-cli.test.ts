/**
 * The AWS CLI as a second client on the same buckets as paws: what one writes the other reads,
 * listings agree, presigned URLs work, and a 100 MB `aws s3 cp` goes through as a multipart upload.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testSandbox, tempDir } from '../helpers/index.js';
import { awsCli, awsCliMissing, type CliResult } from '../helpers/aws-cli.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import type { Bucket } from '../../src/helpers/s3/bucket.js';
import type { Key } from '../../src/helpers/s3/key.js';
import { helper, s3Session, type TestSession } from './support.js';

describe('the AWS CLI agrees with paws', { skip: awsCliMissing }, () => {
  let sandbox: RunningSandbox;
  let t: TestSession;
  const dir = tempDir('paws-s3-cli-');
  const cli = (...args: string[]) => awsCli(sandbox, args);

  before(async () => {
    sandbox = await testSandbox();
    t = await s3Session(sandbox);
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  /** A bucket of the test's own, made by paws's createBucket. */
  async function newBucket(name: string): Promise<Bucket> {
    return helper(t, 'createBucket')(name);
  }

  /** `aws s3 cp` of a small file to `dir/from cli.txt`, with metadata origin=cli. */
  async function uploadByCli(bucket: string): Promise<CliResult> {
    const local = join(dir.path, 'from-cli.txt');
    writeFileSync(local, 'written by the CLI\n');
    return cli('s3', 'cp', local, `s3://${bucket}/dir/from cli.txt`, '--metadata', 'origin=cli');
  }

  /** paws writes `dir/from-paws.txt`. */
  async function writeByPaws(bucket: Bucket): Promise<void> {
    await bucket.newKey('dir/from-paws.txt').setContentsFromString('written by paws\n');
  }

  test('aws s3 cp up, paws reads; paws writes, aws s3 cp down', async () => {
    const bucket = await newBucket('paws-cli');
    const up = await uploadByCli('paws-cli');
    assert.equal(up.status, 0, up.stderr);
    const key = await bucket.lookup('dir/from cli.txt');
    assert.equal(await key!.getContentsAsString(), 'written by the CLI\n');
    assert.deepEqual(key!.metadata, { origin: 'cli' });
    await writeByPaws(bucket);
    const down = join(dir.path, 'down.txt');
    const r = await cli('s3', 'cp', 's3://paws-cli/dir/from-paws.txt', down);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(down, 'utf8'), 'written by paws\n');
  });

  test('aws s3 ls and s3api list-objects-v2 list what paws lists', async () => {
    const bucket = await newBucket('paws-cli-ls');
    await uploadByCli('paws-cli-ls');
    await writeByPaws(bucket);
    const ls = await cli('s3', 'ls', 's3://paws-cli-ls/dir/');
    assert.equal(ls.status, 0, ls.stderr);
    assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(3).join(' ')), ['from cli.txt', 'from-paws.txt']);
    const api = (await cli('s3api', 'list-objects-v2', '--bucket', 'paws-cli-ls', '--prefix', 'dir/')).json();
    const mine: string[] = [];
    for await (const k of bucket.keys({ prefix: 'dir/' })) mine.push(`${(k as Key).name} ${(k as Key).etag}`);
    assert.deepEqual(api.Contents.map((c: { Key: string; ETag: string }) => `${c.Key} ${c.ETag}`), mine);
    const top = (await cli('s3api', 'list-objects', '--bucket', 'paws-cli-ls', '--delimiter', '/')).json();
    assert.deepEqual(top.CommonPrefixes, [{ Prefix: 'dir/' }]);
    const buckets = (await cli('s3api', 'list-buckets')).json();
    assert.deepEqual(buckets.Buckets.map((b: { Name: string }) => b.Name), (await t.s3.buckets()).map((b) => b.name));
  });

  test('aws s3 presign gives a URL that works until it expires', async () => {
    await writeByPaws(await newBucket('paws-cli-presign'));
    const r = await cli('s3', 'presign', 's3://paws-cli-presign/dir/from-paws.txt', '--expires-in', '2');
    assert.equal(r.status, 0, r.stderr);
    const url = r.stdout.trim();
    assert.equal(await (await fetch(url)).text(), 'written by paws\n');
    await new Promise((resolve) => setTimeout(resolve, 3100));
    assert.equal((await fetch(url)).status, 403);
  });

  test('s3api versioning, head-object and copy-object agree with paws', async () => {
    const bucket = await newBucket('paws-cli-versions');
    await uploadByCli('paws-cli-versions');
    await helper(t, 'configureVersioning')('paws-cli-versions');
    const v = (await cli('s3api', 'get-bucket-versioning', '--bucket', 'paws-cli-versions')).json();
    assert.equal(v.Status, 'Enabled');
    const copy = await cli('s3api', 'copy-object', '--bucket', 'paws-cli-versions', '--key', 'copy.txt', '--copy-source', 'paws-cli-versions/dir/from cli.txt', '--storage-class', 'STANDARD_IA');
    assert.equal(copy.status, 0, copy.stderr);
    const head = (await cli('s3api', 'head-object', '--bucket', 'paws-cli-versions', '--key', 'copy.txt')).json();
    const key = await bucket.lookup('copy.txt');
    assert.equal(head.ETag, key!.etag);
    assert.equal(head.StorageClass, 'STANDARD_IA');
    assert.equal(head.VersionId, key!.versionId);
    assert.deepEqual(head.Metadata, { origin: 'cli' });
  });

  test('aws s3 cp of a 100 MB file is a multipart upload with S3 multipart ETag', async () => {
    const bucket = await newBucket('paws-cli-big');
    await uploadByCli('paws-cli-big');
    await writeByPaws(bucket);
    const big = join(dir.path, 'big.bin');
    const out = createWriteStream(big);
    const block = Buffer.alloc(1024 * 1024, 'p');
    for (let i = 0; i < 100; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    const r = await cli('s3', 'cp', big, 's3://paws-cli-big/big.bin');
    assert.equal(r.status, 0, r.stderr);
    const key = await bucket.lookup('big.bin');
    assert.equal(key!.size, 100 * 1024 * 1024);
    assert.match(key!.etag!, /^"[0-9a-f]{32}-13"$/); // 8 MiB parts, as the CLI cuts them
    assert.equal(await helper(t, 'bucketDu')('paws-cli-big'), 100 * 1024 * 1024 + 19 + 16);
    const ls = await cli('s3', 'ls', '--recursive', '--summarize', 's3://paws-cli-big');
    assert.match(ls.stdout, /Total Objects: 3\n\s*Total Size: 104857635/);
  });
});
