/**
 * Sandbox S3 answers as AWS's do where clients notice the difference (issue 17): XML whose every
 * prefix is declared, request ids on every answer, the edge cases of ranges, bucket location,
 * tagging and creation, and presigned URLs and headers signed the legacy way (SigV2).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import { S3, GetBucketAclCommand, type BucketLocationConstraint, GetBucketLocationCommand, GetObjectAclCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { s3Client } from './support.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { parseSignature, verifySignature, type WireRequest } from '../../src/sandbox/core/sigv4.js';

const XMLNS_S3 = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** Throws unless every element and attribute prefix in `xml` is declared in scope, as a namespace-aware parser requires. */
function assertNamespacesBound(xml: string): void {
  const scopes: Array<Set<string>> = [new Set(['xml'])];
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[\w.:-]+\s*=\s*"[^"]*")*)\s*(\/?)>/g)) {
    const [, closing, name, attrText, selfClosing] = m;
    if (closing) {
      scopes.pop();
      continue;
    }
    const declared = new Set(scopes.at(-1));
    const attrs = [...attrText.matchAll(/([\w.:-]+)\s*=/g)].map((a) => a[1]);
    for (const a of attrs) if (a.startsWith('xmlns:')) declared.add(a.slice(6));
    for (const qname of [name, ...attrs.filter((a) => a !== 'xmlns' && !a.startsWith('xmlns:'))]) {
      const prefix = qname.includes(':') ? qname.split(':')[0] : undefined;
      if (prefix) assert.ok(declared.has(prefix), `unbound prefix ${prefix} in <${name}${attrText}>`);
    }
    if (!selfClosing) scopes.push(declared);
  }
}

