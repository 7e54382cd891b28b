/**
 * Sandbox S3 object features: archived storage classes that need RestoreObject before a GET,
 * object lock (retention and legal hold) with the deletes it refuses, GetObjectAttributes,
 * checksums on copies and multipart uploads, and S3 Bucket Keys with SSE-KMS. The AWS CLI and
 * boto3 see the same answers and error codes as the SDK.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { S3 } from '@aws-sdk/client-s3';
import { IAM } from '@aws-sdk/client-iam';
import { eventually, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing, cliError } from '../helpers/aws-cli.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { boto3, boto3Missing, refused, s3Client } from './support.js';

/** A DEEP_ARCHIVE Bulk restore (48 hours) takes 3.5 s; a restored day lasts 1.7 s (slow clients under load need several). */
const TIME_SCALE = 2e-5;
const MiB = 1024 * 1024;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe('sandbox S3: archives, object lock, attributes, checksums', () => {
  let sandbox: RunningSandbox;
  let s3: S3;
  const cli = (...args: string[]) => awsCli(sandbox, args);

  before(async () => {
    sandbox = await testSandbox({ timeScale: TIME_SCALE });
    s3 = s3Client(sandbox);
    await s3.createBucket({ Bucket: 'objects' });
  });
  after(() => sandbox.close());

  test('an archived object is refused until restored, then readable until its restore expires', async () => {
    await s3.putObject({ Bucket: 'objects', Key: 'archive', Body: 'frozen', StorageClass: 'DEEP_ARCHIVE' });
    await refused(s3.getObject({ Bucket: 'objects', Key: 'archive' }), 'InvalidObjectState', 403, /not valid for the object's storage class/);
    await refused(s3.copyObject({ Bucket: 'objects', Key: 'thawed', CopySource: 'objects/archive' }), 'InvalidObjectState', 403);
    const head = await s3.headObject({ Bucket: 'objects', Key: 'archive' });
    assert.equal(head.StorageClass, 'DEEP_ARCHIVE');
    assert.equal(head.Restore, undefined);
    if (!awsCliMissing) assert.equal(cliError(await cli('s3api', 'get-object', '--bucket', 'objects', '--key', 'archive', '/dev/null')), 'InvalidObjectState');
    if (!boto3Missing) assert.deepEqual(await boto3(sandbox, "out = call(s3.get_object, Bucket='objects', Key='archive')"), { error: 'InvalidObjectState', status: 403 });

    const first = await s3.restoreObject({ Bucket: 'objects', Key: 'archive', RestoreRequest: { Days: 10, GlacierJobParameters: { Tier: 'Bulk' } } });
    assert.equal(first.$metadata.httpStatusCode, 202);
    await refused(s3.restoreObject({ Bucket: 'objects', Key: 'archive', RestoreRequest: { Days: 2 } }), 'RestoreAlreadyInProgress', 409);
    assert.equal((await s3.headObject({ Bucket: 'objects', Key: 'archive' })).Restore, 'ongoing-request="true"');
    if (!boto3Missing) assert.deepEqual(await boto3(sandbox, "out = call(s3.restore_object, Bucket='objects', Key='archive', RestoreRequest={'Days': 2})"), { error: 'RestoreAlreadyInProgress', status: 409 });

    const done = await eventually(async () => {
      const r = (await s3.headObject({ Bucket: 'objects', Key: 'archive' })).Restore;
      return r?.startsWith('ongoing-request="false"') && r;
    }, 'the restore to finish');
    assert.match(done, /^ongoing-request="false", expiry-date="\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT"$/);
    assert.equal(await (await s3.getObject({ Bucket: 'objects', Key: 'archive' })).Body!.transformToString(), 'frozen');
    if (!awsCliMissing) assert.equal((await cli('s3api', 'head-object', '--bucket', 'objects', '--key', 'archive')).json().Restore, done);
    // Restoring a restored copy again only extends it: 200, not 202.
    assert.equal((await s3.restoreObject({ Bucket: 'objects', Key: 'archive', RestoreRequest: { Days: 1 } })).$metadata.httpStatusCode, 200);
    await eventually(() => s3.getObject({ Bucket: 'objects', Key: 'archive' }).then(() => false, (e) => e.name === 'InvalidObjectState'), 'the restored copy to expire');

    await s3.putObject({ Bucket: 'objects', Key: 'plain', Body: 'warm' });
    await refused(s3.restoreObject({ Bucket: 'objects', Key: 'plain', RestoreRequest: { Days: 1 } }), 'InvalidObjectState', 403, /Restore is not allowed/);
    await s3.putObject({ Bucket: 'objects', Key: 'glacier', Body: 'cold', StorageClass: 'GLACIER' });
    await refused(s3.getObject({ Bucket: 'objects', Key: 'glacier' }), 'InvalidObjectState', 403);
  });

  describe('object lock', () => {
    before(async () => {
      await s3.createBucket({ Bucket: 'locked', ObjectLockEnabledForBucket: true });
    });

    test('a bucket created with object lock is versioned for good and takes a default retention', async () => {
      assert.equal((await s3.getBucketVersioning({ Bucket: 'locked' })).Status, 'Enabled');
      assert.deepEqual((await s3.getObjectLockConfiguration({ Bucket: 'locked' })).ObjectLockConfiguration, { ObjectLockEnabled: 'Enabled' });
      await refused(s3.putBucketVersioning({ Bucket: 'locked', VersioningConfiguration: { Status: 'Suspended' } }), 'InvalidBucketState', 409);
      await refused(s3.getObjectLockConfiguration({ Bucket: 'objects' }), 'ObjectLockConfigurationNotFoundError', 404);
      await refused(
        s3.putObjectLockConfiguration({ Bucket: 'objects', ObjectLockConfiguration: { ObjectLockEnabled: 'Enabled' } }),
        'InvalidBucketState',
        409,
        /Versioning must be 'Enabled'/,
      );
      await refused(s3.putObject({ Bucket: 'objects', Key: 'x', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) }), 'InvalidRequest', 400, /missing Object Lock Configuration/);
      if (!awsCliMissing) assert.equal(cliError(await cli('s3api', 'get-object-lock-configuration', '--bucket', 'objects')), 'ObjectLockConfigurationNotFoundError');

      await s3.createBucket({ Bucket: 'locked-default', ObjectLockEnabledForBucket: true });
      const config = { ObjectLockEnabled: 'Enabled' as const, Rule: { DefaultRetention: { Mode: 'GOVERNANCE' as const, Days: 1 } } };
      await s3.putObjectLockConfiguration({ Bucket: 'locked-default', ObjectLockConfiguration: config });
      assert.deepEqual((await s3.getObjectLockConfiguration({ Bucket: 'locked-default' })).ObjectLockConfiguration, config);
      const put = await s3.putObject({ Bucket: 'locked-default', Key: 'k', Body: 'v' });
      const head = await s3.headObject({ Bucket: 'locked-default', Key: 'k' });
      assert.equal(head.ObjectLockMode, 'GOVERNANCE');
      assert.ok(Math.abs(head.ObjectLockRetainUntilDate!.getTime() - inDays(1).getTime()) < 60_000);
      await refused(s3.deleteObject({ Bucket: 'locked-default', Key: 'k', VersionId: put.VersionId }), 'AccessDenied', 403);
    });

    test('an upload with lock parameters must carry Content-MD5 or a checksum', async () => {
      const bare = s3Client(sandbox, { requestChecksumCalculation: 'WHEN_REQUIRED' });
      await refused(
        bare.putObject({ Bucket: 'locked', Key: 'unchecked', Body: 'x', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) }),
        'InvalidRequest',
        400,
        /Content-MD5 OR x-amz-checksum- HTTP header is required/,
      );
      await bare.putObject({ Bucket: 'locked', Key: 'unchecked', Body: 'x' });
    });

    test('COMPLIANCE retention cannot be shortened nor its version deleted; GOVERNANCE yields to the bypass', async () => {
      const compliance = await s3.putObject({ Bucket: 'locked', Key: 'ledger', Body: 'entry', ObjectLockMode: 'COMPLIANCE', ObjectLockRetainUntilDate: inDays(2) });
      const retention = (await s3.getObjectRetention({ Bucket: 'locked', Key: 'ledger' })).Retention!;
      assert.equal(retention.Mode, 'COMPLIANCE');
      await refused(s3.deleteObject({ Bucket: 'locked', Key: 'ledger', VersionId: compliance.VersionId }), 'AccessDenied', 403);
      await refused(s3.deleteObject({ Bucket: 'locked', Key: 'ledger', VersionId: compliance.VersionId, BypassGovernanceRetention: true }), 'AccessDenied', 403);
      await refused(s3.putObjectRetention({ Bucket: 'locked', Key: 'ledger', Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inDays(1) } }), 'AccessDenied', 403);
      await s3.putObjectRetention({ Bucket: 'locked', Key: 'ledger', Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inDays(3) } });
      await refused(s3.putObjectRetention({ Bucket: 'locked', Key: 'ledger', Retention: { Mode: 'COMPLIANCE', RetainUntilDate: inDays(-1) } }), 'InvalidArgument', 400, /must be in the future/);
      if (!awsCliMissing) {
        const r = await cli('s3api', 'delete-object', '--bucket', 'locked', '--key', 'ledger', '--version-id', compliance.VersionId!);
        assert.equal(cliError(r), 'AccessDenied', r.stderr || r.stdout);
        assert.equal((await cli('s3api', 'get-object-retention', '--bucket', 'locked', '--key', 'ledger')).json().Retention.Mode, 'COMPLIANCE');
      }
      if (!boto3Missing) {
        assert.deepEqual(await boto3(sandbox, `out = call(s3.delete_object, Bucket='locked', Key='ledger', VersionId='${compliance.VersionId}')`), { error: 'AccessDenied', status: 403 });
      }
      // A delete without a version id only adds a delete marker, which object lock allows.
      assert.equal((await s3.deleteObject({ Bucket: 'locked', Key: 'ledger' })).DeleteMarker, true);

      const governed = await s3.putObject({ Bucket: 'locked', Key: 'draft', Body: 'd', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(2) });
      await refused(s3.putObjectRetention({ Bucket: 'locked', Key: 'draft', Retention: { Mode: 'GOVERNANCE', RetainUntilDate: inDays(1) } }), 'AccessDenied', 403);
      await s3.putObjectRetention({ Bucket: 'locked', Key: 'draft', Retention: { Mode: 'GOVERNANCE', RetainUntilDate: inDays(1) }, BypassGovernanceRetention: true });
      await refused(s3.deleteObject({ Bucket: 'locked', Key: 'draft', VersionId: governed.VersionId }), 'AccessDenied', 403);
      await s3.deleteObject({ Bucket: 'locked', Key: 'draft', VersionId: governed.VersionId, BypassGovernanceRetention: true });
      await refused(s3.headObject({ Bucket: 'locked', Key: 'draft' }), 'NotFound', 404);
    });

    test('only a user allowed s3:BypassGovernanceRetention may bypass governance retention', async () => {
      const iam = new IAM({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
      await iam.createUser({ UserName: 'archivist' });
      const policy = { Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:DeleteObjectVersion', 's3:PutObjectRetention'], Resource: 'arn:aws:s3:::locked/*' }] };
      await iam.putUserPolicy({ UserName: 'archivist', PolicyName: 'lock', PolicyDocument: JSON.stringify(policy) });
      const { AccessKey } = await iam.createAccessKey({ UserName: 'archivist' });
      const user = s3Client({ endpoint: sandbox.endpoint, credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });
      const put = await user.putObject({ Bucket: 'locked', Key: 'governed-by-user', Body: 'g', ObjectLockMode: 'GOVERNANCE', ObjectLockRetainUntilDate: inDays(1) });
      const remove = () => user.deleteObject({ Bucket: 'locked', Key: 'governed-by-user', VersionId: put.VersionId, BypassGovernanceRetention: true });
      await refused(remove(), 'AccessDenied', 403);
      policy.Statement[0].Action.push('s3:BypassGovernanceRetention');
      await iam.putUserPolicy({ UserName: 'archivist', PolicyName: 'lock', PolicyDocument: JSON.stringify(policy) });
      await remove();
    });

    test('a legal hold blocks deletes until it is lifted', async () => {
      const put = await s3.putObject({ Bucket: 'locked', Key: 'evidence', Body: 'e' });
      await refused(s3.getObjectLegalHold({ Bucket: 'locked', Key: 'evidence' }), 'NoSuchObjectLockConfiguration', 404);
      await s3.putObjectLegalHold({ Bucket: 'locked', Key: 'evidence', LegalHold: { Status: 'ON' } });
      assert.equal((await s3.getObjectLegalHold({ Bucket: 'locked', Key: 'evidence' })).LegalHold?.Status, 'ON');
      assert.equal((await s3.headObject({ Bucket: 'locked', Key: 'evidence' })).ObjectLockLegalHoldStatus, 'ON');
      await refused(s3.deleteObject({ Bucket: 'locked', Key: 'evidence', VersionId: put.VersionId, BypassGovernanceRetention: true }), 'AccessDenied', 403);
      if (!boto3Missing) assert.deepEqual((await boto3(sandbox, "out = call(s3.get_object_legal_hold, Bucket='locked', Key='evidence')")).LegalHold, { Status: 'ON' });
      await s3.putObjectLegalHold({ Bucket: 'locked', Key: 'evidence', LegalHold: { Status: 'OFF' } });
      assert.equal((await s3.getObjectLegalHold({ Bucket: 'locked', Key: 'evidence' })).LegalHold?.Status, 'OFF');
      await s3.deleteObject({ Bucket: 'locked', Key: 'evidence', VersionId: put.VersionId });
      await refused(s3.putObjectLegalHold({ Bucket: 'objects', Key: 'plain', LegalHold: { Status: 'ON' } }), 'InvalidRequest', 400, /missing Object Lock Configuration/);
    });
  });

  test('GetObjectAttributes of a single-part and a multipart object, parts paged', async () => {
    const single = await s3.putObject({ Bucket: 'objects', Key: 'attrs', Body: 'attributes', ChecksumAlgorithm: 'CRC32' });
    const a = await s3.getObjectAttributes({ Bucket: 'objects', Key: 'attrs', ObjectAttributes: ['ETag', 'Checksum', 'ObjectSize', 'StorageClass', 'ObjectParts'] });
    assert.equal(a.ETag, single.ETag!.slice(1, -1), 'the ETag without its quotes');
    assert.deepEqual(a.Checksum, { ChecksumCRC32: single.ChecksumCRC32, ChecksumType: 'FULL_OBJECT' });
    assert.equal(a.ObjectSize, 10);
    assert.equal(a.StorageClass, 'STANDARD');
    assert.equal(a.ObjectParts, undefined);
    await refused(s3.getObjectAttributes({ Bucket: 'objects', Key: 'attrs', ObjectAttributes: ['Colour' as 'ETag'] }), 'InvalidArgument', 400);
    if (!awsCliMissing) {
      const c = (await cli('s3api', 'get-object-attributes', '--bucket', 'objects', '--key', 'attrs', '--object-attributes', 'ETag', 'Checksum', 'ObjectSize')).json();
      assert.deepEqual([c.ETag, c.Checksum.ChecksumCRC32, c.ObjectSize], [a.ETag, a.Checksum!.ChecksumCRC32, 10]);
    }

    const { UploadId } = await s3.createMultipartUpload({ Bucket: 'objects', Key: 'parts', ChecksumAlgorithm: 'SHA256' });
    const bodies = [Buffer.alloc(5 * MiB, 'a'), Buffer.alloc(5 * MiB, 'b'), Buffer.from('tail')];
    const parts = [];
    for (const [i, Body] of bodies.entries()) {
      const p = await s3.uploadPart({ Bucket: 'objects', Key: 'parts', UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'SHA256' });
      parts.push({ PartNumber: i + 1, ETag: p.ETag, ChecksumSHA256: p.ChecksumSHA256 });
    }
    const page1 = await s3.listParts({ Bucket: 'objects', Key: 'parts', UploadId, MaxParts: 2 });
    assert.deepEqual([page1.IsTruncated, page1.NextPartNumberMarker, page1.Parts!.length], [true, '2', 2]);
    const page2 = await s3.listParts({ Bucket: 'objects', Key: 'parts', UploadId, PartNumberMarker: page1.NextPartNumberMarker });
    assert.deepEqual(page2.Parts!.map((p) => [p.PartNumber, p.ChecksumSHA256]), [[3, parts[2].ChecksumSHA256]]);
    const done = await s3.completeMultipartUpload({ Bucket: 'objects', Key: 'parts', UploadId, MultipartUpload: { Parts: parts } });
    assert.match(done.ChecksumSHA256!, /^[A-Za-z0-9+/]{43}=-3$/, 'the composite checksum names its part count');
    assert.equal(done.ChecksumType, 'COMPOSITE');

    const m = await s3.getObjectAttributes({ Bucket: 'objects', Key: 'parts', ObjectAttributes: ['ObjectParts', 'Checksum'], MaxParts: 2 });
    assert.equal(m.Checksum!.ChecksumSHA256, done.ChecksumSHA256);
    assert.equal(m.Checksum!.ChecksumType, 'COMPOSITE');
    assert.deepEqual(
      { total: m.ObjectParts!.TotalPartsCount, truncated: m.ObjectParts!.IsTruncated, next: m.ObjectParts!.NextPartNumberMarker, parts: m.ObjectParts!.Parts },
      { total: 3, truncated: true, next: '2', parts: [{ PartNumber: 1, Size: 5 * MiB, ChecksumSHA256: parts[0].ChecksumSHA256 }, { PartNumber: 2, Size: 5 * MiB, ChecksumSHA256: parts[1].ChecksumSHA256 }] },
    );
    if (!boto3Missing) {
      const b = await boto3(sandbox, "out = call(s3.get_object_attributes, Bucket='objects', Key='parts', ObjectAttributes=['ObjectParts'], PartNumberMarker=2)");
      assert.deepEqual(b.ObjectParts.Parts, [{ PartNumber: 3, Size: 4, ChecksumSHA256: parts[2].ChecksumSHA256 }]);
    }
  });

  test('a FULL_OBJECT multipart checksum is the whole object\'s CRC, checked against the one the client sends', async () => {
    const bodies = [Buffer.alloc(5 * MiB, 'x'), Buffer.from('end')];
    const expected = (await s3.putObject({ Bucket: 'objects', Key: 'whole-reference', Body: Buffer.concat(bodies), ChecksumAlgorithm: 'CRC32' })).ChecksumCRC32;
    const upload = async (Key: string) => {
      const created = await s3.createMultipartUpload({ Bucket: 'objects', Key, ChecksumAlgorithm: 'CRC32', ChecksumType: 'FULL_OBJECT' });
      assert.equal(created.ChecksumType, 'FULL_OBJECT');
      const Parts = [];
      for (const [i, Body] of bodies.entries()) {
        const p = await s3.uploadPart({ Bucket: 'objects', Key, UploadId: created.UploadId, PartNumber: i + 1, Body, ChecksumAlgorithm: 'CRC32' });
        Parts.push({ PartNumber: i + 1, ETag: p.ETag, ChecksumCRC32: p.ChecksumCRC32 });
      }
      return { UploadId: created.UploadId, Parts };
    };
    const good = await upload('whole');
    const done = await s3.completeMultipartUpload({ Bucket: 'objects', Key: 'whole', UploadId: good.UploadId, ChecksumCRC32: expected, ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: good.Parts } });
    assert.deepEqual([done.ChecksumCRC32, done.ChecksumType], [expected, 'FULL_OBJECT']);
    const head = await s3.headObject({ Bucket: 'objects', Key: 'whole', ChecksumMode: 'ENABLED' });
    assert.deepEqual([head.ChecksumCRC32, head.ChecksumType], [expected, 'FULL_OBJECT']);

    const bad = await upload('whole-bad');
    await refused(s3.completeMultipartUpload({ Bucket: 'objects', Key: 'whole-bad', UploadId: bad.UploadId, ChecksumCRC32: 'AAAAAA==', ChecksumType: 'FULL_OBJECT', MultipartUpload: { Parts: bad.Parts } }), 'BadDigest', 400);
    await refused(s3.createMultipartUpload({ Bucket: 'objects', Key: 'sha', ChecksumAlgorithm: 'SHA256', ChecksumType: 'FULL_OBJECT' }), 'InvalidRequest', 400);
  });

  test('CopyObject with a checksum algorithm answers the copied bytes\' checksum', async () => {
    const body = 'copy me, check me';
    await s3.putObject({ Bucket: 'objects', Key: 'source', Body: body, ChecksumAlgorithm: 'SHA1' });
    // The SDK computes CRC32C of the same bytes on a put of its own: the value a copy must report.
    const expected = (await s3.putObject({ Bucket: 'objects', Key: 'reference', Body: body, ChecksumAlgorithm: 'CRC32C' })).ChecksumCRC32C;
    const copy = await s3.copyObject({ Bucket: 'objects', Key: 'copied', CopySource: 'objects/source', ChecksumAlgorithm: 'CRC32C' });
    assert.equal(copy.CopyObjectResult!.ChecksumCRC32C, expected);
    assert.equal((await s3.headObject({ Bucket: 'objects', Key: 'copied', ChecksumMode: 'ENABLED' })).ChecksumCRC32C, expected);
    // Without one, the source's checksum stays with the copy.
    const kept = await s3.copyObject({ Bucket: 'objects', Key: 'kept', CopySource: 'objects/source' });
    const source = await s3.headObject({ Bucket: 'objects', Key: 'source', ChecksumMode: 'ENABLED' });
    assert.equal(kept.CopyObjectResult!.ChecksumSHA1, source.ChecksumSHA1);
    if (!awsCliMissing) {
      const c = (await cli('s3api', 'copy-object', '--bucket', 'objects', '--key', 'by-cli', '--copy-source', 'objects/source', '--checksum-algorithm', 'CRC32C')).json();
      assert.equal(c.CopyObjectResult.ChecksumCRC32C, expected);
    }
  });

  test('CRC64NVME checksums are verified and computed as the SDK computes them', async () => {
    const body = 'nvme checked';
    const put = await s3.putObject({ Bucket: 'objects', Key: 'nvme', Body: body, ChecksumAlgorithm: 'CRC64NVME' });
    assert.match(put.ChecksumCRC64NVME!, /^[A-Za-z0-9+/]{11}=$/);
    const head = await s3.headObject({ Bucket: 'objects', Key: 'nvme', ChecksumMode: 'ENABLED' });
    assert.deepEqual([head.ChecksumCRC64NVME, head.ChecksumType], [put.ChecksumCRC64NVME, 'FULL_OBJECT']);
    await refused(s3.putObject({ Bucket: 'objects', Key: 'nvme-bad', Body: body, ChecksumCRC64NVME: 'AAAAAAAAAAA=' }), 'BadDigest', 400);
    // A copy computes it from the stored bytes: the value the SDK computed of them before sending.
    await s3.putObject({ Bucket: 'objects', Key: 'nvme-sha', Body: body, ChecksumAlgorithm: 'SHA256' });
    const copy = await s3.copyObject({ Bucket: 'objects', Key: 'nvme-copy', CopySource: 'objects/nvme-sha', ChecksumAlgorithm: 'CRC64NVME' });
    assert.equal(copy.CopyObjectResult!.ChecksumCRC64NVME, put.ChecksumCRC64NVME);
  });

  test('SSE-KMS with an S3 Bucket Key is reported on every answer about the object', async () => {
    const put = await s3.putObject({ Bucket: 'objects', Key: 'kms', Body: 'secret-ish', ServerSideEncryption: 'aws:kms', BucketKeyEnabled: true });
    assert.deepEqual([put.ServerSideEncryption, put.BucketKeyEnabled], ['aws:kms', true]);
    const head = await s3.headObject({ Bucket: 'objects', Key: 'kms' });
    assert.deepEqual([head.ServerSideEncryption, head.BucketKeyEnabled], ['aws:kms', true]);
    assert.match(head.SSEKMSKeyId!, /^arn:aws:kms:us-east-1:\d{12}:key\//);
    if (!awsCliMissing) assert.equal((await cli('s3api', 'head-object', '--bucket', 'objects', '--key', 'kms')).json().BucketKeyEnabled, true);
  });
});
