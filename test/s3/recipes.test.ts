/**
 * The book's chapter 3 sessions replayed with paws's helpers against the sandbox: the same
 * calls, camelCased and awaited, and what the book shows them print or return.
 */
import { after, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'node:http';
import { crc32 } from 'node:zlib';
import { testSandbox, tempDir } from '../helpers/index.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_ACCOUNTS } from '../../src/sandbox/index.js';
import { Bucket } from '../../src/helpers/s3/bucket.js';
import { Key } from '../../src/helpers/s3/key.js';
import { helper, s3Session, type TestSession } from './support.js';

/** A GET as a browser would send it to `http://bucket.s3-website.localhost:PORT/path`. */
function websiteGet(url: string, sandbox: RunningSandbox): Promise<{ status: number; type?: string; body: string; location?: string }> {
  const u = new URL(url);
  const port = new URL(sandbox.endpoint).port;
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path: u.pathname, headers: { host: u.host } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body, location: res.headers.location }));
    })
      .on('error', reject)
      .end();
  });
}

describe('chapter 3 at the prompt', () => {
  let sandbox: RunningSandbox;
  let t: TestSession;
  const dir = tempDir('paws-s3-recipes-');
  const file = join(dir.path, 'notes.txt');

  before(async () => {
    sandbox = await testSandbox();
    t = await s3Session(sandbox);
    writeFileSync(file, 'the contents of a local file\n');
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });
  // What the recipes printed is asserted per test: none is left over from another.
  beforeEach(() => void t.take());

  /** A bucket of the test's own, made by the plain SDK call (the recipes print nothing for it). */
  async function newBucket(name: string): Promise<Bucket> {
    await t.s3.createBucket({ Bucket: name });
    return (await t.s3.lookup(name))!;
  }

  /** Recipe 3.4's object: the local file as `meta.txt`, with two metadata values. */
  async function keyWithMetadata(bucketName: string): Promise<void> {
    await helper(t, 'storeMetadataWithKey')(bucketName, 'meta.txt', file, { key1: 'value1', key2: 'value2' });
  }

  /** A CRC32 as S3 carries it: its 4 big-endian bytes. */
  function crc32Bytes(data: Buffer): Buffer {
    const value = Buffer.alloc(4);
    value.writeUInt32BE(crc32(data));
    return value;
  }

  /** An 11 MiB local file: three parts of 5 MiB. */
  function bigFile(): string {
    const big = join(dir.path, 'big.bin');
    // Each MiB differs, so a part read from the wrong place shows.
    if (!existsSync(big)) writeFileSync(big, Buffer.concat(Array.from({ length: 11 }, (_, i) => Buffer.alloc(1024 * 1024, 97 + i))));
    return big;
  }

  test('3.1/3.2 createBucket: new, already yours, owned by another user, in a location', async () => {
    const createBucket = helper(t, 'createBucket');
    const bucket = await createBucket('paws-pub');
    assert.ok(bucket instanceof Bucket);
    assert.equal(String(bucket), 'Bucket:paws-pub');
    assert.deepEqual(t.take(), []);
    assert.equal(String(await createBucket('paws-pub')), 'Bucket:paws-pub');
    assert.deepEqual(t.take(), ['Bucket (paws-pub) already exists']);
    assert.equal(await createBucket('mybucket'), null);
    assert.deepEqual(t.take(), ['Bucket (mybucket) is owned by another user']);
    const eu = await createBucket('paws-eu-bucket', { location: 'eu-west-1' });
    assert.equal(await eu.location(), 'eu-west-1');
    assert.equal(await (await t.s3.lookup('paws-pub'))!.location(), '');
    // The bucket answers through the us-east-1 client too (it follows S3's redirect).
    await eu.newKey('hello').setContentsFromString('bonjour');
    assert.equal(await (await eu.lookup('hello'))!.getContentsAsString(), 'bonjour');
  });

  test('3.3 storePrivateData: private by default', async () => {
    const bucket = await newBucket('paws-private');
    const key = await helper(t, 'storePrivateData')('paws-private', 'private.txt', file);
    assert.equal(String(key), 'Key:paws-private/private.txt');
    const stored = await bucket.lookup('private.txt');
    assert.equal(await stored!.getContentsAsString(), 'the contents of a local file\n');
    const anonymous = await fetch(`${sandbox.endpoint}/paws-private/private.txt`);
    assert.equal(anonymous.status, 403);
  });

  test('3.4 storeMetadataWithKey and printKeyMetadata', async () => {
    await newBucket('paws-meta');
    await helper(t, 'storeMetadataWithKey')('paws-meta', 'meta.txt', file, { key1: 'value1', key2: 'value2' });
    assert.deepEqual(await helper(t, 'printKeyMetadata')('paws-meta', 'meta.txt'), { key1: 'value1', key2: 'value2' });
    assert.deepEqual(t.take(), ["{ key1: 'value1', key2: 'value2' }"]);
  });

  test('3.5 bucketDu: iterates every key', async () => {
    const bucket = await newBucket('paws-du');
    await helper(t, 'storePrivateData')('paws-du', 'private.txt', file);
    await keyWithMetadata('paws-du');
    let expected = 0;
    for await (const key of bucket) expected += (key as Key).size!;
    assert.equal(await helper(t, 'bucketDu')('paws-du'), expected);
    assert.match(t.take().at(-1)!, /^2 keys, 58 B$/);
    assert.equal(await helper(t, 'bucketDu')('paws-nope'), 0);
    assert.deepEqual(t.take(), ['Warning: bucket paws-nope was not found!']);
  });

  test('3.5 bucketDu lists "directories" side by side and counts each key once', async () => {
    await newBucket('paws-du-tree');
    // Keys at every level, a key named like its prefix, an empty "directory" name, and one
    // prefix of more than a page.
    const names = ['top.txt', 'a/', 'a/one', 'a//two', 'a/b/c/three', 'only/deep/down/four', ...Array.from({ length: 6 }, (_, i) => `d${i}/x`), ...Array.from({ length: 1003 }, (_, i) => `big/${i}`)];
    let next = 0;
    const put = async () => {
      for (let i = next++; i < names.length; i = next++) await t.s3.putObject({ Bucket: 'paws-du-tree', Key: names[i], Body: 'x'.repeat(i % 7) });
    };
    await Promise.all(Array.from({ length: 16 }, put));
    assert.equal(await helper(t, 'bucketDu')('paws-du-tree'), 3045); // the sum of i % 7 over 1,015 keys
    assert.equal(t.take().at(-1), '1,015 keys, 3.0 KiB');
  });

  test('3.6/3.7 copyObject keeps metadata; modifyMetadata replaces it in place', async () => {
    await newBucket('paws-originals');
    await keyWithMetadata('paws-originals');
    await helper(t, 'createBucket')('paws-copies');
    const copy = await helper(t, 'copyObject')('paws-originals', 'meta.txt', 'paws-copies', 'meta-copy.txt');
    assert.deepEqual(copy.metadata, { key1: 'value1', key2: 'value2' });
    const modified = await helper(t, 'modifyMetadata')('paws-copies', 'meta-copy.txt', { key3: 'value3' });
    assert.deepEqual(modified.metadata, { key3: 'value3' });
    assert.equal(await modified.getContentsAsString(), 'the contents of a local file\n');
  });

  test('3.8 enableLogging: access logs arrive in the log bucket; disableLogging stops them', async () => {
    const bucket = await newBucket('paws-logged');
    await keyWithMetadata('paws-logged');
    await helper(t, 'createBucket')('paws-logs');
    await helper(t, 'enableLogging')('paws-logged', 'paws-logs', 'access/');
    assert.deepEqual((await t.s3.getBucketLogging({ Bucket: 'paws-logged' })).LoggingEnabled, { TargetBucket: 'paws-logs', TargetPrefix: 'access/' });
    await (await bucket.lookup('meta.txt'))!.getContentsAsString();
    const logs = (await t.s3.lookup('paws-logs'))!;
    let found: Key | undefined;
    for (let i = 0; i < 100 && !found; i++) {
      await new Promise((r) => setTimeout(r, 50));
      for await (const k of logs.keys({ prefix: 'access/' })) found = k as Key;
    }
    assert.ok(found, 'a log object was delivered');
    assert.match(await found.getContentsAsString(), /paws-logged \[.*\] .* REST\.GET\.OBJECT meta\.txt "GET \/paws-logged\/meta\.txt/);
    await helper(t, 'disableLogging')('paws-logged');
    assert.equal((await t.s3.getBucketLogging({ Bucket: 'paws-logged' })).LoggingEnabled, undefined);
  });

  test('3.9 uploadFileRrs and copyObjectToRrs', async () => {
    const bucket = await newBucket('paws-rrs');
    await keyWithMetadata('paws-rrs');
    const key = await helper(t, 'uploadFileRrs')(file, 'paws-rrs');
    assert.equal(key.name, 'notes.txt');
    assert.equal((await t.s3.headObject({ Bucket: 'paws-rrs', Key: 'notes.txt' })).StorageClass, 'REDUCED_REDUNDANCY');
    await helper(t, 'copyObjectToRrs')('paws-rrs', 'meta.txt', { storageClass: 'STANDARD_IA' });
    const moved = await bucket.lookup('meta.txt');
    assert.equal(moved!.storageClass, 'STANDARD_IA');
    assert.deepEqual(moved!.metadata, { key1: 'value1', key2: 'value2' });
  });

  test('3.10 generateUrl: a short-lived URL works, then answers 403', async () => {
    const k = (await newBucket('paws-shared')).newKey('my_private_data_to_share.txt');
    await k.setContentsFromString('Python and AWS');
    const url = await k.generateUrl(2);
    const first = await fetch(url);
    assert.equal(await first.text(), 'Python and AWS');
    await new Promise((r) => setTimeout(r, 3100));
    const second = await fetch(url);
    assert.equal(second.status, 403);
    assert.match(await second.text(), /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
  });

  test('3.11 configureVersioning and configureMfaDelete; versioned deletes leave versions', async () => {
    const bucket = await newBucket('paws-versions');
    await helper(t, 'configureVersioning')('paws-versions');
    assert.deepEqual(t.take(), ['Current Versioning Status:  {}', "New Versioning Status:  { Versioning: 'Enabled' }"]);
    const v1 = await bucket.newKey('doc').setContentsFromString('one');
    const v2 = await bucket.newKey('doc').setContentsFromString('two');
    assert.notEqual(v1.versionId, v2.versionId);
    await bucket.newKey('doc').delete();
    assert.equal(await bucket.lookup('doc'), null);
    const versions = await t.s3.listObjectVersions({ Bucket: 'paws-versions', Prefix: 'doc' });
    assert.deepEqual(versions.Versions!.map((v) => v.VersionId), [v2.versionId, v1.versionId]);
    assert.equal(versions.DeleteMarkers!.length, 1);
    await helper(t, 'configureMfaDelete')('paws-versions', 'arn:aws:iam::123456789012:mfa/root-account-mfa-device', '123456');
    assert.equal(t.take()[1], "New Versioning Status:  { Versioning: 'Enabled', MfaDelete: 'Enabled' }");
    await assert.rejects(t.s3.deleteObject({ Bucket: 'paws-versions', Key: 'doc', VersionId: v1.versionId }), /Mfa Authentication must be used/);
    await t.s3.deleteObject({ Bucket: 'paws-versions', Key: 'doc', VersionId: v1.versionId, MFA: 'arn:aws:iam::123456789012:mfa/root-account-mfa-device 654321' });
    const after = await t.s3.listObjectVersions({ Bucket: 'paws-versions', Prefix: 'doc' });
    assert.deepEqual(after.Versions!.map((v) => v.VersionId), [v2.versionId]);
  });

  test('3.12 uploadWebsite: content types, public access as S3 requires today, index and error pages', async () => {
    const site = join(dir.path, 'site');
    mkdirSync(join(site, 'docs'), { recursive: true });
    writeFileSync(join(site, 'index.html'), '<h1>home</h1>');
    writeFileSync(join(site, 'error.html'), '<h1>oops</h1>');
    writeFileSync(join(site, 'style.css'), 'h1 {}');
    writeFileSync(join(site, 'docs', 'index.html'), '<h1>docs</h1>');
    await helper(t, 'createBucket')('paws-site');
    const endpoint = await helper(t, 'uploadWebsite')('paws-site', site, 'index.html', 'error.html');
    const port = new URL(sandbox.endpoint).port;
    assert.equal(endpoint, `http://paws-site.s3-website.localhost:${port}/`);
    const lines = t.take();
    assert.ok(lines.includes(`Uploading ${join(site, 'docs', 'index.html')} as docs/index.html`));
    assert.deepEqual(lines.slice(-2), ['You can access your website at:', endpoint]);
    assert.deepEqual(await websiteGet(endpoint, sandbox), { status: 200, type: 'text/html; charset=utf-8', body: '<h1>home</h1>', location: undefined });
    assert.equal((await websiteGet(`${endpoint}style.css`, sandbox)).type, 'text/css; charset=utf-8');
    assert.equal((await websiteGet(`${endpoint}docs/`, sandbox)).body, '<h1>docs</h1>');
    assert.equal((await websiteGet(`${endpoint}docs`, sandbox)).location, '/docs/');
    assert.deepEqual(await websiteGet(`${endpoint}missing`, sandbox), { status: 404, type: 'text/html; charset=utf-8', body: '<h1>oops</h1>', location: undefined });
  });

  test('3.13 multipartUpload: parts in parallel, S3 multipart ETag, progress, no orphans', async () => {
    await newBucket('paws-big');
    const big = bigFile();
    const key = await helper(t, 'multipartUpload')(big, 'paws-big', undefined, { partSize: 5 * 1024 * 1024, concurrency: 3 });
    assert.equal(key.size, 11 * 1024 * 1024);
    assert.match(key.etag, /^"[0-9a-f]{32}-3"$/);
    const lines = t.take();
    assert.match(lines[0], /^\[#*-*\] +\d+%/);
    assert.equal(lines.at(-1)!.split(' in ')[0], `${11 * 1024 * 1024} bytes transferred / ${11 * 1024 * 1024} bytes total`);
    assert.deepEqual((await t.s3.listMultipartUploads({ Bucket: 'paws-big' })).Uploads ?? [], []);
    // Every part carried its CRC32, which S3 checked: the object's checksum is the CRC32 of theirs, as S3 composes it.
    const bytes = readFileSync(big);
    const partCrcs = [0, 1, 2].map((i) => crc32Bytes(bytes.subarray(i * 5 * 1024 * 1024, (i + 1) * 5 * 1024 * 1024)));
    const { ChecksumCRC32 } = await t.s3.headObject({ Bucket: 'paws-big', Key: 'big.bin', ChecksumMode: 'ENABLED' });
    assert.equal(ChecksumCRC32, `${crc32Bytes(Buffer.concat(partCrcs)).toString('base64')}-3`);
    const back = join(dir.path, 'back.bin');
    await key.getContentsToFile(back);
    assert.ok(readFileSync(back).equals(bytes));
  });

  test('multipartUpload of a file of one part, or of none, is a single PutObject', async () => {
    await newBucket('paws-small');
    for (const [name, size] of [['empty.bin', 0], ['small.bin', 1000]] as const) {
      const path = join(dir.path, name);
      writeFileSync(path, Buffer.alloc(size, 'z'));
      const key = await helper(t, 'multipartUpload')(path, 'paws-small');
      assert.equal(key.size, size);
      assert.match(key.etag, /^"[0-9a-f]{32}"$/);
      assert.equal(t.take().at(-1)!.split(' in ')[0], `${size} bytes transferred / ${size} bytes total`);
      const back = join(dir.path, `back-${name}`);
      await key.getContentsToFile(back);
      assert.ok(readFileSync(back).equals(readFileSync(path)));
    }
    assert.deepEqual((await t.s3.listMultipartUploads({ Bucket: 'paws-small' })).Uploads ?? [], []);
    // A pipe has no size to split into ranges: refused, rather than stored empty.
    await assert.rejects(helper(t, 'multipartUpload')('/dev/null', 'paws-small', 'from-a-device'), /\/dev\/null is not a regular file: .*save the data to a file first/);
    await assert.rejects(t.s3.headObject({ Bucket: 'paws-small', Key: 'from-a-device' }), { name: 'NotFound' });
  });

  test('a failed multipart upload is aborted: no parts are left', async () => {
    await newBucket('paws-denied');
    // Another account's bucket policy lets it write nothing, so the first part fails.
    const other = await s3Session(sandbox, { accessKeyId: SANDBOX_ACCOUNTS[1].accessKeyId, secretAccessKey: SANDBOX_ACCOUNTS[1].secretAccessKey });
    await t.s3.putBucketPolicy({
      Bucket: 'paws-denied',
      Policy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: SANDBOX_ACCOUNTS[1].accountId }, Action: ['s3:ListBucket', 's3:AbortMultipartUpload', 's3:ListBucketMultipartUploads'], Resource: ['arn:aws:s3:::paws-denied', 'arn:aws:s3:::paws-denied/*'] }] }),
    });
    await assert.rejects(helper(other, 'multipartUpload')(bigFile(), 'paws-denied', 'denied.bin', { partSize: 5 * 1024 * 1024 }), /AccessDenied|Access Denied/);
    assert.deepEqual((await t.s3.listMultipartUploads({ Bucket: 'paws-denied' })).Uploads ?? [], []);
  });

  test('every helper takes the Bucket and Key objects paws returned wherever a name goes', async () => {
    const call = (name: string, ...args: unknown[]) => helper(t, name)(...args);
    const bucket = await call('createBucket', 'paws-objects');
    const logs = await call('createBucket', 'paws-objects-logs');
    const uploaded = await call('multipartUpload', bigFile(), bucket, undefined, { partSize: 5 * 1024 * 1024 });
    assert.equal(String(uploaded), 'Key:paws-objects/big.bin');
    const stored = await call('storePrivateData', bucket, 'notes.txt', file);
    assert.equal(String(await call('storeMetadataWithKey', bucket, stored, file, { k: 'v' })), 'Key:paws-objects/notes.txt');
    assert.deepEqual(await call('printKeyMetadata', bucket, stored), { k: 'v' });
    assert.equal(await call('bucketDu', bucket), 11 * 1024 * 1024 + 29);
    assert.equal(String(await call('copyObject', bucket, stored, logs, stored)), 'Key:paws-objects-logs/notes.txt');
    assert.deepEqual((await call('modifyMetadata', logs, stored, { k: 'w' })).metadata, { k: 'w' });
    assert.equal((await call('uploadFileRrs', file, bucket, 'rrs.txt')).storageClass, 'REDUCED_REDUNDANCY');
    assert.equal((await call('copyObjectToRrs', bucket, stored)).storageClass, 'REDUCED_REDUNDANCY');
    await call('enableLogging', bucket, logs, 'access/');
    assert.deepEqual((await t.s3.getBucketLogging({ Bucket: 'paws-objects' })).LoggingEnabled, { TargetBucket: 'paws-objects-logs', TargetPrefix: 'access/' });
    await call('disableLogging', bucket);
    await call('configureVersioning', bucket);
    assert.equal((await t.s3.getBucketVersioning({ Bucket: 'paws-objects' })).Status, 'Enabled');
    assert.equal(String(await t.s3.lookup(bucket)), 'Bucket:paws-objects');
    assert.equal(String(await bucket.lookup(stored)), 'Key:paws-objects/notes.txt');
    t.take();
    // What a lookup that found nothing gives back is refused in one line, not with a TypeError.
    await assert.rejects(call('bucketDu', await t.s3.lookup('paws-none')), {
      name: 'InvalidArgument',
      message: 'expected a bucket — its name or id, or the object paws returned for it — but got null (did a lookup find nothing?)',
    });
  });
});