/** The answer's status and body, fetched without an SDK in between. */
async function fetchRaw(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/** The legacy S3 signature: HMAC-SHA1 of VERB, Content-MD5, Content-Type, Date/Expires, x-amz- headers and resource, in base64. */
function sigV2(secret: string, stringToSign: string): string {
  return createHmac('sha1', secret).update(stringToSign).digest('base64');
}

/** The S3 developer guide's SigV2 examples ("Signing and authenticating REST requests"), on sandbox hosts. */
test('SigV2 verifies the signatures of the S3 documentation examples', async () => {
  const secretOf = (id: string) => (id === 'AKIAIOSFODNN7EXAMPLE' ? 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' : undefined);
  const wire = (method: string, host: string, target: string, headers: Record<string, string | string[]>): WireRequest => {
    const url = new URL(target, 'http://x');
    const all = { host, ...headers };
    return { method, path: url.pathname, query: url.searchParams, headers: Object.fromEntries(Object.entries(all).map(([k, v]) => [k, [v].flat()])) };
  };
  const examples: Array<[WireRequest, number]> = [
    [wire('GET', 'awsexamplebucket1.localhost:4566', '/photos/puppy.jpg', { date: 'Tue, 27 Mar 2007 19:36:42 +0000', authorization: 'AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g=' }), Date.parse('2007-03-27T19:40:00Z')],
    [wire('PUT', 'johnsmith.localhost:4566', '/photos/puppy.jpg', { date: 'Tue, 27 Mar 2007 21:15:45 +0000', 'content-type': 'image/jpeg', authorization: 'AWS AKIAIOSFODNN7EXAMPLE:MyyxeRY7whkBe+bq8fHCL/2kKUg=' }), Date.parse('2007-03-27T21:15:45Z')],
    [
      wire('PUT', 'static.johnsmith.net.localhost:4566', '/db-backup.dat.gz', {
        date: 'Tue, 27 Mar 2007 21:06:08 +0000',
        'content-md5': '4gJE4saaMU4BqNR0kLY+lw==',
        'content-type': 'application/x-download',
        'x-amz-acl': 'public-read',
        'x-amz-meta-reviewedby': ['joe@johnsmith.net', 'jane@johnsmith.net'],
        'x-amz-meta-filechecksum': '0x02661779',
        'x-amz-meta-checksumalgorithm': 'crc32',
        authorization: 'AWS AKIAIOSFODNN7EXAMPLE:ilyl83RwaSoYIEdixDQcA4OnAnc=',
      }),
      Date.parse('2007-03-27T21:06:08Z'),
    ],
    [wire('GET', 'johnsmith.localhost:4566', '/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Expires=1175139620&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D', {}), 1175139000_000],
  ];
  for (const [request, now] of examples) {
    const sig = parseSignature(request.headers, request.query)!;
    assert.equal(await verifySignature(sig, request, { secretOf, now, uriEscapePath: false }), 'valid', `${request.method} ${request.headers.host}${request.path}`);
    const tampered = { ...request, path: `${request.path}x` };
    assert.equal(await verifySignature(sig, tampered, { secretOf, now, uriEscapePath: false }), 'mismatch');
  }
});

describe('sandbox S3 fidelity (issue 17)', () => {
  let sandbox: RunningSandbox;
  let s3: S3;
  const Bucket = 'fidelity';

  before(async () => {
    sandbox = await testSandbox();
    s3 = s3Client(sandbox);
    await s3.createBucket({ Bucket });
    await s3.putObject({ Bucket, Key: 'digits', Body: '0123456789' });
  });
  after(() => sandbox.close());

  describe('XML is well-formed and namespaced', () => {
    test('GetBucketAcl and GetObjectAcl declare the xsi prefix of xsi:type', async () => {
      for (const url of [await getSignedUrl(s3, new GetBucketAclCommand({ Bucket })), await getSignedUrl(s3, new GetObjectAclCommand({ Bucket, Key: 'digits' }))]) {
        const { status, body } = await fetchRaw(url);
        assert.equal(status, 200);
        assert.match(body, /xsi:type="CanonicalUser"/);
        assert.match(body, /<Grantee xmlns:xsi="http:\/\/www\.w3\.org\/2001\/XMLSchema-instance" xsi:type="CanonicalUser">/);
        assertNamespacesBound(body);
      }
    });

    test('the AWS CLI (expat, namespace-aware) reads the bucket ACL', { skip: awsCliMissing }, async () => {
      const r = await awsCli(sandbox, ['s3api', 'get-bucket-acl', '--bucket', Bucket]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.json().Grants[0].Grantee.Type, 'CanonicalUser');
      assert.equal(r.json().Grants[0].Permission, 'FULL_CONTROL');
    });
  });

  test('every answer carries x-amz-request-id and x-amz-id-2, which the SDK reports', async () => {
    const answers = [await s3.putObject({ Bucket, Key: 'id', Body: 'x' }), await s3.headObject({ Bucket, Key: 'id' }), await s3.listObjectsV2({ Bucket }), await s3.deleteObject({ Bucket, Key: 'id' })];
    for (const { $metadata } of answers) {
      assert.match($metadata.requestId ?? '', /\S/);
      assert.match($metadata.extendedRequestId ?? '', /\S/);
    }
    await assert.rejects(s3.getObject({ Bucket, Key: 'missing' }), (e: any) => {
      assert.equal(e.name, 'NoSuchKey');
      assert.match(e.$metadata.requestId ?? '', /\S/);
      return true;
    });
  });

  test('the website endpoint names its request too, on error pages and redirects', async () => {
    await s3.createBucket({ Bucket: 'fidelity-site' });
    await s3.putBucketWebsite({ Bucket: 'fidelity-site', WebsiteConfiguration: { RedirectAllRequestsTo: { HostName: 'example.com' } } });
    const port = new URL(sandbox.endpoint).port;
    for (const [bucket, status] of [[Bucket, 404], ['fidelity-site', 301]] as const) {
      const headers = await new Promise<Record<string, unknown>>((resolve, reject) => {
        const req = request(`${sandbox.endpoint}/index.html`, { headers: { host: `${bucket}.s3-website.localhost:${port}` } });
        req.on('response', (res) => {
          assert.equal(res.statusCode, status);
          res.resume().on('end', () => resolve(res.headers));
        });
        req.on('error', reject);
        req.end();
      });
      assert.match(String(headers['x-amz-request-id'] ?? ''), /\S/, `${status}: x-amz-request-id`);
      assert.match(String(headers['x-amz-id-2'] ?? ''), /\S/, `${status}: x-amz-id-2`);
    }
  });

  describe('edge cases as S3 answers them', () => {
    test('Range with its last byte before its first is ignored: 200 and the whole object', async () => {
      const got = await s3.getObject({ Bucket, Key: 'digits', Range: 'bytes=1-0' });
      assert.equal(got.$metadata.httpStatusCode, 200);
      assert.equal(got.ContentRange, undefined);
      assert.equal(await got.Body!.transformToString(), '0123456789');
    });

    test('a malformed or out-of-bounds CopySourceRange is refused, not ignored', async () => {
      const { UploadId } = await s3.createMultipartUpload({ Bucket, Key: 'copy' });
      const part = (CopySourceRange: string) => s3.uploadPartCopy({ Bucket, Key: 'copy', UploadId, PartNumber: 1, CopySource: `${Bucket}/digits`, CopySourceRange });
      for (const range of ['bytes=invalid-range', '0-4', 'bytes=4-', 'bytes=-4', 'bytes=5-2']) {
        await assert.rejects(part(range), (e: any) => {
          assert.equal(e.name, 'InvalidArgument', range);
          assert.equal(e.$metadata.httpStatusCode, 400);
          assert.match(e.message, /must be of the form bytes=first-last/);
          return true;
        });
      }
      await assert.rejects(part('bytes=0-10'), { name: 'InvalidArgument', message: 'Range specified is not valid for source object of size: 10' });
      const ok = await part('bytes=2-4');
      await s3.completeMultipartUpload({ Bucket, Key: 'copy', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: ok.CopyPartResult!.ETag }] } });
      assert.equal(await (await s3.getObject({ Bucket, Key: 'copy' })).Body!.transformToString(), '234');
    });

    test("GetBucketLocation answers an empty LocationConstraint element for us-east-1's buckets", async () => {
      const { status, body } = await fetchRaw(await getSignedUrl(s3, new GetBucketLocationCommand({ Bucket })));
      assert.equal(status, 200);
      assert.match(body, new RegExp(`^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<LocationConstraint xmlns="${XMLNS_S3.replace(/[./]/g, '\\$&')}"></LocationConstraint>$`));
      assert.equal((await s3.getBucketLocation({ Bucket })).LocationConstraint, undefined);
    });

    test('PutBucketTagging answers 204 No Content', async () => {
      const out = await s3.putBucketTagging({ Bucket, Tagging: { TagSet: [{ Key: 'team', Value: 'web' }] } });
      assert.equal(out.$metadata.httpStatusCode, 204);
      assert.deepEqual((await s3.getBucketTagging({ Bucket })).TagSet, [{ Key: 'team', Value: 'web' }]);
    });

    test("CreateBucket sent to us-east-1 creates the bucket in the LocationConstraint's region, refusing us-east-1 itself", async () => {
      await s3.createBucket({ Bucket: 'fidelity-eu', CreateBucketConfiguration: { LocationConstraint: 'eu-west-1' } });
      assert.equal((await s3.getBucketLocation({ Bucket: 'fidelity-eu' })).LocationConstraint, 'eu-west-1');
      const euClient = s3Client(sandbox, { region: 'eu-west-1' });
      assert.equal((await euClient.headBucket({ Bucket: 'fidelity-eu' })).BucketRegion, 'eu-west-1');
      await assert.rejects(s3.createBucket({ Bucket: 'fidelity-us', CreateBucketConfiguration: { LocationConstraint: 'us-east-1' as BucketLocationConstraint } }), { name: 'InvalidLocationConstraint' });
      await assert.rejects(s3.createBucket({ Bucket: 'fidelity-xx', CreateBucketConfiguration: { LocationConstraint: 'nowhere' as BucketLocationConstraint } }), { name: 'InvalidLocationConstraint' });
      await assert.rejects(euClient.createBucket({ Bucket: 'fidelity-us2', CreateBucketConfiguration: { LocationConstraint: 'us-west-2' } }), { name: 'IllegalLocationConstraintException' });
    });
  });

  describe('SigV2 (HMAC-SHA1), as older SDKs sign', () => {
    const presigned = (path: string, expires: number, opts: { subresource?: string; secret?: string } = {}) => {
      const { accessKeyId, secretAccessKey } = sandbox.credentials;
      const resource = opts.subresource ? `${path}?${opts.subresource}` : path;
      const signature = sigV2(opts.secret ?? secretAccessKey, `GET\n\n\n${expires}\n${resource}`);
      const q = new URLSearchParams({ AWSAccessKeyId: accessKeyId, Expires: String(expires), Signature: signature });
      return `${sandbox.endpoint}${path}?${opts.subresource ? `${opts.subresource}&` : ''}${q}`;
    };
    const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

    test('a presigned URL reads the object, and its subresources are signed', async () => {
      const got = await fetchRaw(presigned(`/${Bucket}/digits`, inAnHour()));
      assert.equal(got.status, 200);
      assert.equal(got.body, '0123456789');
      const acl = await fetchRaw(presigned(`/${Bucket}/digits`, inAnHour(), { subresource: 'acl' }));
      assert.equal(acl.status, 200);
      assert.match(acl.body, /<AccessControlPolicy xmlns=/);
    });

    test('an expired one is AccessDenied, a wrong one SignatureDoesNotMatch, an unknown key InvalidAccessKeyId', async () => {
      const expired = await fetchRaw(presigned(`/${Bucket}/digits`, Math.floor(Date.now() / 1000) - 10));
      assert.equal(expired.status, 403);
      assert.match(expired.body, /<Code>AccessDenied<\/Code><Message>Request has expired<\/Message>/);
      const wrong = await fetchRaw(presigned(`/${Bucket}/digits`, inAnHour(), { secret: 'not-the-secret' }));
      assert.equal(wrong.status, 403);
      assert.match(wrong.body, /<Code>SignatureDoesNotMatch<\/Code>/);
      const tampered = await fetchRaw(presigned(`/${Bucket}/digits`, inAnHour()).replace('/digits?', '/other?'));
      assert.match(tampered.body, /<Code>SignatureDoesNotMatch<\/Code>/);
      const unknown = await fetchRaw(presigned(`/${Bucket}/digits`, inAnHour()).replace(/AWSAccessKeyId=[^&]+/, 'AWSAccessKeyId=AKIANOBODY'));
      assert.match(unknown.body, /<Code>InvalidAccessKeyId<\/Code>/);
    });

    test('the Authorization header form signs a PUT to a virtual-hosted bucket, x-amz- headers included', async () => {
      const { accessKeyId, secretAccessKey } = sandbox.credentials;
      const date = new Date().toUTCString();
      const body = 'signed the old way';
      const stringToSign = `PUT\n\ntext/plain\n${date}\nx-amz-meta-era:2010\n/${Bucket}/v2.txt`;
      const status = await new Promise<number>((resolve, reject) => {
        const req = request(`${sandbox.endpoint}/v2.txt`, {
          method: 'PUT',
          headers: { host: `${Bucket}.localhost:${new URL(sandbox.endpoint).port}`, date, 'content-type': 'text/plain', 'x-amz-meta-era': '2010', authorization: `AWS ${accessKeyId}:${sigV2(secretAccessKey, stringToSign)}` },
        });
        req.on('response', (res) => res.resume().on('end', () => resolve(res.statusCode!)));
        req.on('error', reject);
        req.end(body);
      });
      assert.equal(status, 200);
      const got = await s3.getObject({ Bucket, Key: 'v2.txt' });
      assert.equal(got.Metadata?.era, '2010');
      assert.equal(await got.Body!.transformToString(), body);
    });
  });
});
