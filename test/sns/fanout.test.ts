/**
 * SNS in the sandbox through the SDK and the AWS CLI: delivery to SQS queues (the JSON envelope or
 * the raw message), as the queue's policy allows, filtered by subscription filter policies; FIFO
 * topics; PublishBatch; and the details AWS answers (idempotent DeleteTopic, empty Result elements).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { SNS } from '@aws-sdk/client-sns';
import { SQS } from '@aws-sdk/client-sqs';
import { Sha256 } from '../../src/sandbox/core/sha256.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';

let sandbox: RunningSandbox;
let sns: SNS;
let sqs: SQS;
before(async () => {
  sandbox = await testSandbox();
  const config = { endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials };
  sns = new SNS(config);
  sqs = new SQS(config);
});
after(() => sandbox.close());

/** A queue whose policy lets the topic's SNS send to it, as AWS requires. */
async function subscribedQueue(name: string, topicArn: string, attributes: Record<string, string> = {}, queueAttributes: Record<string, string> = {}) {
  const url = (await sqs.createQueue({ QueueName: name, Attributes: queueAttributes })).QueueUrl!;
  const arn = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] })).Attributes!.QueueArn!;
  const Policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: arn, Condition: { ArnEquals: { 'aws:SourceArn': topicArn } } }],
  });
  await sqs.setQueueAttributes({ QueueUrl: url, Attributes: { Policy } });
  const { SubscriptionArn } = await sns.subscribe({ TopicArn: topicArn, Protocol: 'sqs', Endpoint: arn, Attributes: attributes, ReturnSubscriptionArn: true });
  return { url, arn, subscription: SubscriptionArn! };
}

