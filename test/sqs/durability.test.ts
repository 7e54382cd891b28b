/** SQS state survives a sandbox restart: queues, their attributes, messages still to receive and those in flight. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SQS } from '@aws-sdk/client-sqs';
import { startSandbox } from '../../src/sandbox/index.js';
import { tempDir } from '../helpers/index.js';

test('queues and messages across a restart', async (t) => {
  const dir = tempDir('paws-sqs-state-');
  t.after(() => dir.remove());
  const start = async () => {
    const sandbox = await startSandbox({ port: 0, stateDir: dir.path, timeScale: 0.02 });
    return { sandbox, sqs: new SQS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials }) };
  };

  const first = await start();
  const url = (await first.sqs.createQueue({ QueueName: 'kept', Attributes: { VisibilityTimeout: '3600' }, tags: { team: 'a' } })).QueueUrl!;
  await first.sqs.sendMessage({ QueueUrl: url, MessageBody: 'in flight' });
  const [inFlight] = (await first.sqs.receiveMessage({ QueueUrl: url })).Messages!;
  const sent = await first.sqs.sendMessage({ QueueUrl: url, MessageBody: 'waiting', MessageAttributes: { k: { DataType: 'String', StringValue: 'v' } } });
  await first.sandbox.close();

  const second = await start();
  t.after(() => second.sandbox.close());
  const url2 = (await second.sqs.getQueueUrl({ QueueName: 'kept' })).QueueUrl!;
  const attrs = (await second.sqs.getQueueAttributes({ QueueUrl: url2, AttributeNames: ['VisibilityTimeout', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] })).Attributes;
  assert.deepEqual(attrs, { VisibilityTimeout: '3600', ApproximateNumberOfMessages: '1', ApproximateNumberOfMessagesNotVisible: '1' });
  assert.deepEqual((await second.sqs.listQueueTags({ QueueUrl: url2 })).Tags, { team: 'a' });
  const [m] = (await second.sqs.receiveMessage({ QueueUrl: url2, MessageAttributeNames: ['All'] })).Messages!;
  assert.deepEqual([m.MessageId, m.Body, m.MessageAttributes?.k.StringValue, m.MD5OfMessageAttributes], [sent.MessageId, 'waiting', 'v', sent.MD5OfMessageAttributes]);
  // The receipt handle given before the restart still deletes its message.
  await second.sqs.deleteMessage({ QueueUrl: url2, ReceiptHandle: inFlight.ReceiptHandle });
  const left = await second.sqs.getQueueAttributes({ QueueUrl: url2, AttributeNames: ['ApproximateNumberOfMessagesNotVisible'] });
  assert.equal(left.Attributes?.ApproximateNumberOfMessagesNotVisible, '1');
});
