/**
 * The sandbox's SQS through the real SDK client (AWS JSON 1.0) and Debian's AWS CLI (the query
 * protocol): queues, messages and their MD5s, visibility, long polling, dead-letter queues, FIFO,
 * batches, and SQS's errors as each protocol writes them.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { boto3Missing, pythonJson } from '../helpers/python.js';
import { SQS, QueueDoesNotExist, QueueNameExists, ReceiptHandleIsInvalid } from '@aws-sdk/client-sqs';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';
import { eventually, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';

let sandbox: RunningSandbox;
let sqs: SQS;
before(async () => {
  sandbox = await testSandbox();
  sqs = new SQS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
});
after(() => sandbox.close());

async function queue(name: string, Attributes?: Record<string, string>): Promise<string> {
  return (await sqs.createQueue({ QueueName: name, Attributes })).QueueUrl!;
}

async function arnOf(url: string): Promise<string> {
  return (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] })).Attributes!.QueueArn!;
}

describe('queues', () => {
  test('create is idempotent with the same attributes, QueueNameExists with others; list, url, delete', async () => {
    const url = await queue('orders', { VisibilityTimeout: '45' });
    assert.match(url, /\/\d{12}\/orders$/);
    assert.equal(await queue('orders', { VisibilityTimeout: '45' }), url);
    await assert.rejects(queue('orders', { VisibilityTimeout: '46' }), (e: Error) => e instanceof QueueNameExists && /VisibilityTimeout/.test(e.message));
    assert.equal((await sqs.getQueueUrl({ QueueName: 'orders' })).QueueUrl, url);
    assert.deepEqual((await sqs.listQueues({ QueueNamePrefix: 'ord' })).QueueUrls, [url]);
    const attrs = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['All'] })).Attributes!;
    assert.equal(attrs.VisibilityTimeout, '45');
    assert.equal(attrs.DelaySeconds, '0');
    assert.equal(attrs.QueueArn, `arn:aws:sqs:us-east-1:${url.split('/').at(-2)}:orders`);
    await sqs.deleteQueue({ QueueUrl: url });
    await assert.rejects(sqs.getQueueUrl({ QueueName: 'orders' }), (e: Error) => e instanceof QueueDoesNotExist && (e as Error & { Code?: string }).Code === 'AWS.SimpleQueueService.NonExistentQueue');
  });

  test('names and attributes are checked as SQS does', async () => {
    await assert.rejects(queue('bad name'), { name: 'InvalidParameterValue' });
    await assert.rejects(queue('plain.fifo'), { name: 'InvalidParameterValue' });
    await assert.rejects(queue('nofifo', { FifoQueue: 'true' }), { name: 'InvalidParameterValue' });
    await assert.rejects(queue('q1', { VisibilityTimeout: '50000' }), { name: 'InvalidAttributeValue' });
    await assert.rejects(queue('q1', { Colour: 'blue' }), { name: 'InvalidAttributeName' });
    await assert.rejects(queue('q1', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: 'arn:aws:sqs:us-east-1:000000000000:none', maxReceiveCount: 2 }) }), (e: Error) => /Dead letter target does not exist/.test(e.message));
  });

  test('ListQueues pages by MaxResults and NextToken (as the SDK paginator reads them)', async () => {
    for (const n of ['page-a', 'page-b', 'page-c']) await queue(n);
    const first = await sqs.listQueues({ QueueNamePrefix: 'page-', MaxResults: 2 });
    assert.deepEqual(first.QueueUrls?.map((u) => u.split('/').pop()), ['page-a', 'page-b']);
    const second = await sqs.listQueues({ QueueNamePrefix: 'page-', MaxResults: 2, NextToken: first.NextToken });
    assert.deepEqual([second.QueueUrls?.map((u) => u.split('/').pop()), second.NextToken], [['page-c'], undefined]);
  });

  test('tags', async () => {
    const url = await queue('tagged');
    await sqs.tagQueue({ QueueUrl: url, Tags: { team: 'a', env: 'dev' } });
    await sqs.untagQueue({ QueueUrl: url, TagKeys: ['env'] });
    assert.deepEqual((await sqs.listQueueTags({ QueueUrl: url })).Tags, { team: 'a' });
  });
});

describe('messages', () => {
  test('send and receive: bodies, attributes and the MD5s the SDK checks', async () => {
    const url = await queue('mail');
    const sent = await sqs.sendMessage({
      QueueUrl: url,
      MessageBody: 'héllo',
      MessageAttributes: { colour: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '3' }, blob: { DataType: 'Binary', BinaryValue: Buffer.from([1, 2, 3]) } },
    });
    assert.equal(sent.MD5OfMessageBody, createHash('md5').update('héllo').digest('hex'));
    const { Messages } = await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'], MessageSystemAttributeNames: ['ApproximateReceiveCount', 'SentTimestamp'] });
    assert.equal(Messages?.length, 1);
    const [m] = Messages!;
    assert.equal(m.Body, 'héllo');
    assert.equal(m.MessageId, sent.MessageId);
    assert.equal(m.MessageAttributes?.colour.StringValue, 'red');
    assert.deepEqual([...(m.MessageAttributes?.blob.BinaryValue ?? [])], [1, 2, 3]);
    // The digest of the same attributes, sent and received, agrees.
    assert.equal(m.MD5OfMessageAttributes, sent.MD5OfMessageAttributes);
    assert.equal(m.Attributes?.ApproximateReceiveCount, '1');
    // In flight: not received again until its visibility timeout ends.
    assert.equal((await sqs.receiveMessage({ QueueUrl: url })).Messages, undefined);
    await sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 });
    const again = (await sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['All'] })).Messages![0];
    assert.equal(again.Attributes?.ApproximateReceiveCount, '2');
    await sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: again.ReceiptHandle });
    const attrs = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })).Attributes;
    assert.deepEqual(attrs, { ApproximateNumberOfMessages: '0', ApproximateNumberOfMessagesNotVisible: '0' });
    await assert.rejects(sqs.deleteMessage({ QueueUrl: url, ReceiptHandle: 'not-a-handle' }), (e: Error) => e instanceof ReceiptHandleIsInvalid);
  });

  test('long polling answers as soon as a message is sent during the wait', async () => {
    const url = await queue('poll');
    const started = Date.now();
    const waiting = sqs.receiveMessage({ QueueUrl: url, WaitTimeSeconds: 10 });
    await new Promise((r) => setTimeout(r, 300));
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'late' });
    const { Messages } = await waiting;
    assert.equal(Messages?.[0].Body, 'late');
    assert.ok(Date.now() - started < 5000, `answered after ${Date.now() - started} ms`);
  });

  test('a message received maxReceiveCount times moves to the dead-letter queue', async () => {
    const dlq = await queue('dead');
    const url = await queue('work', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 2 }) });
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'poison' });
    for (let i = 0; i < 2; i++) assert.equal((await sqs.receiveMessage({ QueueUrl: url, VisibilityTimeout: 0 })).Messages?.[0].Body, 'poison');
    assert.equal((await sqs.receiveMessage({ QueueUrl: url })).Messages, undefined);
    const [dead] = (await sqs.receiveMessage({ QueueUrl: dlq, MessageSystemAttributeNames: ['All'] })).Messages!;
    assert.deepEqual([dead.Body, dead.Attributes?.DeadLetterQueueSourceArn], ['poison', await arnOf(url)]);
  });

  test('delay seconds hold a message back (scaled by the time scale)', async () => {
    const url = await queue('later', { DelaySeconds: '60' });
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'wait' });
    assert.equal((await sqs.receiveMessage({ QueueUrl: url })).Messages, undefined);
    const delayed = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessagesDelayed'] })).Attributes;
    assert.equal(delayed?.ApproximateNumberOfMessagesDelayed, '1');
    assert.equal((await eventually(async () => (await sqs.receiveMessage({ QueueUrl: url })).Messages, 'the delayed message'))[0].Body, 'wait');
  });

  test('messages older than the retention period are gone (scaled by the time scale)', async () => {
    const url = await queue('brief', { MessageRetentionPeriod: '60' });
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'fleeting' });
    await eventually(async () => (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['ApproximateNumberOfMessages'] })).Attributes?.ApproximateNumberOfMessages === '0', 'the message to expire');
    assert.equal((await sqs.receiveMessage({ QueueUrl: url })).Messages, undefined);
  });

  test('FIFO: group id required, deduplication, order within a group', async () => {
    const url = await queue('jobs.fifo', { FifoQueue: 'true', ContentBasedDeduplication: 'true' });
    await assert.rejects(sqs.sendMessage({ QueueUrl: url, MessageBody: 'x' }), { name: 'MissingParameter' });
    const first = await sqs.sendMessage({ QueueUrl: url, MessageBody: 'one', MessageGroupId: 'g' });
    const dup = await sqs.sendMessage({ QueueUrl: url, MessageBody: 'one', MessageGroupId: 'g' });
    assert.equal(dup.MessageId, first.MessageId);
    await sqs.sendMessage({ QueueUrl: url, MessageBody: 'two', MessageGroupId: 'g' });
    const { Messages } = await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 });
    assert.deepEqual(Messages?.map((m) => m.Body), ['one', 'two']);
    assert.ok(BigInt(first.SequenceNumber!) > 0n);
  });

  test('batches: per-entry success and failure, and the batch-wide errors', async () => {
    const url = await queue('bulk');
    const r = await sqs.sendMessageBatch({
      QueueUrl: url,
      Entries: [
        { Id: 'a', MessageBody: 'A' },
        { Id: 'b', MessageBody: 'B', DelaySeconds: 5000 },
      ],
    });
    assert.deepEqual(r.Successful?.map((s) => s.Id), ['a']);
    assert.deepEqual(r.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'InvalidParameterValue', true]]);
    await assert.rejects(sqs.sendMessageBatch({ QueueUrl: url, Entries: [] }), { name: 'EmptyBatchRequest' });
    await assert.rejects(sqs.sendMessageBatch({ QueueUrl: url, Entries: [{ Id: 'x', MessageBody: '1' }, { Id: 'x', MessageBody: '2' }] }), { name: 'BatchEntryIdsNotDistinct' });
    const got = (await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10 })).Messages!;
    const del = await sqs.deleteMessageBatch({ QueueUrl: url, Entries: got.map((m, i) => ({ Id: `m${i}`, ReceiptHandle: m.ReceiptHandle })) });
    assert.equal(del.Successful?.length, 1);
  });
});

describe('the AWS CLI (query protocol)', { skip: awsCliMissing }, () => {
  test('agrees with the SDK: create, send with attributes, receive, errors as query codes', async () => {
    const created = await awsCli(sandbox, ['sqs', 'create-queue', '--queue-name', 'cli-q', '--attributes', 'VisibilityTimeout=40']);
    assert.equal(created.status, 0, created.stderr);
    const url = created.json().QueueUrl as string;
    assert.equal((await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['VisibilityTimeout'] })).Attributes?.VisibilityTimeout, '40');
    const sent = await awsCli(sandbox, ['sqs', 'send-message', '--queue-url', url, '--message-body', 'from cli', '--message-attributes', '{"k":{"DataType":"String","StringValue":"v"}}']);
    assert.equal(sent.status, 0, sent.stderr);
    const got = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] })).Messages![0];
    assert.equal(got.Body, 'from cli');
    assert.equal(got.MD5OfMessageAttributes, sent.json().MD5OfMessageAttributes);
    await sqs.changeMessageVisibility({ QueueUrl: url, ReceiptHandle: got.ReceiptHandle, VisibilityTimeout: 0 });
    const received = await awsCli(sandbox, ['sqs', 'receive-message', '--queue-url', url, '--message-attribute-names', 'All', '--attribute-names', 'All']);
    assert.equal(received.status, 0, received.stderr);
    const [m] = received.json().Messages;
    assert.deepEqual([m.Body, m.MessageAttributes.k.StringValue, m.Attributes.ApproximateReceiveCount], ['from cli', 'v', '2']);
    const listed = await awsCli(sandbox, ['sqs', 'list-queues', '--queue-name-prefix', 'cli-']);
    assert.deepEqual(listed.json().QueueUrls, [url]);
    const missing = await awsCli(sandbox, ['sqs', 'get-queue-url', '--queue-name', 'nope']);
    assert.notEqual(missing.status, 0);
    assert.match(missing.stderr, /AWS\.SimpleQueueService\.NonExistentQueue/);
  });
});

describe('another account', () => {
  test("sends only when the queue's policy allows it", async () => {
    const url = await queue('shared');
    const other = SANDBOX_ACCOUNTS[1];
    const theirs = new SQS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: other });
    await assert.rejects(theirs.sendMessage({ QueueUrl: url, MessageBody: 'knock' }), { name: 'AccessDenied' });
    const Policy = JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${other.accountId}:root` }, Action: 'sqs:SendMessage', Resource: await arnOf(url) }] });
    await sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy } });
    await theirs.sendMessage({ QueueUrl: url, MessageBody: 'knock' });
    // SendMessage only: receiving stays the owner's.
    await assert.rejects(theirs.receiveMessage({ QueueUrl: url }), { name: 'AccessDenied' });
    const [m] = (await sqs.receiveMessage({ QueueUrl: url, MessageSystemAttributeNames: ['SenderId'] })).Messages!;
    assert.deepEqual([m.Body, m.Attributes?.SenderId], ['knock', other.accountId]);
  });

  test('AddPermission and RemovePermission edit the policy that lets it in', async () => {
    const url = await queue('permitted');
    const other = SANDBOX_ACCOUNTS[1];
    const theirs = new SQS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: other });
    await sqs.addPermission({ QueueUrl: url, Label: 'partner', AWSAccountIds: [other.accountId], Actions: ['SendMessage'] });
    await theirs.sendMessage({ QueueUrl: url, MessageBody: 'hello' });
    const policy = JSON.parse((await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['Policy'] })).Attributes!.Policy!);
    assert.deepEqual(policy.Statement.map((s: { Sid: string }) => s.Sid), ['partner']);
    await sqs.removePermission({ QueueUrl: url, Label: 'partner' });
    await assert.rejects(theirs.sendMessage({ QueueUrl: url, MessageBody: 'again' }), { name: 'AccessDenied' });
  });
});

describe('queue lifecycle', () => {
  test('a deleted name is refused for a (scaled) minute: QueueDeletedRecently', async () => {
    const url = await queue('recycled');
    await sqs.deleteQueue({ QueueUrl: url });
    await assert.rejects(queue('recycled'), { name: 'QueueDeletedRecently' });
    assert.equal(await eventually(() => queue('recycled').catch(() => undefined), 'the name free again'), url);
  });

  test('ListDeadLetterSourceQueues names the queues that redrive to a dead-letter queue', async () => {
    const dlq = await queue('graveyard');
    const source = await queue('source', { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await arnOf(dlq), maxReceiveCount: 5 }) });
    assert.deepEqual((await sqs.listDeadLetterSourceQueues({ QueueUrl: dlq })).queueUrls, [source]);
  });
});

test('boto3 (the query protocol, as Debian ships it) sends and receives with the SDK', { skip: boto3Missing }, async () => {
  const url = await queue('boto');
  const script = `
import boto3, json, sys
sqs = boto3.client('sqs', endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id=sys.argv[2], aws_secret_access_key=sys.argv[3])
sent = sqs.send_message(QueueUrl=sys.argv[4], MessageBody='from boto3', MessageAttributes={'n': {'DataType': 'Number', 'StringValue': '7'}})
try:
    sqs.get_queue_url(QueueName='missing')
    code = None
except sqs.exceptions.QueueDoesNotExist as e:
    code = e.response['Error']['Code']
print(json.dumps({'md5': sent['MD5OfMessageAttributes'], 'code': code}))
`;
  const out = await pythonJson(script, [sandbox.endpoint, sandbox.credentials.accessKeyId, sandbox.credentials.secretAccessKey, url]);
  const [m] = (await sqs.receiveMessage({ QueueUrl: url, MessageAttributeNames: ['All'] })).Messages!;
  assert.deepEqual([m.Body, m.MessageAttributes?.n.StringValue, m.MD5OfMessageAttributes], ['from boto3', '7', out.md5]);
  assert.equal(out.code, 'AWS.SimpleQueueService.NonExistentQueue');
});

describe('unknown operations and services are answered in the JSON protocol', () => {
  test('an operation SQS lacks: UnknownOperationException, which the SDK reads', async () => {
    const client = new SQS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
    client.middlewareStack.add(
      (next) => (args) => {
        (args.request as { headers: Record<string, string> }).headers['x-amz-target'] = 'AmazonSQS.NoSuchThing';
        return next(args);
      },
      { step: 'build' },
    );
    await assert.rejects(client.listQueues({}), { name: 'UnknownOperationException' });
  });

  test('a service the sandbox does not serve: a JSON error, not query XML', async () => {
    const res = await fetch(sandbox.endpoint, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.ListTables' }, body: '{}' });
    assert.equal(res.status, 400);
    assert.match(res.headers.get('content-type') ?? '', /^application\/x-amz-json-1\.0/);
    assert.match((await res.json()).__type, /#UnrecognizedClientException$/);
  });
});