async function bodies(url: string): Promise<string[]> {
  const { Messages } = await sqs.receiveMessage({ QueueUrl: url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
  return (Messages ?? []).map((m) => m.Body!);
}

describe('SNS → SQS', () => {
  test('the envelope, or the raw message with its attributes; a filter policy picks one queue and not the other', async () => {
    const { TopicArn } = await sns.createTopic({ Name: 'orders' });
    const all = await subscribedQueue('all-orders', TopicArn!);
    const red = await subscribedQueue('red-orders', TopicArn!, { FilterPolicy: JSON.stringify({ colour: ['red', { prefix: 'crim' }], size: [{ numeric: ['>', 2] }] }), RawMessageDelivery: 'true' });
    assert.equal((await sns.getSubscriptionAttributes({ SubscriptionArn: red.subscription })).Attributes?.PendingConfirmation, 'false');

    await sns.publish({ TopicArn, Message: 'blue one', Subject: 's', MessageAttributes: { colour: { DataType: 'String', StringValue: 'blue' }, size: { DataType: 'Number', StringValue: '5' } } });
    await sns.publish({ TopicArn, Message: 'red one', MessageAttributes: { colour: { DataType: 'String', StringValue: 'crimson' }, size: { DataType: 'Number', StringValue: '3' } } });
    await sns.publish({ TopicArn, Message: 'small red', MessageAttributes: { colour: { DataType: 'String', StringValue: 'red' }, size: { DataType: 'Number', StringValue: '1' } } });

    const envelopes = (await bodies(all.url)).map((b) => JSON.parse(b));
    assert.deepEqual(envelopes.map((e) => e.Message).sort(), ['blue one', 'red one', 'small red']);
    const blue = envelopes.find((e) => e.Message === 'blue one');
    assert.deepEqual([blue.Type, blue.TopicArn, blue.Subject, blue.MessageAttributes.colour], ['Notification', TopicArn, 's', { Type: 'String', Value: 'blue' }]);

    const { Messages } = await sqs.receiveMessage({ QueueUrl: red.url, MaxNumberOfMessages: 10, MessageAttributeNames: ['All'] });
    assert.deepEqual(Messages?.map((m) => m.Body), ['red one']);
    assert.equal(Messages?.[0].MessageAttributes?.colour.StringValue, 'crimson');
  });

  test('a body-scope policy reads the message as JSON; anything-but and exists', async () => {
    const { TopicArn } = await sns.createTopic({ Name: 'events' });
    const q = await subscribedQueue('not-test-events', TopicArn!, {
      FilterPolicyScope: 'MessageBody',
      FilterPolicy: JSON.stringify({ detail: { env: [{ 'anything-but': ['test'] }], id: [{ exists: true }] } }),
      RawMessageDelivery: 'true',
    });
    for (const detail of [{ env: 'prod', id: 1 }, { env: 'test', id: 2 }, { env: 'prod' }]) await sns.publish({ TopicArn, Message: JSON.stringify({ detail }) });
    await sns.publish({ TopicArn, Message: 'not json' });
    assert.deepEqual(await bodies(q.url), [JSON.stringify({ detail: { env: 'prod', id: 1 } })]);
  });

  test('without a queue policy allowing SNS, nothing is delivered', async () => {
    const { TopicArn } = await sns.createTopic({ Name: 'unpermitted' });
    const url = (await sqs.createQueue({ QueueName: 'closed' })).QueueUrl!;
    const arn = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] })).Attributes!.QueueArn!;
    await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn });
    await sns.publish({ TopicArn, Message: 'lost' });
    assert.deepEqual(await bodies(url), []);
  });

  test("what SNS cannot deliver goes to the subscription's dead-letter queue", async () => {
    const { TopicArn } = await sns.createTopic({ Name: 'redriven' });
    const dlq = await subscribedQueue('sns-dlq', TopicArn!);
    await sns.unsubscribe({ SubscriptionArn: dlq.subscription });
    const url = (await sqs.createQueue({ QueueName: 'refusing' })).QueueUrl!;
    const arn = (await sqs.getQueueAttributes({ QueueUrl: url, AttributeNames: ['QueueArn'] })).Attributes!.QueueArn!;
    await sns.subscribe({ TopicArn, Protocol: 'sqs', Endpoint: arn, Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq.arn }), RawMessageDelivery: 'true' } });
    await sns.publish({ TopicArn, Message: 'undeliverable' });
    assert.deepEqual(await bodies(url), []);
    assert.deepEqual(await bodies(dlq.url), ['undeliverable']);
  });

  test('filter policies are checked when set', async () => {
    const { TopicArn } = await sns.createTopic({ Name: 'checked' });
    const q = await subscribedQueue('checked-q', TopicArn!);
    const set = (AttributeName: string, AttributeValue: string) => sns.setSubscriptionAttributes({ SubscriptionArn: q.subscription, AttributeName, AttributeValue });
    await assert.rejects(set('FilterPolicy', '{"a": [{"regex": "x"}]}'), (e: Error) => e.name === 'InvalidParameterException' && /Unrecognized match type regex/.test(e.message));
    await assert.rejects(set('FilterPolicy', '{"a": {"b": ["c"]}}'), { name: 'InvalidParameterException' });
    await assert.rejects(set('RawMessageDelivery', 'yes'), { name: 'InvalidParameterException' });
    await assert.rejects(set('RedrivePolicy', '{"deadLetterTargetArn": "nope"}'), { name: 'InvalidParameterException' });
    await set('FilterPolicy', '{"a": ["b"]}');
    // Subscribing again is idempotent, unless the attributes differ.
    const again = { TopicArn, Protocol: 'sqs', Endpoint: q.arn, ReturnSubscriptionArn: true };
    assert.equal((await sns.subscribe({ ...again, Attributes: { FilterPolicy: '{"a": ["b"]}' } })).SubscriptionArn, q.subscription);
    await assert.rejects(sns.subscribe({ ...again, Attributes: { FilterPolicy: '{"a": ["c"]}' } }), (e: Error) => /already exists with different attributes/.test(e.message));
    assert.equal((await sns.getSubscriptionAttributes({ SubscriptionArn: q.subscription })).Attributes?.FilterPolicy, '{"a": ["b"]}');
  });
});

