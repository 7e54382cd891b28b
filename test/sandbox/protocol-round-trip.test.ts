/**
 * Protocol round trips, as LocalStack tests its ASF parsers and serialisers: the real SDK client
 * serialises a request and the sandbox's protocol object parses it back to the same input; the
 * sandbox's protocol object serialises an output and the SDK parses it back to the same output.
 * The requests go over HTTP to a server that only runs the sandbox's protocol objects (those its
 * services use), so what is compared is exactly what each side put on and read off the wire.
 */
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import { EC2Client, DescribeInstancesCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { IAMClient, ListUsersCommand, PutUserPolicyCommand } from '@aws-sdk/client-iam';
import { SNSClient, GetTopicAttributesCommand, PublishCommand } from '@aws-sdk/client-sns';
import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand, GetMetricStatisticsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  S3Client,
  CompleteMultipartUploadCommand,
  GetBucketLocationCommand,
  GetObjectCommand,
  GetObjectTaggingCommand,
  ListObjectsV2Command,
  PutBucketTaggingCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { AwsQueryProtocol } from '@aws-sdk/core/protocols';
import { AwsError, type ServiceDefinition } from '../../src/sandbox/core/types.js';
import { operationModel } from '../../src/sandbox/protocols/models.js';
import { protocolsOf, type Protocol, type RpcProtocol } from '../../src/sandbox/protocols/protocol.js';
import type { RestXmlProtocol } from '../../src/sandbox/protocols/rest-xml.js';
import { readBody } from '../../src/sandbox/protocols/body.js';
import { requestTarget } from '../../src/sandbox/protocols/request-target.js';
import { address } from '../../src/sandbox/services/s3/addressing.js';
import { cloudwatch } from '../../src/sandbox/services/cloudwatch/index.js';
import { ec2 } from '../../src/sandbox/services/ec2/index.js';
import { iam } from '../../src/sandbox/services/iam/index.js';
import { s3 } from '../../src/sandbox/services/s3/index.js';
import { sns } from '../../src/sandbox/services/sns/index.js';
import { sqs } from '../../src/sandbox/services/sqs/index.js';
import { ReceiveMessageCommand, SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';

interface Exchange {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * An HTTP server speaking one service's protocols through the sandbox's own protocol objects: it
 * records each request's operation and parsed input, and answers with `outputs[operation]` (or an
 * empty output), or with `error` in the protocol's error format.
 */
async function protocolServer(service: ServiceDefinition, outputs: Record<string, Record<string, unknown>> = {}, error?: AwsError) {
  const protocols = protocolsOf(service);
  const exchanges: Exchange[] = [];
  const server = createServer((req, res) => {
    answer(req, res).catch((err) => {
      if (process.env.ROUND_TRIP_DEBUG) console.error(err);
      res.writeHead(500).end(String(err));
    });
  });
  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const json = String(req.headers['content-type'] ?? '').startsWith('application/x-amz-json');
    const protocol: Protocol = protocols.find((p) => (p.name === 'json') === json) ?? protocols[0];
    const url = requestTarget(req.url);
    let operation: string;
    let input: Record<string, unknown>;
    if (protocol.name === 'rest-xml') {
      const rest = protocol as RestXmlProtocol;
      const addr = address(req.headers.host, url.path);
      const model = rest.route(req.method ?? 'GET', addr.key !== undefined ? 'object' : addr.bucket ? 'bucket' : 'service', url.query, req.headers)!;
      operation = model.name;
      input = rest.readInput(model, { labels: { Bucket: addr.bucket ?? '', Key: addr.key ?? '' }, query: url.query, headers: req.headers, body: () => req });
      await rest.readPayload(model, () => req, input);
      if (input.Body) input.Body = await text(input.Body as Readable);
    } else {
      const request = (protocol as RpcProtocol).readRequest({ req, query: url.query, body: await readBody(req) });
      operation = request.operation;
      input = request.input(operationModel(service.modelPackage, operation)!);
    }
    exchanges.push({ operation, input });
    if (error) return protocol.writeError(res, error, 'round-trip-request');
    await protocol.writeOutput(res, operationModel(service.modelPackage, operation)!, outputs[operation] ?? {}, 'round-trip-request');
  }
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => server.close());
  const client = {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
    maxAttempts: 1,
  };
  return { client, exchanges };
}

