/**
 * Sandbox S3 on the wire: addressing styles, ranges and conditions, listings with pagination,
 * ACL and public access rules, signed aws-chunked bodies, and durability across a crash.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { request, Agent } from 'node:http';
import { createInterface } from 'node:readline';
import { S3, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { PAWS_BIN, testSandbox, tempDir } from '../helpers/index.js';
import { s3Client } from './support.js';
import { startSandbox, SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';
import { Sha256 } from '../../src/sandbox/core/sha256.js';
import { signingKey } from '../../src/sandbox/core/sigv4.js';


describe('sandbox S3 on the wire', () => {
  let sandbox: RunningSandbox;
  let s3: S3;

  before(async () => {
    sandbox = await testSandbox();
    s3 = s3Client(sandbox);
    await s3.createBucket({ Bucket: 'wire' });
    await s3.putObject({ Bucket: 'wire', Key: 'digits', Body: '0123456789', ContentType: 'text/plain' });
  });
  after(() => sandbox.close());

  test('virtual-hosted-style requests (bucket.localhost) reach the same bucket', async () => {
    // *.localhost does not resolve here: the agent connects to the sandbox, the Host header names the bucket.
    const lookup = (_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) =>
      options.all ? cb(null, [{ address: '127.0.0.1', family: 4 }]) : cb(null, '127.0.0.1', 4);
    const agent = new Agent({ lookup } as never);
    const port = new URL(sandbox.endpoint).port;
    const vhost = new S3({ endpoint: `http://localhost:${port}`, region: 'us-east-1', credentials: sandbox.credentials, forcePathStyle: false, requestHandler: new NodeHttpHandler({ httpAgent: agent }) });
    const got = await vhost.getObject({ Bucket: 'wire', Key: 'digits' });
    assert.equal(await got.Body!.transformToString(), '0123456789');
    await vhost.putObject({ Bucket: 'wire', Key: 'via-vhost', Body: 'v' });
    assert.equal((await s3.headObject({ Bucket: 'wire', Key: 'via-vhost' })).ContentLength, 1);
  });

  test('a body that does not match the checksum it was sent with is refused and not stored', async () => {
    const wrongCrc32 = 'AAAAAA=='; // CRC32 0, which neither body below has
    await assert.rejects(s3.putObject({ Bucket: 'wire', Key: 'corrupt', Body: 'payload', ChecksumCRC32: wrongCrc32 }), { name: 'BadDigest' });
    await assert.rejects(s3.headObject({ Bucket: 'wire', Key: 'corrupt' }), (e: any) => e.$metadata.httpStatusCode === 404);
    const { UploadId } = await s3.createMultipartUpload({ Bucket: 'wire', Key: 'corrupt-parts', ChecksumAlgorithm: 'CRC32' });
    await assert.rejects(s3.uploadPart({ Bucket: 'wire', Key: 'corrupt-parts', UploadId, PartNumber: 1, Body: 'part one', ChecksumCRC32: wrongCrc32 }), { name: 'BadDigest' });
    assert.deepEqual((await s3.listParts({ Bucket: 'wire', Key: 'corrupt-parts', UploadId })).Parts ?? [], []);
    await s3.abortMultipartUpload({ Bucket: 'wire', Key: 'corrupt-parts', UploadId });
  });

  test('a big body of an odd length is stored byte for byte (disk blocks are padded, then cut)', async () => {
    const body = randomBytes(3 * 1024 * 1024 + 12345);
    const put = await s3.putObject({ Bucket: 'wire', Key: 'odd', Body: body });
    assert.equal(put.ETag, `"${createHash('md5').update(body).digest('hex')}"`);
    const whole = Buffer.from(await (await s3.getObject({ Bucket: 'wire', Key: 'odd' })).Body!.transformToByteArray());
    assert.equal(whole.length, body.length);
    assert.ok(whole.equals(body));
    const tail = await (await s3.getObject({ Bucket: 'wire', Key: 'odd', Range: `bytes=${body.length - 5000}-` })).Body!.transformToByteArray();
    assert.ok(Buffer.from(tail).equals(body.subarray(body.length - 5000)));
  });

  test('Range and conditional requests', async () => {
    const part = await s3.getObject({ Bucket: 'wire', Key: 'digits', Range: 'bytes=2-4' });
    assert.equal(await part.Body!.transformToString(), '234');
    assert.equal(part.ContentRange, 'bytes 2-4/10');
    assert.equal(await (await s3.getObject({ Bucket: 'wire', Key: 'digits', Range: 'bytes=-3' })).Body!.transformToString(), '789');
    await assert.rejects(s3.getObject({ Bucket: 'wire', Key: 'digits', Range: 'bytes=20-' }), { name: 'InvalidRange' });
    const { ETag, LastModified } = await s3.headObject({ Bucket: 'wire', Key: 'digits' });
    assert.equal(ETag, `"${createHash('md5').update('0123456789').digest('hex')}"`);
    await assert.rejects(s3.getObject({ Bucket: 'wire', Key: 'digits', IfNoneMatch: ETag }), (e: any) => e.$metadata.httpStatusCode === 304);
    await assert.rejects(s3.getObject({ Bucket: 'wire', Key: 'digits', IfMatch: '"nope"' }), { name: 'PreconditionFailed' });
    await assert.rejects(s3.getObject({ Bucket: 'wire', Key: 'digits', IfModifiedSince: LastModified }), (e: any) => e.$metadata.httpStatusCode === 304);
    await assert.rejects(s3.putObject({ Bucket: 'wire', Key: 'digits', Body: 'x', IfNoneMatch: '*' }), { name: 'PreconditionFailed' });
  });

  test('ListObjectsV2 and v1 paginate with prefix and delimiter', async () => {
    // A bucket of its own: what the other tests store would come first in the listings.
    await s3.createBucket({ Bucket: 'listing' });
    await s3.putObject({ Bucket: 'listing', Key: 'digits', Body: '0123456789' });
    await Promise.all(Array.from({ length: 25 }, (_, i) => s3.putObject({ Bucket: 'listing', Key: `p/${String(i).padStart(2, '0')}/x`, Body: String(i) })));
    const keys: string[] = [];
    for await (const page of paginateListObjectsV2({ client: s3, pageSize: 7 }, { Bucket: 'listing', Prefix: 'p/' })) keys.push(...(page.Contents ?? []).map((c) => c.Key!));
    assert.equal(keys.length, 25);
    assert.deepEqual(keys, [...keys].sort());
    const dirs = await s3.listObjectsV2({ Bucket: 'listing', Prefix: 'p/', Delimiter: '/', MaxKeys: 10 });
    assert.equal(dirs.CommonPrefixes!.length, 10);
    assert.equal(dirs.IsTruncated, true);
    const rest = await s3.listObjectsV2({ Bucket: 'listing', Prefix: 'p/', Delimiter: '/', ContinuationToken: dirs.NextContinuationToken });
    assert.deepEqual(rest.CommonPrefixes!.map((p) => p.Prefix), Array.from({ length: 15 }, (_, i) => `p/${String(i + 10).padStart(2, '0')}/`));
    const v1 = await s3.listObjects({ Bucket: 'listing', Delimiter: '/', MaxKeys: 1 });
    assert.deepEqual([v1.Contents?.[0]?.Key, v1.NextMarker, v1.IsTruncated], ['digits', 'digits', true]);
    const deleted = await s3.deleteObjects({ Bucket: 'listing', Delete: { Objects: keys.map((Key) => ({ Key })) } });
    assert.equal(deleted.Deleted!.length, 25);
  });

  test('other accounts and anonymous users: denied, unless policy or ACL allow it; public access block applies', async () => {
    const other = s3Client({ endpoint: sandbox.endpoint, credentials: { accessKeyId: SANDBOX_ACCOUNTS[1].accessKeyId, secretAccessKey: SANDBOX_ACCOUNTS[1].secretAccessKey } });
    await assert.rejects(other.getObject({ Bucket: 'wire', Key: 'digits' }), { name: 'AccessDenied' });
    await assert.rejects(other.createBucket({ Bucket: 'wire' }), { name: 'BucketAlreadyExists' });
    await assert.rejects(s3.createBucket({ Bucket: 'test' }), { name: 'BucketAlreadyExists' });
    const publicPolicy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::wire/*' }] });
    await assert.rejects(s3.putBucketPolicy({ Bucket: 'wire', Policy: publicPolicy }), /BlockPublicPolicy/);
    await assert.rejects(s3.putObjectAcl({ Bucket: 'wire', Key: 'digits', ACL: 'public-read' }), { name: 'AccessControlListNotSupported' });
    await s3.deletePublicAccessBlock({ Bucket: 'wire' });
    await s3.putBucketOwnershipControls({ Bucket: 'wire', OwnershipControls: { Rules: [{ ObjectOwnership: 'ObjectWriter' }] } });
    await s3.putObjectAcl({ Bucket: 'wire', Key: 'digits', ACL: 'public-read' });
    assert.equal(await (await fetch(`${sandbox.endpoint}/wire/digits`)).text(), '0123456789');
    assert.equal((await other.getObject({ Bucket: 'wire', Key: 'digits' })).ContentLength, 10);
    await s3.putPublicAccessBlock({ Bucket: 'wire', PublicAccessBlockConfiguration: { IgnorePublicAcls: true } });
    assert.equal((await fetch(`${sandbox.endpoint}/wire/digits`)).status, 403);
    await s3.putBucketPolicy({ Bucket: 'wire', Policy: publicPolicy });
    assert.equal((await fetch(`${sandbox.endpoint}/wire/digits`)).status, 200);
    assert.equal((await s3.getBucketPolicyStatus({ Bucket: 'wire' })).PolicyStatus?.IsPublic, true);
  });

  test('bucket policy Conditions: aws:SourceIp, aws:Referer and aws:SecureTransport decide as in S3', async () => {
    // An unsigned SDK client, optionally sending a Referer header like a browser following a link.
    const anonymous = (referer?: string) => {
      const c = s3Client(sandbox, { signer: { sign: async (r: unknown) => r } });
      if (referer) c.middlewareStack.add((next) => (args: any) => next({ ...args, request: Object.assign(args.request, { headers: { ...args.request.headers, referer } }) }), { step: 'build' });
      return c;
    };
    const read = async (c: S3) => (await c.getObject({ Bucket: 'conditional', Key: 'page.html' })).Body!.transformToString();
    const refused = (c: S3) => assert.rejects(read(c), (e: any) => e.name === 'AccessDenied' && e.$metadata.httpStatusCode === 403);
    const policy = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Resource: 'arn:aws:s3:::conditional/*', ...statement }] });
    const fromIps = (cidr: string) => policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { IpAddress: { 'aws:SourceIp': cidr } } });
    await s3.createBucket({ Bucket: 'conditional' });
    await s3.putObject({ Bucket: 'conditional', Key: 'page.html', Body: '<p>hi</p>' });
    await refused(anonymous());

    // A fixed source range is not public: the default public access block lets it be set, and applies.
    await s3.putBucketPolicy({ Bucket: 'conditional', Policy: fromIps('127.0.0.0/8') });
    assert.equal((await s3.getBucketPolicyStatus({ Bucket: 'conditional' })).PolicyStatus?.IsPublic, false);
    assert.equal(await read(anonymous()), '<p>hi</p>');
    await s3.putBucketPolicy({ Bucket: 'conditional', Policy: fromIps('10.0.0.0/8') });
    await refused(anonymous());
    await assert.rejects(s3.putBucketPolicy({ Bucket: 'conditional', Policy: fromIps('0.0.0.0/0') }), /BlockPublicPolicy/);

    // Anyone can send a Referer: that policy is public, refused while the block is on.
    const fromSite = policy({ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Condition: { StringLike: { 'aws:Referer': 'http://mysite.example/*' } } });
    await assert.rejects(s3.putBucketPolicy({ Bucket: 'conditional', Policy: fromSite }), /BlockPublicPolicy/);
    await s3.deletePublicAccessBlock({ Bucket: 'conditional' });
    await s3.putBucketPolicy({ Bucket: 'conditional', Policy: fromSite });
    assert.equal((await s3.getBucketPolicyStatus({ Bucket: 'conditional' })).PolicyStatus?.IsPublic, true);
    assert.equal(await read(anonymous('http://mysite.example/index.html')), '<p>hi</p>');
    await refused(anonymous('http://elsewhere.example/'));
    await refused(anonymous());

    // A Deny binds the bucket owner too; over plain HTTP, aws:SecureTransport is false.
    const plainHttp = (value: string) => policy({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: ['arn:aws:s3:::conditional', 'arn:aws:s3:::conditional/*'], Condition: { Bool: { 'aws:SecureTransport': value } } });
    await s3.putBucketPolicy({ Bucket: 'conditional', Policy: plainHttp('true') });
    assert.equal(await read(s3), '<p>hi</p>');
    await s3.putBucketPolicy({ Bucket: 'conditional', Policy: plainHttp('false') });
    await refused(s3);
    await assert.rejects(s3.listObjectsV2({ Bucket: 'conditional' }), { name: 'AccessDenied' });
    // …except that the owner's root user may always read and remove the policy, so no one is locked out.
    assert.match((await s3.getBucketPolicy({ Bucket: 'conditional' })).Policy!, /SecureTransport/);
    await s3.deleteBucketPolicy({ Bucket: 'conditional' });
    assert.equal(await read(s3), '<p>hi</p>');
  });

  test('bucket policy Conditions on S3 keys: another account may list one prefix and must hand over its uploads', async () => {
    const other = s3Client({ endpoint: sandbox.endpoint, credentials: { accessKeyId: SANDBOX_ACCOUNTS[1].accessKeyId, secretAccessKey: SANDBOX_ACCOUNTS[1].secretAccessKey } });
    const principal = { AWS: `arn:aws:iam::${SANDBOX_ACCOUNTS[1].accountId}:root` };
    await s3.createBucket({ Bucket: 'shared-drop' });
    await s3.putObject({ Bucket: 'shared-drop', Key: 'inbox/readme', Body: 'drop files here' });
    await s3.putBucketPolicy({
      Bucket: 'shared-drop',
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: principal, Action: 's3:ListBucket', Resource: 'arn:aws:s3:::shared-drop', Condition: { StringLike: { 's3:prefix': 'inbox/*' }, NumericLessThanEquals: { 's3:max-keys': '100' } } },
          { Effect: 'Allow', Principal: principal, Action: 's3:PutObject', Resource: 'arn:aws:s3:::shared-drop/inbox/*', Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } } },
        ],
      }),
    });
    assert.deepEqual((await other.listObjectsV2({ Bucket: 'shared-drop', Prefix: 'inbox/', MaxKeys: 100 })).Contents?.map((c) => c.Key), ['inbox/readme']);
    await assert.rejects(other.listObjectsV2({ Bucket: 'shared-drop', Prefix: 'inbox/', MaxKeys: 1000 }), { name: 'AccessDenied' });
    await assert.rejects(other.listObjectsV2({ Bucket: 'shared-drop' }), { name: 'AccessDenied' });
    await assert.rejects(other.putObject({ Bucket: 'shared-drop', Key: 'inbox/report', Body: 'r' }), { name: 'AccessDenied' });
    await other.putObject({ Bucket: 'shared-drop', Key: 'inbox/report', Body: 'r', ACL: 'bucket-owner-full-control' });
    assert.equal(await (await s3.getObject({ Bucket: 'shared-drop', Key: 'inbox/report' })).Body!.transformToString(), 'r');
  });

  test('signed aws-chunked bodies (STREAMING-AWS4-HMAC-SHA256-PAYLOAD) are checked chunk by chunk', async () => {
    const send = async (tamper: boolean) => {
      const { accessKeyId, secretAccessKey } = sandbox.credentials;
      const url = new URL(`${sandbox.endpoint}/wire/chunked`);
      const chunks = [Buffer.alloc(8192, 'a'), Buffer.from('tail')];
      const decoded = chunks.reduce((n, c) => n + c.length, 0);
      const headers: Record<string, string> = {
        host: url.host,
        'x-amz-content-sha256': 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD',
        'x-amz-decoded-content-length': String(decoded),
        'content-encoding': 'aws-chunked',
      };
      const signer = new SignatureV4({ credentials: { accessKeyId, secretAccessKey }, region: 'us-east-1', service: 's3', sha256: Sha256, uriEscapePath: false });
      const signed = await signer.sign(new HttpRequest({ method: 'PUT', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, headers }));
      let previous = /Signature=([0-9a-f]{64})/.exec(signed.headers.authorization)![1];
      const amzDate = signed.headers['x-amz-date'];
      const scope = `${amzDate.slice(0, 8)}/us-east-1/s3/aws4_request`;
      const key = signingKey(secretAccessKey, amzDate.slice(0, 8), 'us-east-1', 's3');
      const empty = createHash('sha256').update('').digest('hex');
      const body: Buffer[] = [];
      for (const data of [...chunks, Buffer.alloc(0)]) {
        const sts = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, previous, empty, createHash('sha256').update(data).digest('hex')].join('\n');
        previous = createHmac('sha256', key).update(sts).digest('hex');
        body.push(Buffer.from(`${data.length.toString(16)};chunk-signature=${previous}\r\n`), tamper && data.length === 4 ? Buffer.from('TAIL') : data, Buffer.from('\r\n'));
      }
      const payload = Buffer.concat(body);
      return new Promise<number>((resolve, reject) => {
        request(url, { method: 'PUT', headers: { ...signed.headers, 'content-length': String(payload.length) } }, (res) => {
          res.resume().on('end', () => resolve(res.statusCode!));
        })
          .on('error', reject)
          .end(payload);
      });
    };
    assert.equal(await send(false), 200);
    assert.equal((await s3.headObject({ Bucket: 'wire', Key: 'chunked' })).ContentLength, 8196);
    assert.equal(await send(true), 403);
  });

  test('acknowledged PUTs survive a crash of the sandbox: many small ones at once (sharing a commit) and big ones, bytes and ranges as written', async () => {
    const dir = tempDir('paws-s3-crash-');
    const child = spawn(process.execPath, [PAWS_BIN, 'sandbox', '--json', '--port', '0', '--state', dir.path], { stdio: ['pipe', 'pipe', 'inherit'] });
    const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
    const { endpoint } = JSON.parse(line) as { endpoint: string };
    const crashing = s3Client({ endpoint, credentials: sandbox.credentials });
    await crashing.createBucket({ Bucket: 'durable' });
    await crashing.putObject({ Bucket: 'durable', Key: 'acked', Body: 'still here', Metadata: { m: '1' } });
    // Sizes either side of the point where a body gets a data file of its own.
    const bodies = new Map([0, 1, 1000, 1024, 1025, 70_000, 3 * 1024 * 1024].map((size) => [`sized/${size}`, randomBytes(size)]));
    for (let i = 0; i < 40; i++) bodies.set(`burst/${i}`, Buffer.from(`burst ${i}`));
    await Promise.all([...bodies].map(([Key, Body]) => crashing.putObject({ Bucket: 'durable', Key, Body })));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const restarted = await startSandbox({ port: 0, stateDir: dir.path });
    try {
      const s3 = s3Client(restarted);
      const got = await s3.getObject({ Bucket: 'durable', Key: 'acked' });
      assert.equal(await got.Body!.transformToString(), 'still here');
      assert.deepEqual(got.Metadata, { m: '1' });
      for (const [Key, body] of bodies) {
        const back = Buffer.from(await (await s3.getObject({ Bucket: 'durable', Key })).Body!.transformToByteArray());
        assert.ok(back.equals(body), `${Key}: ${back.length} bytes back of ${body.length}`);
      }
      const range = await s3.getObject({ Bucket: 'durable', Key: 'acked', Range: 'bytes=6-' });
      assert.equal(await range.Body!.transformToString(), 'here');
    } finally {
      await restarted.close();
      dir.remove();
    }
  });
});
