/**
 * Sandbox S3 features SDK and CLI users meet at once: object tagging, default encryption (SSE-S3
 * on every object since 2023, bucket default encryption) and reading a multipart object by part.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { S3, type Tag } from '@aws-sdk/client-s3';
import { IAM } from '@aws-sdk/client-iam';
import { testSandbox, tempDir } from '../helpers/index.js';
import { refused, s3Client } from './support.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { startSandbox, SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';

const ACCOUNT = SANDBOX_ACCOUNTS[0].accountId;
const tags = (n: number, prefix = 'k'): Tag[] => Array.from({ length: n }, (_, i) => ({ Key: `${prefix}${i}`, Value: `v${i}` }));

describe('sandbox S3: object tagging, default encryption, part reads', () => {
  let sandbox: RunningSandbox;
  let s3: S3;

  before(async () => {
    sandbox = await testSandbox();
    s3 = s3Client(sandbox);
    await s3.createBucket({ Bucket: 'features' });
    await s3.createBucket({ Bucket: 'features-v' });
    await s3.putBucketVersioning({ Bucket: 'features-v', VersioningConfiguration: { Status: 'Enabled' } });
  });
  after(() => sandbox.close());

  test('tags sent with PutObject are read back, counted on GET and HEAD, replaced and deleted', async () => {
    await s3.putObject({ Bucket: 'features', Key: 'tagged', Body: 'x', Tagging: 'project=paws&note=two%20words&empty=' });
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'tagged' })).TagSet, [
      { Key: 'project', Value: 'paws' },
      { Key: 'note', Value: 'two words' },
      { Key: 'empty', Value: '' },
    ]);
    assert.equal((await s3.getObject({ Bucket: 'features', Key: 'tagged' })).TagCount, 3);
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'tagged' })).TagCount, 3);

    await s3.putObjectTagging({ Bucket: 'features', Key: 'tagged', Tagging: { TagSet: [{ Key: 'stage', Value: 'prod' }] } });
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'tagged' })).TagSet, [{ Key: 'stage', Value: 'prod' }]);
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'tagged' })).TagCount, 1);

    const deleted = await s3.deleteObjectTagging({ Bucket: 'features', Key: 'tagged' });
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'tagged' })).TagSet ?? [], []);
    // No tags: no x-amz-tagging-count at all, as S3 answers.
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'tagged' })).TagCount, undefined);
    assert.equal(await (await s3.getObject({ Bucket: 'features', Key: 'tagged' })).Body!.transformToString(), 'x');

    await refused(s3.getObjectTagging({ Bucket: 'features', Key: 'missing' }), 'NoSuchKey', 404);
    await refused(s3.putObjectTagging({ Bucket: 'features', Key: 'missing', Tagging: { TagSet: [] } }), 'NoSuchKey', 404);
  });

  test('tag sets are limited as S3 limits them, and a refused PUT stores nothing', async () => {
    await s3.putObject({ Bucket: 'features', Key: 'limits', Body: 'x' });
    const put = (TagSet: Tag[]) => s3.putObjectTagging({ Bucket: 'features', Key: 'limits', Tagging: { TagSet } });
    await put(tags(10));
    await refused(put(tags(11)), 'BadRequest', 400, /Object tags cannot be greater than 10/);
    assert.equal((await s3.getObjectTagging({ Bucket: 'features', Key: 'limits' })).TagSet!.length, 10);

    await put([{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }]);
    await refused(put([{ Key: 'k'.repeat(129), Value: 'v' }]), 'InvalidTag', 400, /TagKey you have provided is too long/);
    await refused(put([{ Key: 'k', Value: 'v'.repeat(257) }]), 'InvalidTag', 400, /TagValue you have provided is too long/);
    await refused(put([{ Key: 'same', Value: '1' }, { Key: 'same', Value: '2' }]), 'InvalidTag', 400, /multiple Tags with the same key/);
    await refused(put([{ Key: 'aws:reserved', Value: '1' }]), 'InvalidTag', 400, /prefixed with aws:/);
    await refused(put([{ Key: 'bad{key}', Value: '1' }]), 'InvalidTag', 400, /TagKey you have provided is invalid/);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'limits' })).TagSet, [{ Key: 'k'.repeat(128), Value: 'v'.repeat(256) }]);

    const eleven = tags(11).map((t) => `${t.Key}=${t.Value}`).join('&');
    await refused(s3.putObject({ Bucket: 'features', Key: 'too-many', Body: 'x', Tagging: eleven }), 'BadRequest', 400, /greater than 10/);
    await refused(s3.putObject({ Bucket: 'features', Key: 'too-many', Body: 'x', Tagging: 'a=1&a=2' }), 'InvalidArgument', 400, /x-amz-tagging/);
    await refused(s3.createMultipartUpload({ Bucket: 'features', Key: 'too-many', Tagging: eleven }), 'BadRequest', 400);
    await refused(s3.headObject({ Bucket: 'features', Key: 'too-many' }), 'NotFound', 404);
  });

  test('tags belong to one object version', async () => {
    const v1 = (await s3.putObject({ Bucket: 'features-v', Key: 'doc', Body: 'one', Tagging: 'rev=1' })).VersionId!;
    const v2 = (await s3.putObject({ Bucket: 'features-v', Key: 'doc', Body: 'two', Tagging: 'rev=2&latest=yes' })).VersionId!;
    const current = await s3.getObjectTagging({ Bucket: 'features-v', Key: 'doc' });
    assert.equal(current.VersionId, v2);
    assert.deepEqual(current.TagSet, [{ Key: 'rev', Value: '2' }, { Key: 'latest', Value: 'yes' }]);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features-v', Key: 'doc', VersionId: v1 })).TagSet, [{ Key: 'rev', Value: '1' }]);

    const put = await s3.putObjectTagging({ Bucket: 'features-v', Key: 'doc', VersionId: v1, Tagging: { TagSet: [{ Key: 'rev', Value: 'first' }] } });
    assert.equal(put.VersionId, v1);
    assert.equal((await s3.headObject({ Bucket: 'features-v', Key: 'doc', VersionId: v1 })).TagCount, 1);
    assert.equal((await s3.headObject({ Bucket: 'features-v', Key: 'doc' })).TagCount, 2);
    await s3.deleteObjectTagging({ Bucket: 'features-v', Key: 'doc', VersionId: v2 });
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features-v', Key: 'doc', VersionId: v1 })).TagSet, [{ Key: 'rev', Value: 'first' }]);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features-v', Key: 'doc' })).TagSet ?? [], []);
    await refused(s3.getObjectTagging({ Bucket: 'features-v', Key: 'doc', VersionId: 'A'.repeat(32) }), 'NoSuchVersion', 404);
  });

  test('CopyObject copies the source tags unless x-amz-tagging-directive is REPLACE', async () => {
    await s3.putObject({ Bucket: 'features', Key: 'copy-src', Body: 'src', Tagging: 'origin=source' });
    await s3.copyObject({ Bucket: 'features', Key: 'copy-default', CopySource: 'features/copy-src', Tagging: 'ignored=yes' });
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'copy-default' })).TagSet, [{ Key: 'origin', Value: 'source' }]);
    await s3.copyObject({ Bucket: 'features', Key: 'copy-replaced', CopySource: 'features/copy-src', TaggingDirective: 'REPLACE', Tagging: 'origin=copy' });
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'copy-replaced' })).TagSet, [{ Key: 'origin', Value: 'copy' }]);
    await s3.copyObject({ Bucket: 'features', Key: 'copy-untagged', CopySource: 'features/copy-src', TaggingDirective: 'REPLACE' });
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'copy-untagged' })).TagCount, undefined);
    await refused(s3.copyObject({ Bucket: 'features', Key: 'copy-bad', CopySource: 'features/copy-src', TaggingDirective: 'MERGE' as never }), 'InvalidArgument', 400, /Unknown tagging directive/);
  });

  test('a multipart object is read part by part; any other object has exactly one part', async () => {
    const part1 = randomBytes(5 * 1024 * 1024);
    const part2 = randomBytes(1000);
    const size = part1.length + part2.length;
    const created = await s3.createMultipartUpload({ Bucket: 'features', Key: 'mp', Tagging: 'kind=multipart' });
    assert.equal(created.ServerSideEncryption, 'AES256');
    const { UploadId } = created;
    const up1 = await s3.uploadPart({ Bucket: 'features', Key: 'mp', UploadId, PartNumber: 1, Body: part1 });
    const up2 = await s3.uploadPart({ Bucket: 'features', Key: 'mp', UploadId, PartNumber: 2, Body: part2 });
    assert.equal(up1.ServerSideEncryption, 'AES256');
    const done = await s3.completeMultipartUpload({ Bucket: 'features', Key: 'mp', UploadId, MultipartUpload: { Parts: [{ PartNumber: 1, ETag: up1.ETag }, { PartNumber: 2, ETag: up2.ETag }] } });
    assert.equal(done.ServerSideEncryption, 'AES256');
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'mp' })).TagSet, [{ Key: 'kind', Value: 'multipart' }]);

    const first = await s3.getObject({ Bucket: 'features', Key: 'mp', PartNumber: 1 });
    assert.equal(first.$metadata.httpStatusCode, 206);
    assert.equal(first.ContentRange, `bytes 0-${part1.length - 1}/${size}`);
    assert.equal(first.ContentLength, part1.length);
    assert.equal(first.PartsCount, 2);
    assert.equal(first.ETag, done.ETag);
    assert.ok(Buffer.from(await first.Body!.transformToByteArray()).equals(part1));
    const second = await s3.getObject({ Bucket: 'features', Key: 'mp', PartNumber: 2 });
    assert.equal(second.ContentRange, `bytes ${part1.length}-${size - 1}/${size}`);
    assert.ok(Buffer.from(await second.Body!.transformToByteArray()).equals(part2));
    const head = await s3.headObject({ Bucket: 'features', Key: 'mp', PartNumber: 2 });
    assert.equal(head.$metadata.httpStatusCode, 206);
    assert.equal(head.ContentLength, part2.length);
    assert.equal(head.PartsCount, 2);
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'mp' })).PartsCount, undefined);

    await assert.rejects(s3.getObject({ Bucket: 'features', Key: 'mp', PartNumber: 3 }), (e: any) => {
      assert.equal(e.name, 'InvalidPartNumber');
      assert.equal(e.$metadata.httpStatusCode, 416);
      assert.equal(e.PartNumberRequested, '3');
      assert.equal(e.ActualPartCount, '2');
      return true;
    });
    await assert.rejects(s3.headObject({ Bucket: 'features', Key: 'mp', PartNumber: 3 }), (e: any) => e.$metadata.httpStatusCode === 416);
    await refused(s3.getObject({ Bucket: 'features', Key: 'mp', PartNumber: 1, Range: 'bytes=0-1' }), 'InvalidRequest', 400, /both Range header and partNumber/);
    await refused(s3.getObject({ Bucket: 'features', Key: 'mp', PartNumber: 10001 }), 'InvalidArgument', 400, /between 1 and 10000/);

    await s3.putObject({ Bucket: 'features', Key: 'single', Body: '0123456789' });
    const whole = await s3.getObject({ Bucket: 'features', Key: 'single', PartNumber: 1 });
    assert.equal(whole.$metadata.httpStatusCode, 206);
    assert.equal(whole.ContentRange, 'bytes 0-9/10');
    assert.equal(whole.PartsCount, undefined);
    assert.equal(await whole.Body!.transformToString(), '0123456789');
    await refused(s3.getObject({ Bucket: 'features', Key: 'single', PartNumber: 2 }), 'InvalidPartNumber', 416);
  });

  test('every object is SSE-S3 encrypted unless the request asks for KMS', async () => {
    const put = await s3.putObject({ Bucket: 'features', Key: 'plain', Body: 'p' });
    assert.equal(put.ServerSideEncryption, 'AES256');
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'plain' })).ServerSideEncryption, 'AES256');
    const got = await s3.getObject({ Bucket: 'features', Key: 'plain' });
    assert.equal(got.ServerSideEncryption, 'AES256');
    assert.equal(got.SSEKMSKeyId, undefined);

    const kms = await s3.putObject({ Bucket: 'features', Key: 'kms', Body: 'k', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/app-key', BucketKeyEnabled: true });
    assert.equal(kms.ServerSideEncryption, 'aws:kms');
    assert.equal(kms.SSEKMSKeyId, `arn:aws:kms:us-east-1:${ACCOUNT}:alias/app-key`);
    assert.equal(kms.BucketKeyEnabled, true);
    const kmsHead = await s3.headObject({ Bucket: 'features', Key: 'kms' });
    assert.deepEqual([kmsHead.ServerSideEncryption, kmsHead.SSEKMSKeyId, kmsHead.BucketKeyEnabled], ['aws:kms', kms.SSEKMSKeyId, true]);
    const managed = await s3.putObject({ Bucket: 'features', Key: 'kms-managed', Body: 'k', ServerSideEncryption: 'aws:kms' });
    assert.match(managed.SSEKMSKeyId!, new RegExp(`^arn:aws:kms:us-east-1:${ACCOUNT}:key/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));

    // A copy is encrypted as its own request (or its bucket) says, not as its source was.
    const copied = await s3.copyObject({ Bucket: 'features', Key: 'kms-copy', CopySource: 'features/kms' });
    assert.equal(copied.ServerSideEncryption, 'AES256');
    assert.equal((await s3.headObject({ Bucket: 'features', Key: 'kms-copy' })).SSEKMSKeyId, undefined);

    await refused(s3.putObject({ Bucket: 'features', Key: 'bad-sse', Body: 'x', ServerSideEncryption: 'AES512' as never }), 'InvalidArgument', 400, /encryption method specified is not supported/);
    await refused(s3.putObject({ Bucket: 'features', Key: 'bad-sse', Body: 'x', SSEKMSKeyId: 'alias/app-key' }), 'InvalidArgument', 400, /requires HTTP header x-amz-server-side-encryption : aws:kms/);
    await refused(s3.headObject({ Bucket: 'features', Key: 'bad-sse' }), 'NotFound', 404);
  });

  test('bucket default encryption is SSE-S3 until PutBucketEncryption, and again after DeleteBucketEncryption', async () => {
    await s3.createBucket({ Bucket: 'features-enc' });
    const sseS3 = { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' }, BucketKeyEnabled: false }] };
    assert.deepEqual((await s3.getBucketEncryption({ Bucket: 'features-enc' })).ServerSideEncryptionConfiguration, sseS3);

    const kmsRule = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' as const, KMSMasterKeyID: '1234abcd-12ab-34cd-56ef-1234567890ab' }, BucketKeyEnabled: true };
    await s3.putBucketEncryption({ Bucket: 'features-enc', ServerSideEncryptionConfiguration: { Rules: [kmsRule] } });
    assert.deepEqual((await s3.getBucketEncryption({ Bucket: 'features-enc' })).ServerSideEncryptionConfiguration, { Rules: [kmsRule] });
    const put = await s3.putObject({ Bucket: 'features-enc', Key: 'by-default', Body: 'x' });
    assert.deepEqual([put.ServerSideEncryption, put.SSEKMSKeyId, put.BucketKeyEnabled], ['aws:kms', `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, true]);
    // The request's own header still wins over the bucket default.
    assert.equal((await s3.putObject({ Bucket: 'features-enc', Key: 'asked', Body: 'x', ServerSideEncryption: 'AES256' })).ServerSideEncryption, 'AES256');

    const rule = (SSEAlgorithm: string, KMSMasterKeyID?: string) => ({ Bucket: 'features-enc', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: SSEAlgorithm as never, KMSMasterKeyID } }] } });
    await refused(s3.putBucketEncryption(rule('AES256', 'some-key')), 'InvalidArgument', 400, /KMSMasterKeyID is not applicable/);
    await refused(s3.putBucketEncryption(rule('DES')), 'MalformedXML', 400);
    await refused(s3.putBucketEncryption({ Bucket: 'features-enc', ServerSideEncryptionConfiguration: { Rules: [] } }), 'MalformedXML', 400);
    assert.deepEqual((await s3.getBucketEncryption({ Bucket: 'features-enc' })).ServerSideEncryptionConfiguration, { Rules: [kmsRule] });

    const deleted = await s3.deleteBucketEncryption({ Bucket: 'features-enc' });
    assert.equal(deleted.$metadata.httpStatusCode, 204);
    assert.deepEqual((await s3.getBucketEncryption({ Bucket: 'features-enc' })).ServerSideEncryptionConfiguration, sseS3);
    assert.equal((await s3.putObject({ Bucket: 'features-enc', Key: 'after', Body: 'x' })).ServerSideEncryption, 'AES256');
    await refused(s3.getBucketEncryption({ Bucket: 'features-no-such-bucket' }), 'NoSuchBucket', 404);
  });

  test('an IAM user needs the tagging actions, and their Version variants for a versionId', async () => {
    const iam = new IAM({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    await iam.createUser({ UserName: 'tagger' });
    const policy = { Statement: [{ Effect: 'Allow', Action: ['s3:PutObject', 's3:GetObject', 's3:GetObjectTagging'], Resource: 'arn:aws:s3:::features-v/*' }] };
    await iam.putUserPolicy({ UserName: 'tagger', PolicyName: 'tags', PolicyDocument: JSON.stringify(policy) });
    const { AccessKey } = await iam.createAccessKey({ UserName: 'tagger' });
    const user = s3Client({ endpoint: sandbox.endpoint, credentials: { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! } });

    const { VersionId } = await user.putObject({ Bucket: 'features-v', Key: 'iam', Body: 'x' });
    assert.deepEqual((await user.getObjectTagging({ Bucket: 'features-v', Key: 'iam' })).TagSet ?? [], []);
    await refused(user.getObjectTagging({ Bucket: 'features-v', Key: 'iam', VersionId }), 'AccessDenied', 403);
    await refused(user.putObjectTagging({ Bucket: 'features-v', Key: 'iam', Tagging: { TagSet: [] } }), 'AccessDenied', 403);
    await refused(user.deleteObjectTagging({ Bucket: 'features-v', Key: 'iam' }), 'AccessDenied', 403);
    // Tags sent with the object need s3:PutObjectTagging too (S3's message names no action: each step below shows which one was missing).
    await refused(user.putObject({ Bucket: 'features-v', Key: 'iam', Body: 'x', Tagging: 'a=b' }), 'AccessDenied', 403);

    policy.Statement[0].Action.push('s3:GetObjectVersionTagging', 's3:PutObjectTagging', 's3:DeleteObjectTagging');
    await iam.putUserPolicy({ UserName: 'tagger', PolicyName: 'tags', PolicyDocument: JSON.stringify(policy) });
    await user.putObject({ Bucket: 'features-v', Key: 'iam', Body: 'x', Tagging: 'a=b' });
    assert.deepEqual((await user.getObjectTagging({ Bucket: 'features-v', Key: 'iam', VersionId })).TagSet ?? [], []);
    await user.deleteObjectTagging({ Bucket: 'features-v', Key: 'iam' });
    await refused(user.deleteObjectTagging({ Bucket: 'features-v', Key: 'iam', VersionId }), 'AccessDenied', 403);
  });

  test('the AWS CLI reads the same tags and bucket encryption as the SDK', { skip: awsCliMissing }, async () => {
    await s3.putObject({ Bucket: 'features', Key: 'cli/tagged.txt', Body: 'x', Tagging: 'team=storage&tier=gold' });
    const got = await awsCli(sandbox, ['s3api', 'get-object-tagging', '--bucket', 'features', '--key', 'cli/tagged.txt']);
    assert.equal(got.status, 0, got.stderr);
    assert.deepEqual(got.json(), { TagSet: (await s3.getObjectTagging({ Bucket: 'features', Key: 'cli/tagged.txt' })).TagSet });
    assert.deepEqual(got.json().TagSet, [{ Key: 'team', Value: 'storage' }, { Key: 'tier', Value: 'gold' }]);

    const put = await awsCli(sandbox, ['s3api', 'put-object-tagging', '--bucket', 'features', '--key', 'cli/tagged.txt', '--tagging', 'TagSet=[{Key=by,Value=cli}]']);
    assert.equal(put.status, 0, put.stderr);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'features', Key: 'cli/tagged.txt' })).TagSet, [{ Key: 'by', Value: 'cli' }]);
    const head = await awsCli(sandbox, ['s3api', 'head-object', '--bucket', 'features', '--key', 'cli/tagged.txt']);
    assert.equal(head.json().ServerSideEncryption, 'AES256');

    const enc = await awsCli(sandbox, ['s3api', 'get-bucket-encryption', '--bucket', 'features']);
    assert.equal(enc.status, 0, enc.stderr);
    const sdk = await s3.getBucketEncryption({ Bucket: 'features' });
    assert.deepEqual(enc.json(), { ServerSideEncryptionConfiguration: sdk.ServerSideEncryptionConfiguration });
    assert.equal(enc.json().ServerSideEncryptionConfiguration.Rules[0].ApplyServerSideEncryptionByDefault.SSEAlgorithm, 'AES256');

    const many = await awsCli(sandbox, ['s3api', 'put-object', '--bucket', 'features', '--key', 'cli/many', '--tagging', tags(11).map((t) => `${t.Key}=${t.Value}`).join('&')]);
    assert.notEqual(many.status, 0);
    assert.match(many.stderr, /\(BadRequest\) when calling the PutObject operation: Object tags cannot be greater than 10/);
  });
});

test('tags and encryption are kept in the object version across a restart', async () => {
  const dir = tempDir('paws-s3-features-');
  let running = await startSandbox({ port: 0, stateDir: dir.path });
  try {
    let s3 = s3Client(running);
    await s3.createBucket({ Bucket: 'kept' });
    await s3.putObject({ Bucket: 'kept', Key: 'k', Body: 'x', Tagging: 'keep=me', ServerSideEncryption: 'aws:kms', SSEKMSKeyId: 'alias/kept' });
    await s3.putObjectTagging({ Bucket: 'kept', Key: 'k', Tagging: { TagSet: [{ Key: 'keep', Value: 'me too' }] } });
    await s3.putBucketEncryption({ Bucket: 'kept', ServerSideEncryptionConfiguration: { Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms' } }] } });
    await running.close();
    running = await startSandbox({ port: 0, stateDir: dir.path });
    s3 = s3Client(running);
    assert.deepEqual((await s3.getObjectTagging({ Bucket: 'kept', Key: 'k' })).TagSet, [{ Key: 'keep', Value: 'me too' }]);
    const head = await s3.headObject({ Bucket: 'kept', Key: 'k' });
    assert.deepEqual([head.TagCount, head.ServerSideEncryption, head.SSEKMSKeyId], [1, 'aws:kms', `arn:aws:kms:us-east-1:${ACCOUNT}:alias/kept`]);
    assert.equal((await s3.getBucketEncryption({ Bucket: 'kept' })).ServerSideEncryptionConfiguration!.Rules![0].ApplyServerSideEncryptionByDefault!.SSEAlgorithm, 'aws:kms');
  } finally {
    await running.close();
    dir.remove();
  }
});
