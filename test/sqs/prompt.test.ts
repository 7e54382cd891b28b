/**
 * `sqs` at the prompt: queues print as `Queue:name`, `sqs.queues()` lists them, a bad name is one
 * line, and `.cleanup` deletes the session's queues after the SNS subscriptions to them.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SNS } from '@aws-sdk/client-sns';
import { SQS } from '@aws-sdk/client-sqs';
import { promptOnSandbox } from '../helpers/prompt.js';

test('queues at the prompt, and .cleanup deletes them after their subscriptions', async (t) => {
  const { sandbox, prompt } = await promptOnSandbox(t);
  const config = { endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials };
  await prompt.type("await sqs.createQueue({QueueName: 'inbox'}); 0");
  assert.equal(await prompt.type("const q = await sqs.queue('inbox'); q"), 'Queue:inbox');
  await prompt.type("await q.send('hello', {kind: 'greeting'}); 0");
  assert.equal(await prompt.type("(await q.receive({waitSeconds: 1})).map((m) => m.Body + ':' + m.MessageAttributes.kind.StringValue)"), "[ 'hello:greeting' ]");
  assert.equal(await prompt.type('await sqs.queues()'), '[Queue:inbox]');
  assert.equal(await prompt.type("await sqs.queue('nope')"), 'QueueDoesNotExist: The specified queue does not exist.');

  await prompt.type("const topic = await sns.topic('news', {create: true}); await topic.subscribe('sqs', q.arn); 0");
  const listed = await prompt.type('.created');
  const order = listed.split('\n').slice(1).map((l) => l.trim().split(':')[0]);
  assert.ok(order.indexOf('Subscription') < order.indexOf('Queue'), listed);
  assert.match(listed, /^ +Queue:inbox +us-east-1/m, 'a queue is listed by its name, as it prints');
  assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 30_000), /\[3\/3\] deleted Queue:inbox\n/);

  const sqs = new SQS(config);
  assert.equal((await sqs.listQueues({})).QueueUrls, undefined);
  assert.deepEqual((await new SNS(config).listSubscriptions({})).Subscriptions, []);
});
