/**
 * The AWS CLI as a second client on the same buckets as paws: what one writes the other reads,
 * listings agree, presigned URLs work, and a 100 MB `aws s3 cp` goes through as a multipart upload.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testSandbox, tempDir } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
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
    await helper(t, 'createBucket')('paws-cli');
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  test('aws s3 cp up, paws reads; paws writes, aws s3 cp down', async () => {
    const local = join(dir.path, 'from-cli.txt');
    writeFileSync(local, 'written by the CLI\n');
    const up = await cli('s3', 'cp', local, 's3://paws-cli/dir/from cli.txt', '--metadata', 'origin=cli');
    assert.equal(up.status, 0, up.stderr);
    const key = await (await t.s3.lookup('paws-cli'))!.lookup('dir/from cli.txt');
    assert.equal(await key!.getContentsAsString(), 'written by the CLI\n');
    assert.deepEqual(key!.metadata, { origin: 'cli' });
    await (await t.s3.lookup('paws-cli'))!.newKey('dir/from-paws.txt').setContentsFromString('written by paws\n');
    const down = join(dir.path, 'down.txt');
    const r = await cli('s3', 'cp', 's3://paws-cli/dir/from-paws.txt', down);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(down, 'utf8'), 'written by paws\n');
  });

  test('aws s3 ls and s3api list-objects-v2 list what paws lists', async () => {
    const ls = await cli('s3', 'ls', 's3://paws-cli/dir/');
    assert.equal(ls.status, 0, ls.stderr);
    assert.deepEqual(ls.stdout.trim().split('\n').map((l) => l.split(/\s+/).slice(3).join(' ')), ['from cli.txt', 'from-paws.txt']);
    const api = (await cli('s3api', 'list-objects-v2', '--bucket', 'paws-cli', '--prefix', 'dir/')).json();
    const mine: string[] = [];
    for await (const k of (await t.s3.lookup('paws-cli'))!.keys({ prefix: 'dir/' })) mine.push(`${(k as Key).name} ${(k as Key).etag}`);
    assert.deepEqual(api.Contents.map((c: { Key: string; ETag: string }) => `${c.Key} ${c.ETag}`), mine);
    const top = (await cli('s3api', 'list-objects', '--bucket', 'paws-cli', '--delimiter', '/')).json();
    assert.deepEqual(top.CommonPrefixes, [{ Prefix: 'dir/' }]);
    const buckets = (await cli('s3api', 'list-buckets')).json();
    assert.deepEqual(buckets.Buckets.map((b: { Name: string }) => b.Name), (await t.s3.buckets()).map((b) => b.name));
  });

  test('aws s3 presign gives a URL that works until it expires', async () => {
    const r = await cli('s3', 'presign', 's3://paws-cli/dir/from-paws.txt', '--expires-in', '2');
    assert.equal(r.status, 0, r.stderr);
    const url = r.stdout.trim();
    assert.equal(await (await fetch(url)).text(), 'written by paws\n');
    await new Promise((resolve) => setTimeout(resolve, 3100));
    assert.equal((await fetch(url)).status, 403);
  });

  test('s3api versioning, head-object and copy-object agree with paws', async () => {
    await helper(t, 'configureVersioning')('paws-cli');
    const v = (await cli('s3api', 'get-bucket-versioning', '--bucket', 'paws-cli')).json();
    assert.equal(v.Status, 'Enabled');
    const copy = await cli('s3api', 'copy-object', '--bucket', 'paws-cli', '--key', 'copy.txt', '--copy-source', 'paws-cli/dir/from cli.txt', '--storage-class', 'STANDARD_IA');
    assert.equal(copy.status, 0, copy.stderr);
    const head = (await cli('s3api', 'head-object', '--bucket', 'paws-cli', '--key', 'copy.txt')).json();
    const key = await (await t.s3.lookup('paws-cli'))!.lookup('copy.txt');
    assert.equal(head.ETag, key!.etag);
    assert.equal(head.StorageClass, 'STANDARD_IA');
    assert.equal(head.VersionId, key!.versionId);
    assert.deepEqual(head.Metadata, { origin: 'cli' });
  });

  test('aws s3 cp of a 100 MB file is a multipart upload with S3 multipart ETag', async () => {
    const big = join(dir.path, 'big.bin');
    const out = createWriteStream(big);
    const block = Buffer.alloc(1024 * 1024, 'p');
    for (let i = 0; i < 100; i++) if (!out.write(block)) await new Promise<void>((r) => out.once('drain', () => r()));
    await new Promise<void>((r) => out.end(() => r()));
    const r = await cli('s3', 'cp', big, 's3://paws-cli/big.bin');
    assert.equal(r.status, 0, r.stderr);
    const key = await (await t.s3.lookup('paws-cli'))!.lookup('big.bin');
    assert.equal(key!.size, 100 * 1024 * 1024);
    assert.match(key!.etag!, /^"[0-9a-f]{32}-13"$/); // 8 MiB parts, as the CLI cuts them
    assert.equal(await helper(t, 'bucketDu')('paws-cli'), 100 * 1024 * 1024 + 2 * 19 + 16);
    const ls = await cli('s3', 'ls', '--recursive', '--summarize', 's3://paws-cli');
    assert.match(ls.stdout, /Total Objects: 4\n\s*Total Size: 104857654/);
  });
});