async function text(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Bytes compared as bytes, whether a Buffer (sandbox) or a Uint8Array (SDK). */
function plain(v: unknown): unknown {
  if (v instanceof Uint8Array) return { bytes: Buffer.from(v).toString('base64') };
  if (v instanceof Date || v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(plain);
  return Object.fromEntries(Object.entries(v).map(([k, val]) => [k, plain(val)]));
}

/** What the SDK gave back, without the response metadata it adds. */
function withoutMetadata(output: object): object {
  const { $metadata: _, ...rest } = output as Record<string, unknown>;
  return rest;
}

// ——— EC2 query ———

const RUN_INSTANCES = {
  ImageId: 'ami-0abcdef1234567890',
  MinCount: 1,
  MaxCount: 2,
  InstanceType: 't3.micro' as const,
  KeyName: 'my key',
  SecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0bbbbbbbbbbbbbbbb'],
  UserData: 'IyEvYmluL3NoCmVjaG8gaGk=',
  ClientToken: 'token-1',
  Monitoring: { Enabled: true },
  BlockDeviceMappings: [
    { DeviceName: '/dev/xvda', Ebs: { VolumeSize: 16, VolumeType: 'gp3' as const, DeleteOnTermination: true, Encrypted: false, Iops: 3000 } },
    { DeviceName: '/dev/sdf', NoDevice: '' },
  ],
  TagSpecifications: [
    { ResourceType: 'instance' as const, Tags: [{ Key: 'Name', Value: 'web & <db>' }, { Key: 'empty', Value: '' }] },
    { ResourceType: 'volume' as const, Tags: [{ Key: 'team', Value: 'α/β' }] },
  ],
  Placement: { AvailabilityZone: 'us-east-1b' },
};

const INSTANCE = {
  InstanceId: 'i-0123456789abcdef0',
  ImageId: 'ami-0abcdef1234567890',
  InstanceType: 't3.micro' as const,
  State: { Code: 16, Name: 'running' as const },
  LaunchTime: new Date('2026-11-28T14:03:07.000Z'),
  Placement: { AvailabilityZone: 'us-east-1b', Tenancy: 'default' as const },
  Monitoring: { State: 'enabled' as const },
  SecurityGroups: [{ GroupId: 'sg-0aaaaaaaaaaaaaaaa', GroupName: 'web' }],
  BlockDeviceMappings: [
    { DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-0123456789abcdef0', Status: 'attached' as const, AttachTime: new Date('2026-11-28T14:03:08.000Z'), DeleteOnTermination: true } },
  ],
  Tags: [{ Key: 'Name', Value: 'a & b <c> "d"' }],
  EbsOptimized: false,
  CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
};

const RESERVATION = { ReservationId: 'r-0123456789abcdef0', OwnerId: '123456789012', Groups: [{ GroupId: 'sg-1', GroupName: 'g' }], Instances: [INSTANCE] };

test('EC2 query: RunInstances and DescribeInstances inputs (nested lists, tag specifications, block devices, filters) parse back as the SDK sent them', async () => {
  const { client, exchanges } = await protocolServer(ec2);
  const sdk = new EC2Client(client);
  await sdk.send(new RunInstancesCommand(RUN_INSTANCES));
  const describe = { Filters: [{ Name: 'instance-state-name', Values: ['running', 'pending'] }, { Name: 'tag:Name', Values: ['web'] }], MaxResults: 5, NextToken: 'abc' };
  await sdk.send(new DescribeInstancesCommand(describe));
  assert.deepEqual(exchanges, [
    { operation: 'RunInstances', input: RUN_INSTANCES },
    { operation: 'DescribeInstances', input: describe },
  ]);
});

test('EC2 query: a Reservation and a DescribeInstances page written by the sandbox parse back in the SDK as they were', async () => {
  const described = { Reservations: [RESERVATION], NextToken: 'next' };
  const { client } = await protocolServer(ec2, { RunInstances: RESERVATION, DescribeInstances: described });
  const sdk = new EC2Client(client);
  assert.deepEqual(withoutMetadata(await sdk.send(new RunInstancesCommand({ ImageId: 'ami-1', MinCount: 1, MaxCount: 1 }))), RESERVATION);
  assert.deepEqual(withoutMetadata(await sdk.send(new DescribeInstancesCommand({}))), described);
});

// ——— AWS query ———

test('query: IAM PutUserPolicy, SNS Publish with message attributes and CloudWatch PutMetricData (as the AWS CLI speaks it) parse back as sent', async () => {
  const policy = {
    UserName: 'alice',
    PolicyName: 'read & write',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::a&b/<c>*' }] }),
  };
  const iamServer = await protocolServer(iam);
  await new IAMClient({ ...iamServer.client, region: 'us-east-1' }).send(new PutUserPolicyCommand(policy));
  assert.deepEqual(iamServer.exchanges, [{ operation: 'PutUserPolicy', input: policy }]);

  const publish = {
    TopicArn: 'arn:aws:sns:us-east-1:123456789012:alerts',
    Message: 'hello <world> & "friends"\nline two',
    Subject: 'héllo',
    MessageAttributes: {
      color: { DataType: 'String', StringValue: 'blue' },
      count: { DataType: 'Number', StringValue: '42' },
      raw: { DataType: 'Binary', BinaryValue: new Uint8Array([0, 1, 2, 254, 255]) },
    },
  };
  const snsServer = await protocolServer(sns);
  await new SNSClient(snsServer.client).send(new PublishCommand(publish));
  assert.deepEqual(plain(snsServer.exchanges), plain([{ operation: 'Publish', input: publish }]));

  const cwServer = await protocolServer(cloudwatch);
  await new CloudWatchClient({ ...cwServer.client, protocol: AwsQueryProtocol }).send(new PutMetricDataCommand(METRIC_DATA));
  assert.deepEqual(cwServer.exchanges, [{ operation: 'PutMetricData', input: METRIC_DATA }]);
});

const METRIC_DATA = {
  Namespace: 'App/Web',
  MetricData: [
    { MetricName: 'Latency', Dimensions: [{ Name: 'Host', Value: 'a&b' }], Timestamp: new Date('2026-12-07T01:02:03.456Z'), Value: 1.5, Unit: 'Milliseconds' as const },
    { MetricName: 'Histogram', Values: [1, 2.25, 3], Counts: [3, 2, 1], StorageResolution: 1 },
    { MetricName: 'Set', StatisticValues: { SampleCount: 2, Sum: 3, Minimum: 1, Maximum: 2 } },
  ],
};

test('query: outputs the sandbox writes (IAM ListUsers, SNS attribute maps, CloudWatch statistics with extended statistics) parse back in the SDK', async () => {
  const users = {
    Users: [{ Path: '/', UserName: 'alice', UserId: 'AIDAEXAMPLE', Arn: 'arn:aws:iam::123456789012:user/alice', CreateDate: new Date('2026-01-02T03:04:05.000Z'), Tags: [{ Key: 'team', Value: 'a & b' }] }],
    IsTruncated: true,
    Marker: 'bWFya2Vy',
  };
  const iamServer = await protocolServer(iam, { ListUsers: users });
  assert.deepEqual(withoutMetadata(await new IAMClient(iamServer.client).send(new ListUsersCommand({}))), users);

  const attributes = { Attributes: { DisplayName: 'Alerts <prod>', Policy: '{"Version":"2012-10-17"}', SubscriptionsConfirmed: '1' } };
  const snsServer = await protocolServer(sns, { GetTopicAttributes: attributes });
  assert.deepEqual(withoutMetadata(await new SNSClient(snsServer.client).send(new GetTopicAttributesCommand({ TopicArn: 'arn:aws:sns:us-east-1:123456789012:t' }))), attributes);

  const statistics = {
    Label: 'Latency',
    Datapoints: [{ Timestamp: new Date('2026-12-07T01:00:00.000Z'), Average: 1.5, Maximum: 3, Unit: 'Milliseconds' as const, ExtendedStatistics: { p99: 2.75 } }],
  };
  const cwServer = await protocolServer(cloudwatch, { GetMetricStatistics: statistics });
  const cwQuery = new CloudWatchClient({ ...cwServer.client, protocol: AwsQueryProtocol });
  assert.deepEqual(withoutMetadata(await cwQuery.send(new GetMetricStatisticsCommand({ Namespace: 'A', MetricName: 'Latency', StartTime: new Date(0), EndTime: new Date(0), Period: 60 }))), statistics);
});

// ——— AWS JSON 1.0 ———

test('JSON: CloudWatch PutMetricData and GetMetricData inputs, timestamps with milliseconds included, parse back as the SDK sent them', async () => {
  const { client, exchanges } = await protocolServer(cloudwatch);
  const sdk = new CloudWatchClient(client);
  await sdk.send(new PutMetricDataCommand(METRIC_DATA));
  const query = {
    MetricDataQueries: [
      { Id: 'q1', MetricStat: { Metric: { Namespace: 'App/Web', MetricName: 'Latency', Dimensions: [{ Name: 'Host', Value: 'a' }] }, Period: 60, Stat: 'p99', Unit: 'Milliseconds' as const }, ReturnData: false },
      { Id: 'e1', Expression: 'q1 * 2', Label: 'double' },
    ],
    StartTime: new Date('2026-12-07T00:00:00.001Z'),
    EndTime: new Date('2026-12-07T01:00:00.999Z'),
    ScanBy: 'TimestampDescending' as const,
    MaxDatapoints: 100,
  };
  await sdk.send(new GetMetricDataCommand(query));
  assert.deepEqual(exchanges, [
    { operation: 'PutMetricData', input: METRIC_DATA },
    { operation: 'GetMetricData', input: query },
  ]);
});

test('JSON: GetMetricData results and DescribeAlarms written by the sandbox parse back in the SDK', async () => {
  const data = {
    MetricDataResults: [{ Id: 'q1', Label: 'Latency', Timestamps: [new Date('2026-12-07T01:00:00.000Z'), new Date('2026-12-07T00:59:00.500Z')], Values: [1.5, 2], StatusCode: 'Complete' as const }],
    NextToken: 'n',
  };
  const alarms = {
    MetricAlarms: [
      {
        AlarmName: 'cpu-high',
        AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-high',
        StateValue: 'ALARM' as const,
        StateUpdatedTimestamp: new Date('2026-12-07T01:02:03.000Z'),
        Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
        Threshold: 80.5,
        EvaluationPeriods: 2,
        ComparisonOperator: 'GreaterThanThreshold' as const,
        AlarmActions: ['arn:aws:sns:us-east-1:123456789012:alerts'],
        ActionsEnabled: true,
      },
    ],
  };
  const { client } = await protocolServer(cloudwatch, { GetMetricData: data, DescribeAlarms: alarms });
  const sdk = new CloudWatchClient(client);
  assert.deepEqual(withoutMetadata(await sdk.send(new GetMetricDataCommand({ MetricDataQueries: [], StartTime: new Date(0), EndTime: new Date(0) }))), data);
  assert.deepEqual(withoutMetadata(await sdk.send(new DescribeAlarmsCommand({}))), alarms);
});

// ——— REST-XML ———

/** The members the test gave, as the sandbox parsed them (the SDK adds checksums and lengths of its own). */
function given(exchange: Exchange | undefined, sent: object): Exchange {
  assert.ok(exchange);
  return { operation: exchange.operation, input: Object.fromEntries(Object.keys(sent).map((k) => [k, exchange.input[k]])) };
}

test('REST-XML: S3 PutObject headers and metadata, PutBucketTagging, CompleteMultipartUpload and ListObjectsV2 query parse back as the SDK sent them', async () => {
  // The SDK takes a CompleteMultipartUpload answered without a body for a failure.
  const { client, exchanges } = await protocolServer(s3, { CompleteMultipartUpload: { Bucket: 'my-bucket', Key: 'big.bin', ETag: '"e-2"' } });
  const sdk = new S3Client({ ...client, forcePathStyle: true });
  const put = {
    Bucket: 'my-bucket',
    Key: 'dir/a b+c&d é.txt',
    Body: 'hello world',
    ContentType: 'text/plain; charset=utf-8',
    CacheControl: 'max-age=60',
    ContentDisposition: 'attachment; filename="a b.txt"',
    Metadata: { color: 'blue', 'x-y': 'z w' },
    Tagging: 'a=b&c=d%20e',
    StorageClass: 'STANDARD_IA' as const,
    ServerSideEncryption: 'AES256' as const,
  };
  await sdk.send(new PutObjectCommand(put));
  const tagging = { Bucket: 'my-bucket', Tagging: { TagSet: [{ Key: 'a', Value: '1 & 2 <3>' }, { Key: 'b', Value: '' }] } };
  await sdk.send(new PutBucketTaggingCommand(tagging));
  const complete = { Bucket: 'my-bucket', Key: 'big.bin', UploadId: 'upload/1+2', MultipartUpload: { Parts: [{ PartNumber: 1, ETag: '"e1"' }, { PartNumber: 2, ETag: '"e2"' }] } };
  await sdk.send(new CompleteMultipartUploadCommand(complete));
  const list = { Bucket: 'my-bucket', Prefix: 'a/b c&d', Delimiter: '/', MaxKeys: 10, ContinuationToken: 't+1', StartAfter: 'a/b', FetchOwner: true };
  await sdk.send(new ListObjectsV2Command(list));
  assert.deepEqual(given(exchanges[0], put), { operation: 'PutObject', input: put });
  assert.deepEqual(given(exchanges[1], tagging), { operation: 'PutBucketTagging', input: tagging });
  assert.deepEqual(given(exchanges[2], complete), { operation: 'CompleteMultipartUpload', input: complete });
  assert.deepEqual(given(exchanges[3], list), { operation: 'ListObjectsV2', input: list });
});

test('REST-XML: S3 outputs the sandbox writes (a listing, an object with headers and metadata, tags, a bare location) parse back in the SDK', async () => {
  const listing = {
    IsTruncated: true,
    Contents: [{ Key: 'a/b & c.txt', LastModified: new Date('2026-12-07T01:02:03.000Z'), ETag: '"0123"', Size: 11, StorageClass: 'STANDARD' as const, Owner: { ID: 'owner-id', DisplayName: 'me' } }],
    Name: 'my-bucket',
    Prefix: 'a/',
    Delimiter: '/',
    MaxKeys: 10,
    CommonPrefixes: [{ Prefix: 'a/<sub>/' }],
    KeyCount: 2,
    NextContinuationToken: 'next+1',
  };
  const object = {
    Body: 'hi there',
    ContentType: 'text/plain',
    ContentLength: 8,
    ETag: '"abc"',
    LastModified: new Date('2026-12-07T01:02:03.000Z'),
    Metadata: { color: 'blue' },
    CacheControl: 'no-cache',
    StorageClass: 'STANDARD_IA' as const,
    VersionId: 'v1',
  };
  const tags = { VersionId: 'v1', TagSet: [{ Key: 'k', Value: 'v & <w>' }] };
  const { client } = await protocolServer(s3, { ListObjectsV2: listing, GetObject: object, GetObjectTagging: tags, GetBucketLocation: { LocationConstraint: 'eu-west-1' } });
  const sdk = new S3Client({ ...client, forcePathStyle: true });
  assert.deepEqual(withoutMetadata(await sdk.send(new ListObjectsV2Command({ Bucket: 'my-bucket' }))), listing);
  const got = await sdk.send(new GetObjectCommand({ Bucket: 'my-bucket', Key: 'k' }));
  assert.deepEqual({ ...withoutMetadata(got), Body: await got.Body?.transformToString() }, object);
  assert.deepEqual(withoutMetadata(await sdk.send(new GetObjectTaggingCommand({ Bucket: 'my-bucket', Key: 'k' }))), tags);
  assert.deepEqual(withoutMetadata(await sdk.send(new GetBucketLocationCommand({ Bucket: 'my-bucket' }))), { LocationConstraint: 'eu-west-1' });
});

// ——— Errors ———

test('SQS over JSON and query (as the AWS CLI speaks it): flattened attribute maps and lists both ways, and a query code named by its shape in JSON', async () => {
  const batch = {
    QueueUrl: 'http://127.0.0.1/123456789012/q',
    Entries: [
      { Id: 'a', MessageBody: 'x & <y>', DelaySeconds: 5, MessageAttributes: { n: { DataType: 'Number', StringValue: '7' }, b: { DataType: 'Binary', BinaryValue: new Uint8Array([1, 2]) } } },
      { Id: 'b', MessageBody: 'z', MessageSystemAttributes: { AWSTraceHeader: { DataType: 'String', StringValue: 'Root=1' } } },
    ],
  };
  const received = {
    Messages: [{ MessageId: 'm1', ReceiptHandle: 'r1', MD5OfBody: 'd', Body: 'x & <y>', Attributes: { SentTimestamp: '1', SenderId: 'AIDA' }, MessageAttributes: { n: { DataType: 'Number', StringValue: '7' } } }],
  };
  for (const protocol of [undefined, AwsQueryProtocol]) {
    const server = await protocolServer(sqs, { ReceiveMessage: received });
    const client = new SQSClient({ ...server.client, ...(protocol ? { protocol } : {}), md5: false });
    await client.send(new SendMessageBatchCommand(batch));
    assert.deepEqual(plain(server.exchanges), plain([{ operation: 'SendMessageBatch', input: batch }]), protocol ? 'query' : 'json');
    assert.deepEqual(withoutMetadata(await client.send(new ReceiveMessageCommand({ QueueUrl: batch.QueueUrl }))), received, protocol ? 'query' : 'json');
  }
  const { client } = await protocolServer(sqs, {}, new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'));
  await assert.rejects(new SQSClient(client).send(new ReceiveMessageCommand({ QueueUrl: 'q' })), (err: Error & { Code?: string }) => err.name === 'QueueDoesNotExist' && err.Code === 'AWS.SimpleQueueService.NonExistentQueue');
});

test('errors: each protocol writes an error the SDK reads back with its code, message and status', async () => {
  const message = 'Value <a & b> for "x" is invalid';
  const cases: Array<[ServiceDefinition, (client: object) => Promise<unknown>]> = [
    [ec2, (c) => new EC2Client(c).send(new DescribeInstancesCommand({}))],
    [iam, (c) => new IAMClient(c).send(new ListUsersCommand({}))],
    [sns, (c) => new SNSClient(c).send(new PublishCommand({ Message: 'm' }))],
    [cloudwatch, (c) => new CloudWatchClient(c).send(new DescribeAlarmsCommand({}))],
    [cloudwatch, (c) => new CloudWatchClient({ ...c, protocol: AwsQueryProtocol }).send(new DescribeAlarmsCommand({}))],
    [s3, (c) => new S3Client({ ...c, forcePathStyle: true }).send(new GetObjectTaggingCommand({ Bucket: 'b', Key: 'k' }))],
  ];
  for (const [service, call] of cases) {
    const { client } = await protocolServer(service, {}, new AwsError('InvalidParameterValue', message, 400));
    await assert.rejects(call(client), (err: Error & { Code?: string; $metadata?: { httpStatusCode?: number } }) => {
      // A modeled error is named by its shape (CloudWatch's InvalidParameterValueException); Code is the wire's.
      assert.equal(err.Code, 'InvalidParameterValue', service.signingName);
      assert.equal(err.message, message, service.signingName);
      assert.equal(err.$metadata?.httpStatusCode, 400, service.signingName);
      return true;
    });
  }
});
