/** Queues: Create/Delete/List, GetQueueUrl, Get/SetQueueAttributes, PurgeQueue and tags. */
import { AwsError, type RequestContext } from '../../core/types.js';
import { checkPolicy, checkRedrivePolicy, redrivePolicyOf } from './queue-policy.js';
import { findQueue, invalidValue, isFifo, missingParameter, queueByName, queueUrl, scaledMs, stateOf } from './state.js';
import { counts } from './receive.js';
import { NUMERIC } from './attributes.js';
import type { Input, Output, QueueRecord } from './types.js';

const BOOLEAN = new Set(['FifoQueue', 'ContentBasedDeduplication', 'SqsManagedSseEnabled']);
const TEXT = new Set(['Policy', 'RedrivePolicy', 'RedriveAllowPolicy', 'KmsMasterKeyId', 'DeduplicationScope', 'FifoThroughputLimit']);
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);
const READ_ONLY = ['QueueArn', 'ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed', 'CreatedTimestamp', 'LastModifiedTimestamp'];
const NAME = /^[A-Za-z0-9_-]{1,80}$/;
const FIFO_NAME = /^[A-Za-z0-9_-]{1,75}\.fifo$/;

/** Checks attributes as CreateQueue and SetQueueAttributes take them. */
function checkAttributes(attributes: Record<string, string>, fifo: boolean, ctx: RequestContext): void {
  for (const [name, value] of Object.entries(attributes)) {
    const numeric = Object.hasOwn(NUMERIC, name) ? NUMERIC[name] : undefined;
    if (numeric) {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < numeric.min || n > numeric.max) throw new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
    } else if (BOOLEAN.has(name)) {
      if (value !== 'true' && value !== 'false') throw new AwsError('InvalidAttributeValue', `Invalid value for the parameter ${name}.`);
    } else if (!TEXT.has(name)) {
      throw new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
    }
    if (FIFO_ONLY.has(name) && !fifo) throw new AwsError('InvalidAttributeName', `Unknown Attribute ${name}.`);
  }
  if (attributes.Policy !== undefined) checkPolicy(attributes.Policy);
  if (attributes.RedrivePolicy) checkRedrivePolicy(ctx, attributes.RedrivePolicy, fifo);
}

