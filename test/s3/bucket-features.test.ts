/**
 * Sandbox S3 bucket features that act on their own: CORS (preflights answered as browsers send
 * them), event notifications delivered through SNS, lifecycle rules applied on the sandbox's timer,
 * and the configurations S3 only stores (acceleration, inventory, analytics, metrics,
 * intelligent-tiering). The AWS CLI and boto3 read the same answers and errors as the SDK.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { S3, type Event, type NotificationConfiguration } from '@aws-sdk/client-s3';
import { SNS } from '@aws-sdk/client-sns';
import { SQS } from '@aws-sdk/client-sqs';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { eventually, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing, cliError } from '../helpers/aws-cli.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { boto3, boto3Missing, refused, s3Client } from './support.js';

/** A day lasts 1.7 s: lifecycle's days pass within a test. */
const TIME_SCALE = 2e-5;
const DAY_MS = 86_400_000 * TIME_SCALE;


describe('sandbox S3: CORS, notifications, lifecycle, stored configurations', () => {
  let sandbox: RunningSandbox;
  let s3: S3;
  const cli = (...args: string[]) => awsCli(sandbox, args);

  before(async () => {
    sandbox = await testSandbox({ timeScale: TIME_SCALE });
    s3 = s3Client(sandbox);
  });
  after(() => sandbox.close());

  describe('CORS', () => {
    const rules = [
      { AllowedOrigins: ['https://*.example.com'], AllowedMethods: ['GET', 'PUT'], AllowedHeaders: ['x-amz-*', 'Content-Type'], ExposeHeaders: ['ETag'], MaxAgeSeconds: 600 },
      { AllowedOrigins: ['*'], AllowedMethods: ['GET'] },
    ];
    const preflight = (path: string, headers: Record<string, string>) => fetch(`${sandbox.endpoint}/${path}`, { method: 'OPTIONS', headers });

    before(async () => {
      await s3.createBucket({ Bucket: 'cors' });
    });

    test('rules are stored, read back by the SDK, the AWS CLI and boto3, and deleted', async () => {
      await refused(s3.getBucketCors({ Bucket: 'cors' }), 'NoSuchCORSConfiguration', 404, /The CORS configuration does not exist/);
      await s3.putBucketCors({ Bucket: 'cors', CORSConfiguration: { CORSRules: rules } });
      const sdk = (await s3.getBucketCors({ Bucket: 'cors' })).CORSRules;
      assert.deepEqual(sdk, rules);
      if (!awsCliMissing) assert.deepEqual((await cli('s3api', 'get-bucket-cors', '--bucket', 'cors')).json().CORSRules, sdk);
      if (!boto3Missing) assert.deepEqual((await boto3(sandbox, "out = call(s3.get_bucket_cors, Bucket='cors')")).CORSRules, sdk);
      await refused(s3.putBucketCors({ Bucket: 'cors', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['*'], AllowedMethods: ['PATCH'] }] } }), 'InvalidRequest', 400, /Unsupported method is PATCH/);
      await refused(s3.putBucketCors({ Bucket: 'cors', CORSConfiguration: { CORSRules: [{ AllowedOrigins: ['https://*.*.com'], AllowedMethods: ['GET'] }] } }), 'InvalidRequest', 400, /more than one wildcard/);
      assert.deepEqual((await s3.getBucketCors({ Bucket: 'cors' })).CORSRules, rules, 'a refused PUT changes nothing');

      await s3.putBucketCors({ Bucket: 'cors-gone', CORSConfiguration: { CORSRules: rules } }).catch((e) => assert.equal(e.name, 'NoSuchBucket'));
      await s3.createBucket({ Bucket: 'cors-deleted' });
      await s3.putBucketCors({ Bucket: 'cors-deleted', CORSConfiguration: { CORSRules: rules } });
      assert.equal((await s3.deleteBucketCors({ Bucket: 'cors-deleted' })).$metadata.httpStatusCode, 204);
      if (!awsCliMissing) assert.equal(cliError(await cli('s3api', 'get-bucket-cors', '--bucket', 'cors-deleted')), 'NoSuchCORSConfiguration');
      if (!boto3Missing) assert.deepEqual(await boto3(sandbox, "out = call(s3.get_bucket_cors, Bucket='cors-deleted')"), { error: 'NoSuchCORSConfiguration', status: 404 });
    });

    test('an unsigned preflight is answered from the first matching rule', async () => {
      const ok = await preflight('cors/photo.jpg', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'content-type, x-amz-meta-owner' });
      assert.equal(ok.status, 200);
      assert.equal(ok.headers.get('access-control-allow-origin'), 'https://app.example.com');
      assert.equal(ok.headers.get('access-control-allow-methods'), 'GET, PUT');
      assert.equal(ok.headers.get('access-control-allow-headers'), 'content-type, x-amz-meta-owner');
      assert.equal(ok.headers.get('access-control-expose-headers'), 'ETag');
      assert.equal(ok.headers.get('access-control-max-age'), '600');
      assert.equal(ok.headers.get('access-control-allow-credentials'), 'true');

      // Any origin may GET (the second rule): S3 answers `*`, without credentials.
      const anyone = await preflight('cors/photo.jpg', { Origin: 'https://elsewhere.org', 'Access-Control-Request-Method': 'GET' });
      assert.equal(anyone.status, 200);
      assert.equal(anyone.headers.get('access-control-allow-origin'), '*');
      assert.equal(anyone.headers.get('access-control-allow-credentials'), null);

      const denied = await preflight('cors/photo.jpg', { Origin: 'https://elsewhere.org', 'Access-Control-Request-Method': 'PUT' });
      assert.equal(denied.status, 403);
      const body = await denied.text();
      assert.match(body, /<Code>AccessForbidden<\/Code><Message>CORSResponse: This CORS request is not allowed/);
      assert.match(body, /<Method>PUT<\/Method><ResourceType>OBJECT<\/ResourceType>/);
      const header = await preflight('cors', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization' });
      assert.equal(header.status, 403, 'a header no rule allows');
      assert.equal((await preflight('cors', { 'Access-Control-Request-Method': 'GET' })).status, 400);
      await s3.createBucket({ Bucket: 'no-cors' });
      const off = await preflight('no-cors/x', { Origin: 'https://app.example.com', 'Access-Control-Request-Method': 'GET' });
      assert.equal(off.status, 403);
      assert.match(await off.text(), /CORSResponse: CORS is not enabled for this bucket/);
    });

    test('an actual request with an Origin carries the allowing rule\'s headers', async () => {
      await s3.putObject({ Bucket: 'cors', Key: 'page.txt', Body: 'hello' });
      const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: 'cors', Key: 'page.txt' }), { expiresIn: 60 });
      const res = await fetch(url, { headers: { Origin: 'https://app.example.com' } });
      assert.equal(await res.text(), 'hello');
      assert.equal(res.headers.get('access-control-allow-origin'), 'https://app.example.com');
      assert.equal(res.headers.get('access-control-expose-headers'), 'ETag');
      assert.equal((await fetch(url)).headers.get('access-control-allow-origin'), null, 'no Origin, no CORS headers');
    });
  });

  describe('event notifications', () => {
    let sns: SNS;
    let subscriber: Server;
    let topicArn: string;
    const received: any[] = [];

    before(async () => {
      sns = new SNS({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
      // An HTTP subscriber on loopback: confirms its subscription, keeps each notification's message.
      subscriber = createServer((req, res) => {
        let body = '';
        req.on('data', (c) => (body += c));
        req.on('end', async () => {
          res.end();
          const doc = JSON.parse(body);
          if (doc.Type === 'SubscriptionConfirmation') await sns.confirmSubscription({ TopicArn: doc.TopicArn, Token: doc.Token });
          else received.push({ subject: doc.Subject, ...JSON.parse(doc.Message) });
        });
      });
      await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
      topicArn = (await sns.createTopic({ Name: 's3-events' })).TopicArn!;
      const { SubscriptionArn } = await sns.subscribe({ TopicArn: topicArn, Protocol: 'http', Endpoint: `http://127.0.0.1:${(subscriber.address() as AddressInfo).port}/`, ReturnSubscriptionArn: true });
      await eventually(async () => (await sns.getSubscriptionAttributes({ SubscriptionArn })).Attributes?.PendingConfirmation === 'false', 'the confirmed subscription');
      await s3.createBucket({ Bucket: 'events' });
    });
    after(() => subscriber.close());

    const recordsFor = (key: string) => received.flatMap((m) => m.Records ?? []).filter((r: any) => r.s3.object.key === key);

    test('a topic configuration is validated by its test event, then receives the events its filters select', async () => {
      const config: NotificationConfiguration = {
        TopicConfigurations: [
          { Id: 'jpg-uploads', TopicArn: topicArn, Events: ['s3:ObjectCreated:*', 's3:ObjectRemoved:*', 's3:ObjectRestore:*'], Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: 'photos/' }, { Name: 'suffix', Value: '.jpg' }] } } },
        ],
      };
      // A new topic's default policy lets only its own account publish: S3 cannot, so the destination does not validate.
      await refused(s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: config }), 'InvalidArgument', 400, /Unable to validate the following destination configurations/);
      const allowS3 = (bucket: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'SNS:Publish', Resource: topicArn, Condition: { ArnLike: { 'aws:SourceArn': `arn:aws:s3:::${bucket}` } } }] });
      await sns.setTopicAttributes({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: allowS3('other-bucket') });
      await refused(s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: config }), 'InvalidArgument', 400, /Unable to validate/);
      await sns.setTopicAttributes({ TopicArn: topicArn, AttributeName: 'Policy', AttributeValue: allowS3('events') });
      await s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: config });
      const test = await eventually(() => received.find((m) => m.Event === 's3:TestEvent'), 'the s3:TestEvent');
      assert.equal(test.Service, 'Amazon S3');
      assert.equal(test.Bucket, 'events');
      assert.equal(test.subject, 'Amazon S3 Notification');
      assert.deepEqual((await s3.getBucketNotificationConfiguration({ Bucket: 'events' })).TopicConfigurations, config.TopicConfigurations);

      const put = await s3.putObject({ Bucket: 'events', Key: 'photos/red flower.jpg', Body: 'petals' });
      await s3.putObject({ Bucket: 'events', Key: 'photos/notes.txt', Body: 'not a photo' });
      await s3.putObject({ Bucket: 'events', Key: 'other/blue.jpg', Body: 'not under photos/' });
      await s3.copyObject({ Bucket: 'events', Key: 'photos/copy.jpg', CopySource: 'events/photos/red flower.jpg' });
      await s3.deleteObject({ Bucket: 'events', Key: 'photos/copy.jpg' });
      const [created] = await eventually(() => recordsFor('photos/red+flower.jpg').at(0) && recordsFor('photos/red+flower.jpg'), 'the ObjectCreated:Put event');
      assert.equal(created.eventName, 'ObjectCreated:Put');
      assert.equal(created.eventSource, 'aws:s3');
      assert.equal(created.awsRegion, 'us-east-1');
      assert.equal(created.s3.configurationId, 'jpg-uploads');
      assert.equal(created.s3.bucket.name, 'events');
      assert.equal(created.s3.bucket.arn, 'arn:aws:s3:::events');
      assert.equal(created.s3.object.size, 6);
      assert.equal(`"${created.s3.object.eTag}"`, put.ETag);
      assert.match(created.s3.object.sequencer, /^[0-9A-F]{16,}$/);
      const copyEvents = await eventually(() => recordsFor('photos/copy.jpg').length === 2 && recordsFor('photos/copy.jpg'), 'the copy and delete events');
      assert.deepEqual(copyEvents.map((r: any) => r.eventName).sort(), ['ObjectCreated:Copy', 'ObjectRemoved:Delete']);
      const removed = copyEvents.find((r: any) => r.eventName === 'ObjectRemoved:Delete');
      assert.equal(removed.s3.object.size, undefined, 'a removal has no size');
      assert.deepEqual(recordsFor('photos/notes.txt'), [], 'the suffix filter');
      assert.deepEqual(recordsFor('other/blue.jpg'), [], 'the prefix filter');
      assert.ok(created.s3.object.sequencer < copyEvents[0].s3.object.sequencer || created.s3.object.sequencer < copyEvents[1].s3.object.sequencer, 'sequencers grow');

      if (!awsCliMissing) assert.deepEqual((await cli('s3api', 'get-bucket-notification-configuration', '--bucket', 'events')).json().TopicConfigurations, config.TopicConfigurations);

      // A restore is announced when asked for and when done.
      await s3.putObject({ Bucket: 'events', Key: 'photos/old.jpg', Body: 'archived', StorageClass: 'GLACIER' });
      await s3.restoreObject({ Bucket: 'events', Key: 'photos/old.jpg', RestoreRequest: { Days: 1, GlacierJobParameters: { Tier: 'Expedited' } } });
      const restore = (r: any) => r.eventName.startsWith('ObjectRestore');
      const restores = await eventually(() => recordsFor('photos/old.jpg').filter(restore).length === 2 && recordsFor('photos/old.jpg').filter(restore), 'the restore events');
      assert.deepEqual(restores.map((r: any) => r.eventName).sort(), ['ObjectRestore:Completed', 'ObjectRestore:Post']);
      if (!boto3Missing) assert.deepEqual((await boto3(sandbox, "out = call(s3.get_bucket_notification_configuration, Bucket='events')")).TopicConfigurations, config.TopicConfigurations);
    });

    test('destinations S3 cannot validate are refused, and the configuration is left as it was', async () => {
      const before = await s3.getBucketNotificationConfiguration({ Bucket: 'events' });
      const missing = topicArn.replace('s3-events', 'no-such-topic');
      await refused(
        s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: { TopicConfigurations: [{ TopicArn: missing, Events: ['s3:ObjectCreated:*'] }] } }),
        'InvalidArgument',
        400,
        /Unable to validate the following destination configurations/,
      );
      const queue: NotificationConfiguration = { QueueConfigurations: [{ QueueArn: 'arn:aws:sqs:us-east-1:000000000000:none', Events: ['s3:ObjectCreated:*'] }] };
      await refused(s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: queue }), 'InvalidArgument', 400, /Unable to validate/);
      await refused(
        s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: { TopicConfigurations: [{ TopicArn: topicArn, Events: ['s3:ObjectEaten:*' as Event] }] } }),
        'InvalidArgument',
        400,
        /The event is not supported for notifications/,
      );
      const twice: NotificationConfiguration = { TopicConfigurations: [{ TopicArn: topicArn, Events: ['s3:ObjectCreated:Put'] }, { TopicArn: topicArn, Events: ['s3:ObjectCreated:*'] }] };
      await refused(s3.putBucketNotificationConfiguration({ Bucket: 'events', NotificationConfiguration: twice }), 'InvalidArgument', 400, /Configurations overlap/);
      assert.deepEqual((await s3.getBucketNotificationConfiguration({ Bucket: 'events' })).TopicConfigurations, before.TopicConfigurations);
      if (!boto3Missing) {
        const r = await boto3(sandbox, `out = call(s3.put_bucket_notification_configuration, Bucket='events', NotificationConfiguration={'TopicConfigurations': [{'TopicArn': '${missing}', 'Events': ['s3:ObjectCreated:*']}]})`);
        assert.deepEqual(r, { error: 'InvalidArgument', status: 400 });
      }
    });
    test('a queue receives the events once its policy lets this bucket send, as on AWS', async () => {
      const sqs = new SQS({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
      await s3.createBucket({ Bucket: 'queued-events' });
      const { QueueUrl } = await sqs.createQueue({ QueueName: 's3-events' });
      const { Attributes } = await sqs.getQueueAttributes({ QueueUrl, AttributeNames: ['QueueArn'] });
      const queueArn = Attributes!.QueueArn!;
      const config: NotificationConfiguration = { QueueConfigurations: [{ Id: 'uploads', QueueArn: queueArn, Events: ['s3:ObjectCreated:*'] }] };
      // The queue's own account may send, but S3 is a service principal the policy must name.
      await refused(s3.putBucketNotificationConfiguration({ Bucket: 'queued-events', NotificationConfiguration: config }), 'InvalidArgument', 400, /Unable to validate/);
      const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 's3.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: queueArn, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::queued-events' } } }] };
      await sqs.setQueueAttributes({ QueueUrl, Attributes: { Policy: JSON.stringify(policy) } });
      await s3.putBucketNotificationConfiguration({ Bucket: 'queued-events', NotificationConfiguration: config });
      await s3.putObject({ Bucket: 'queued-events', Key: 'in/a.txt', Body: 'queued' });
      const bodies: any[] = [];
      await eventually(async () => {
        const { Messages = [] } = await sqs.receiveMessage({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 });
        bodies.push(...Messages.map((m) => JSON.parse(m.Body!)));
        return bodies.some((b) => b.Records?.[0]?.eventName === 'ObjectCreated:Put');
      }, 'the ObjectCreated:Put message on the queue');
      assert.ok(bodies.some((b) => b.Event === 's3:TestEvent' && b.Bucket === 'queued-events'), 'the test event came first');
      const record = bodies.find((b) => b.Records)!.Records[0];
      assert.equal(record.s3.object.key, 'in/a.txt');
      assert.equal(record.s3.configurationId, 'uploads');
      assert.equal(record.s3.object.size, 6);
    });
  });

  describe('lifecycle', () => {
    before(async () => {
      await s3.createBucket({ Bucket: 'aging' });
      await s3.createBucket({ Bucket: 'aging-v' });
      await s3.putBucketVersioning({ Bucket: 'aging-v', VersioningConfiguration: { Status: 'Enabled' } });
    });

    test('configurations are checked as S3 checks them', async () => {
      await refused(s3.getBucketLifecycleConfiguration({ Bucket: 'aging' }), 'NoSuchLifecycleConfiguration', 404);
      const put = (Rules: any[]) => s3.putBucketLifecycleConfiguration({ Bucket: 'aging', LifecycleConfiguration: { Rules } });
      await refused(put([{ ID: 'a', Status: 'Enabled', Filter: { Prefix: '' } }]), 'InvalidRequest', 400, /At least one action needs to be specified/);
      await refused(put([{ ID: 'a', Status: 'Enabled', Filter: {}, Expiration: { Days: 0 } }]), 'InvalidArgument', 400, /'Days' for Expiration action must be a positive integer/);
      await refused(put([{ ID: 'a', Status: 'Enabled', Filter: {}, Transitions: [{ Days: 10, StorageClass: 'STANDARD_IA' }] }]), 'InvalidArgument', 400, /greater than or equal to 30 for storageClass 'STANDARD_IA'/);
      await refused(put([{ ID: 'a', Status: 'Enabled', Filter: {}, Expiration: { Days: 1 } }, { ID: 'a', Status: 'Enabled', Filter: {}, Expiration: { Days: 2 } }]), 'InvalidArgument', 400, /Rule ID must be unique/);
      await refused(put([{ ID: 'a', Status: 'Enabled', Filter: {}, Expiration: { Days: 1, ExpiredObjectDeleteMarker: true } }]), 'InvalidArgument', 400, /ExpiredObjectDeleteMarker cannot be specified with Days or Date/);
      if (!awsCliMissing) assert.equal(cliError(await cli('s3api', 'get-bucket-lifecycle-configuration', '--bucket', 'aging')), 'NoSuchLifecycleConfiguration');
      if (!boto3Missing) assert.deepEqual(await boto3(sandbox, "out = call(s3.get_bucket_lifecycle_configuration, Bucket='aging')"), { error: 'NoSuchLifecycleConfiguration', status: 404 });
    });

    test('expiration and transitions happen as days pass', async () => {
      const big = Buffer.alloc(130 * 1024, 1); // transitions skip objects under 128 KiB
      await s3.putObject({ Bucket: 'aging', Key: 'tmp/scratch', Body: 'short-lived' });
      await s3.putObject({ Bucket: 'aging', Key: 'keep/me', Body: 'stays' });
      await s3.putObject({ Bucket: 'aging', Key: 'cold/big', Body: big });
      await s3.putObject({ Bucket: 'aging', Key: 'cold/small', Body: 'tiny' });
      const { UploadId } = await s3.createMultipartUpload({ Bucket: 'aging', Key: 'tmp/unfinished' });
      const Rules = [
        { ID: 'tmp', Status: 'Enabled' as const, Filter: { Prefix: 'tmp/' }, Expiration: { Days: 1 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } },
        { ID: 'cold', Status: 'Enabled' as const, Filter: { Prefix: 'cold/' }, Transitions: [{ Days: 1, StorageClass: 'GLACIER' as const }] },
      ];
      const answer = await s3.putBucketLifecycleConfiguration({ Bucket: 'aging', LifecycleConfiguration: { Rules } });
      assert.equal(answer.TransitionDefaultMinimumObjectSize, 'all_storage_classes_128K');
      assert.deepEqual((await s3.getBucketLifecycleConfiguration({ Bucket: 'aging' })).Rules, Rules);
      if (!awsCliMissing) assert.deepEqual((await cli('s3api', 'get-bucket-lifecycle-configuration', '--bucket', 'aging')).json().Rules, Rules);

      await eventually(() => s3.headObject({ Bucket: 'aging', Key: 'tmp/scratch' }).then(() => false, (e) => e.name === 'NotFound'), 'tmp/scratch to expire', 20 * DAY_MS);
      // cold/big was put after tmp/scratch, so its day may end a sweep later.
      const listing = async () => JSON.stringify((await s3.listObjectsV2({ Bucket: 'aging' })).Contents!.map((c) => [c.Key, c.StorageClass]));
      const expected = JSON.stringify([['cold/big', 'GLACIER'], ['cold/small', 'STANDARD'], ['keep/me', 'STANDARD']]);
      await eventually(async () => (await listing()) === expected, 'cold/big to move to GLACIER', 5 * DAY_MS).catch(async () => assert.equal(await listing(), expected));
      await refused(s3.getObject({ Bucket: 'aging', Key: 'cold/big' }), 'InvalidObjectState', 403);
      const aborted = () => s3.listParts({ Bucket: 'aging', Key: 'tmp/unfinished', UploadId }).then(() => false, (e) => e.name === 'NoSuchUpload');
      await eventually(aborted, 'the unfinished upload (begun last) to be aborted', 5 * DAY_MS).catch(() => refused(s3.listParts({ Bucket: 'aging', Key: 'tmp/unfinished', UploadId }), 'NoSuchUpload', 404));
    });

    test('noncurrent versions and expired delete markers are removed in a versioned bucket', async () => {
      await s3.putObject({ Bucket: 'aging-v', Key: 'doc', Body: 'v1' });
      await s3.putObject({ Bucket: 'aging-v', Key: 'doc', Body: 'v2' });
      await s3.putObject({ Bucket: 'aging-v', Key: 'gone', Body: 'only' });
      await s3.deleteObject({ Bucket: 'aging-v', Key: 'gone' });
      await s3.putBucketLifecycleConfiguration({
        Bucket: 'aging-v',
        LifecycleConfiguration: {
          Rules: [
            { ID: 'old', Status: 'Enabled', Filter: {}, NoncurrentVersionExpiration: { NoncurrentDays: 1 } },
            { ID: 'markers', Status: 'Enabled', Filter: {}, Expiration: { ExpiredObjectDeleteMarker: true } },
          ],
        },
      });
      const versions = async () => {
        const v = await s3.listObjectVersions({ Bucket: 'aging-v' });
        return [...(v.Versions ?? []).map((x) => `${x.Key} ${x.IsLatest ? 'latest' : 'old'}`), ...(v.DeleteMarkers ?? []).map((x) => `${x.Key} marker`)];
      };
      await eventually(async () => (await versions()).join() === 'doc latest', 'only the current version to remain', 20 * DAY_MS);
      assert.equal(await (await s3.getObject({ Bucket: 'aging-v', Key: 'doc' })).Body!.transformToString(), 'v2');
    });
  });

  describe('stored configurations', () => {
    before(() => s3.createBucket({ Bucket: 'configured' }));

    test('transfer acceleration: Enabled or Suspended, never on a dotted name', async () => {
      assert.equal((await s3.getBucketAccelerateConfiguration({ Bucket: 'configured' })).Status, undefined);
      await s3.putBucketAccelerateConfiguration({ Bucket: 'configured', AccelerateConfiguration: { Status: 'Enabled' } });
      assert.equal((await s3.getBucketAccelerateConfiguration({ Bucket: 'configured' })).Status, 'Enabled');
      if (!awsCliMissing) assert.equal((await cli('s3api', 'get-bucket-accelerate-configuration', '--bucket', 'configured')).json().Status, 'Enabled');
      await s3.createBucket({ Bucket: 'dotted.name' });
      await refused(s3.putBucketAccelerateConfiguration({ Bucket: 'dotted.name', AccelerateConfiguration: { Status: 'Enabled' } }), 'InvalidRequest', 400, /periods/);
    });

    test('inventory, analytics, metrics and intelligent-tiering configurations by id', async () => {
      const inventory = {
        Id: 'weekly',
        IsEnabled: true,
        IncludedObjectVersions: 'Current' as const,
        Schedule: { Frequency: 'Weekly' as const },
        Destination: { S3BucketDestination: { Bucket: 'arn:aws:s3:::configured', Format: 'CSV' as const } },
      };
      await refused(s3.getBucketInventoryConfiguration({ Bucket: 'configured', Id: 'weekly' }), 'NoSuchConfiguration', 404);
      await s3.putBucketInventoryConfiguration({ Bucket: 'configured', Id: 'weekly', InventoryConfiguration: inventory });
      assert.deepEqual((await s3.getBucketInventoryConfiguration({ Bucket: 'configured', Id: 'weekly' })).InventoryConfiguration, inventory);
      assert.deepEqual((await s3.listBucketInventoryConfigurations({ Bucket: 'configured' })).InventoryConfigurationList, [inventory]);
      if (!awsCliMissing) assert.deepEqual((await cli('s3api', 'list-bucket-inventory-configurations', '--bucket', 'configured')).json().InventoryConfigurationList, [inventory]);
      await s3.deleteBucketInventoryConfiguration({ Bucket: 'configured', Id: 'weekly' });
      await refused(s3.deleteBucketInventoryConfiguration({ Bucket: 'configured', Id: 'weekly' }), 'NoSuchConfiguration', 404);

      for (let i = 0; i < 102; i++) await s3.putBucketMetricsConfiguration({ Bucket: 'configured', Id: `m${String(i).padStart(3, '0')}`, MetricsConfiguration: { Id: `m${String(i).padStart(3, '0')}` } });
      const first = await s3.listBucketMetricsConfigurations({ Bucket: 'configured' });
      assert.equal(first.MetricsConfigurationList!.length, 100);
      assert.equal(first.IsTruncated, true);
      const second = await s3.listBucketMetricsConfigurations({ Bucket: 'configured', ContinuationToken: first.NextContinuationToken });
      assert.deepEqual(second.MetricsConfigurationList!.map((m) => m.Id), ['m100', 'm101']);
      assert.equal(second.IsTruncated, false);

      const analytics = { Id: 'a', StorageClassAnalysis: {} };
      await s3.putBucketAnalyticsConfiguration({ Bucket: 'configured', Id: 'a', AnalyticsConfiguration: analytics });
      assert.deepEqual((await s3.getBucketAnalyticsConfiguration({ Bucket: 'configured', Id: 'a' })).AnalyticsConfiguration, analytics);
      const tiering = { Id: 't', Status: 'Enabled' as const, Tierings: [{ Days: 90, AccessTier: 'ARCHIVE_ACCESS' as const }] };
      await s3.putBucketIntelligentTieringConfiguration({ Bucket: 'configured', Id: 't', IntelligentTieringConfiguration: tiering });
      assert.deepEqual((await s3.listBucketIntelligentTieringConfigurations({ Bucket: 'configured' })).IntelligentTieringConfigurationList, [tiering]);
      if (!boto3Missing) assert.deepEqual((await boto3(sandbox, "out = call(s3.get_bucket_intelligent_tiering_configuration, Bucket='configured', Id='t')")).IntelligentTieringConfiguration, tiering);
    });
  });
});