describe('FIFO topics', () => {
  test('.fifo names, group ids required, deduplication, delivery in order to a FIFO queue', async () => {
    await assert.rejects(sns.createTopic({ Name: 'plain.fifo' }), { name: 'InvalidParameterException' });
    await assert.rejects(sns.createTopic({ Name: 'nosuffix', Attributes: { FifoTopic: 'true' } }), { name: 'InvalidParameterException' });
    const { TopicArn } = await sns.createTopic({ Name: 'ledger.fifo', Attributes: { FifoTopic: 'true', ContentBasedDeduplication: 'true' } });
    await assert.rejects(sns.subscribe({ TopicArn, Protocol: 'email', Endpoint: 'a@example.com' }), { name: 'InvalidParameterException' });
    const q = await subscribedQueue('ledger.fifo', TopicArn!, { RawMessageDelivery: 'true' }, { FifoQueue: 'true' });
    await assert.rejects(sns.publish({ TopicArn, Message: 'x' }), (e: Error) => /MessageGroupId/.test(e.message));
    const first = await sns.publish({ TopicArn, Message: 'credit 5', MessageGroupId: 'acct-1' });
    const again = await sns.publish({ TopicArn, Message: 'credit 5', MessageGroupId: 'acct-1' });
    assert.equal(again.MessageId, first.MessageId);
    const second = await sns.publish({ TopicArn, Message: 'debit 2', MessageGroupId: 'acct-1' });
    assert.ok(BigInt(second.SequenceNumber!) > BigInt(first.SequenceNumber!));
    assert.deepEqual(await bodies(q.url), ['credit 5', 'debit 2']);
    const standard = (await sns.createTopic({ Name: 'standard' })).TopicArn;
    await assert.rejects(sns.publish({ TopicArn: standard, Message: 'x', MessageGroupId: 'g' }), { name: 'InvalidParameterException' });
  });
});

test('PublishBatch: per-entry results and the batch-wide errors', async () => {
  const { TopicArn } = await sns.createTopic({ Name: 'batched' });
  const q = await subscribedQueue('batched-q', TopicArn!, { RawMessageDelivery: 'true' });
  const r = await sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'a', Message: 'A' }, { Id: 'b', Message: '' }] });
  assert.deepEqual(r.Successful?.map((s) => s.Id), ['a']);
  assert.deepEqual(r.Failed?.map((f) => [f.Id, f.Code, f.SenderFault]), [['b', 'InvalidParameter', true]]);
  assert.deepEqual(await bodies(q.url), ['A']);
  await assert.rejects(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [] }), { name: 'EmptyBatchRequestException' });
  await assert.rejects(sns.publishBatch({ TopicArn, PublishBatchRequestEntries: [{ Id: 'x', Message: '1' }, { Id: 'x', Message: '2' }] }), { name: 'BatchEntryIdsNotDistinctException' });
});

test('DeleteTopic is idempotent; TagResource answers its empty Result element', async () => {
  const { TopicArn } = await sns.createTopic({ Name: 'short-lived' });
  await sns.deleteTopic({ TopicArn });
  await sns.deleteTopic({ TopicArn });
  const { TopicArn: tagged } = await sns.createTopic({ Name: 'tagged' });
  const body = `Action=TagResource&Version=2010-03-31&ResourceArn=${encodeURIComponent(tagged!)}&Tags.member.1.Key=k&Tags.member.1.Value=v`;
  const url = new URL(sandbox.endpoint);
  const request = new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body });
  const signed = await new SignatureV4({ credentials: sandbox.credentials, region: 'us-east-1', service: 'sns', sha256: Sha256 }).sign(request);
  const res = await fetch(sandbox.endpoint, { method: 'POST', headers: signed.headers, body });
  assert.match(await res.text(), /<TagResourceResponse[^>]*><TagResourceResult><\/TagResourceResult><ResponseMetadata>/);
});

test('the AWS CLI subscribes a queue and reads what SNS delivered', { skip: awsCliMissing }, async () => {
  const { TopicArn } = await sns.createTopic({ Name: 'cli-topic' });
  const q = await subscribedQueue('cli-fanout', TopicArn!);
  const published = await awsCli(sandbox, ['sns', 'publish', '--topic-arn', TopicArn!, '--message', 'via cli']);
  assert.equal(published.status, 0, published.stderr);
  const received = await awsCli(sandbox, ['sqs', 'receive-message', '--queue-url', q.url]);
  assert.equal(received.status, 0, received.stderr);
  const envelope = JSON.parse(received.json().Messages[0].Body);
  assert.deepEqual([envelope.Message, envelope.MessageId], ['via cli', published.json().MessageId]);
});