export function createQueue(input: Input<'CreateQueue'>, ctx: RequestContext): Output<'CreateQueue'> {
  const name = input.QueueName ?? '';
  if (!name) throw missingParameter('QueueName');
  const attributes = { ...input.Attributes };
  const fifo = attributes.FifoQueue === 'true';
  if (fifo ? !FIFO_NAME.test(name) : !NAME.test(name)) {
    throw new AwsError(
      'InvalidParameterValue',
      fifo
        ? 'The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length.'
        : 'Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length',
    );
  }
  if (attributes.FifoQueue === 'false') delete attributes.FifoQueue;
  checkAttributes(attributes, fifo, ctx);
  const state = stateOf(ctx.sandbox, ctx.accountId, ctx.region);
  const existing = Object.hasOwn(state.queues, name) ? state.queues[name] : undefined;
  if (existing) {
    // Idempotent with the same attributes; any that differs (from its current or default value) is refused.
    for (const [k, v] of Object.entries(attributes)) {
      if (attributeValue(existing, k) !== v) throw new AwsError('QueueAlreadyExists', `A queue already exists with the same name and a different value for attribute ${k}`);
    }
    return { QueueUrl: queueUrl(ctx.sandbox, existing) };
  }
  const now = Date.now();
  const deletedAt = state.deleted?.[name];
  if (deletedAt !== undefined && now - deletedAt < scaledMs(ctx.sandbox, NAME_REUSE_S)) {
    throw new AwsError('AWS.SimpleQueueService.QueueDeletedRecently', 'You must wait 60 seconds after deleting a queue before you can create another with the same name.');
  }
  const queue: QueueRecord = {
    name,
    arn: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${name}`,
    accountId: ctx.accountId,
    attributes,
    tags: { ...input.tags },
    created: now,
    modified: now,
    messages: [],
    sequence: 0,
    dedup: {},
  };
  state.queues[name] = queue;
  return { QueueUrl: queueUrl(ctx.sandbox, queue) };
}

/** SQS keeps a deleted queue's name from reuse for a minute. */
const NAME_REUSE_S = 60;

export function deleteQueue(input: Input<'DeleteQueue'>, ctx: RequestContext): Output<'DeleteQueue'> {
  const queue = findQueue(ctx, input.QueueUrl, 'DeleteQueue');
  const state = stateOf(ctx.sandbox, queue.accountId, ctx.region);
  delete state.queues[queue.name];
  const now = Date.now();
  const deleted = (state.deleted ??= {});
  for (const [name, at] of Object.entries(deleted)) if (now - at >= scaledMs(ctx.sandbox, NAME_REUSE_S)) delete deleted[name];
  deleted[queue.name] = now;
  return {};
}

/** The queues whose redrive policy names this one as their dead-letter queue. */
export function listDeadLetterSourceQueues(input: Input<'ListDeadLetterSourceQueues'>, ctx: RequestContext): Output<'ListDeadLetterSourceQueues'> {
  const dlq = findQueue(ctx, input.QueueUrl, 'ListDeadLetterSourceQueues');
  const sources = Object.values(stateOf(ctx.sandbox, dlq.accountId, ctx.region).queues).filter((q) => redrivePolicyOf(q)?.deadLetterTargetArn === dlq.arn);
  return { queueUrls: sources.map((q) => queueUrl(ctx.sandbox, q)).sort() };
}

export function getQueueUrl(input: Input<'GetQueueUrl'>, ctx: RequestContext): Output<'GetQueueUrl'> {
  if (!input.QueueName) throw missingParameter('QueueName');
  return { QueueUrl: queueUrl(ctx.sandbox, queueByName(ctx, input.QueueName, input.QueueOwnerAWSAccountId)) };
}

export function listQueues(input: Input<'ListQueues'>, ctx: RequestContext): Output<'ListQueues'> {
  const max = input.MaxResults;
  if (max !== undefined && (max < 1 || max > 1000)) throw invalidValue('MaxResults', max, 'MaxResults must be an integer between 1 and 1000.');
  if (input.NextToken !== undefined && max === undefined) throw invalidValue('NextToken', input.NextToken, 'MaxResults is required with NextToken.');
  const queues = stateOf(ctx.sandbox, ctx.accountId, ctx.region).queues;
  const names = Object.keys(queues)
    .filter((n) => n.startsWith(input.QueueNamePrefix ?? ''))
    .sort();
  // The token is the last name given: the next page starts after it, whatever was created or deleted since.
  const after = input.NextToken !== undefined ? Buffer.from(input.NextToken, 'base64url').toString() : undefined;
  const rest = after === undefined ? names : names.filter((n) => n > after);
  const picked = rest.slice(0, max ?? 1000);
  const more = max !== undefined && rest.length > picked.length;
  return {
    QueueUrls: picked.length ? picked.map((n) => queueUrl(ctx.sandbox, queues[n])) : undefined,
    NextToken: more ? Buffer.from(picked[picked.length - 1]).toString('base64url') : undefined,
  };
}

/** An attribute's value as GetQueueAttributes gives it: set, default, or derived. */
function attributeValue(queue: QueueRecord, name: string): string | undefined {
  if (Object.hasOwn(queue.attributes, name)) return queue.attributes[name];
  if (Object.hasOwn(NUMERIC, name)) return String(NUMERIC[name].default);
  if (name === 'SqsManagedSseEnabled') return queue.attributes.KmsMasterKeyId ? 'false' : 'true';
  if (isFifo(queue)) {
    if (name === 'ContentBasedDeduplication') return 'false';
    if (name === 'DeduplicationScope') return 'queue';
    if (name === 'FifoThroughputLimit') return 'perQueue';
  }
  return undefined;
}

export function getQueueAttributes(input: Input<'GetQueueAttributes'>, ctx: RequestContext): Output<'GetQueueAttributes'> {
  const queue = findQueue(ctx, input.QueueUrl, 'GetQueueAttributes');
  const names = input.AttributeNames ?? [];
  for (const n of names) {
    if (n !== 'All' && !READ_ONLY.includes(n) && !Object.hasOwn(NUMERIC, n) && !BOOLEAN.has(n) && !TEXT.has(n)) throw new AwsError('InvalidAttributeName', `Unknown Attribute ${n}.`);
  }
  if (!names.length) return {};
  const all: Record<string, string | undefined> = {
    QueueArn: queue.arn,
    ...counts(ctx.sandbox, queue),
    CreatedTimestamp: String(Math.floor(queue.created / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.modified / 1000)),
  };
  for (const n of [...Object.keys(NUMERIC), ...BOOLEAN, ...TEXT]) all[n] = attributeValue(queue, n);
  const wanted = names.includes('All') ? Object.keys(all) : names;
  const Attributes = Object.fromEntries(wanted.filter((n) => all[n] !== undefined).map((n) => [n, all[n]!]));
  return { Attributes };
}

export function setQueueAttributes(input: Input<'SetQueueAttributes'>, ctx: RequestContext): Output<'SetQueueAttributes'> {
  const queue = findQueue(ctx, input.QueueUrl, 'SetQueueAttributes');
  const attributes = { ...input.Attributes };
  if (Object.hasOwn(attributes, 'FifoQueue') && attributes.FifoQueue !== attributeValue(queue, 'FifoQueue')) {
    throw new AwsError('InvalidAttributeName', 'Unknown Attribute FifoQueue.');
  }
  checkAttributes(attributes, isFifo(queue), ctx);
  for (const [k, v] of Object.entries(attributes)) {
    // An empty policy removes it, as on AWS.
    if ((k === 'Policy' || k === 'RedrivePolicy') && v === '') delete queue.attributes[k];
    else queue.attributes[k] = v;
  }
  queue.modified = Date.now();
  return {};
}

/** SQS allows one purge a minute per queue. */
const PURGE_INTERVAL_S = 60;

export function purgeQueue(input: Input<'PurgeQueue'>, ctx: RequestContext): Output<'PurgeQueue'> {
  const queue = findQueue(ctx, input.QueueUrl, 'PurgeQueue');
  const now = Date.now();
  if (queue.lastPurge !== undefined && now - queue.lastPurge < scaledMs(ctx.sandbox, PURGE_INTERVAL_S)) {
    throw new AwsError('AWS.SimpleQueueService.PurgeQueueInProgress', `Only one PurgeQueue operation on ${queue.name} is allowed every 60 seconds.`, 403);
  }
  queue.lastPurge = now;
  queue.messages = [];
  return {};
}

export function tagQueue(input: Input<'TagQueue'>, ctx: RequestContext): Output<'TagQueue'> {
  const queue = findQueue(ctx, input.QueueUrl, 'TagQueue');
  if (!input.Tags || !Object.keys(input.Tags).length) throw missingParameter('Tags');
  Object.assign(queue.tags, input.Tags);
  if (Object.keys(queue.tags).length > 50) throw new AwsError('InvalidParameterValue', 'Too many tags added for queue.');
  return {};
}

export function untagQueue(input: Input<'UntagQueue'>, ctx: RequestContext): Output<'UntagQueue'> {
  const queue = findQueue(ctx, input.QueueUrl, 'UntagQueue');
  if (!input.TagKeys?.length) throw missingParameter('TagKeys');
  for (const k of input.TagKeys) delete queue.tags[k];
  return {};
}

export function listQueueTags(input: Input<'ListQueueTags'>, ctx: RequestContext): Output<'ListQueueTags'> {
  const queue = findQueue(ctx, input.QueueUrl, 'ListQueueTags');
  return { Tags: Object.keys(queue.tags).length ? { ...queue.tags } : undefined };
}
