/**
 * Publish and PublishBatch: to every confirmed subscription of a topic whose filter policy the
 * message passes, in the shape each protocol receives; FIFO topics need a message group and
 * deduplicate within five minutes.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sns';
import { createHash, randomUUID } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { MAX_BATCH, runBatch, type BatchProblem } from '../../core/batch.js';
import { duplicateOf, remember } from '../../core/dedup.js';
import { resourcePolicyAllows, type Sender } from '../../core/resource-policy.js';
import { deliver, type Notification } from './delivery.js';
import { passesFilter } from './filter-policy.js';
import { publishToEndpoint } from './platform.js';
import { PHONE_NUMBER } from './sms.js';
import { findTopic, invalidParameter, parseArn, regionState, stateOf } from './state.js';
import type { Input, Output, PublishedAttribute, TopicRecord } from './types.js';

const MAX_BYTES = 256 * 1024;
/** FIFO deduplication ids are remembered this long (scaled by the sandbox's time scale). */
const DEDUP_WINDOW_MS = 5 * 60_000;

export interface PublishRequest {
  message: string;
  subject?: string;
  /** 'json': `message` is a JSON object of per-protocol messages with a `default`. */
  structure?: string;
  attributes?: Record<string, PublishedAttribute>;
  groupId?: string;
  dedupId?: string;
}

export interface Published {
  MessageId: string;
  SequenceNumber?: string;
}

function isFifo(topic: TopicRecord): boolean {
  return topic.attributes.FifoTopic === 'true';
}

/** Checks message attributes as SNS does and keeps them with binary values in base64. */
function publishedAttributes(given: Record<string, MessageAttributeValue> | undefined): Record<string, PublishedAttribute> {
  const out: Record<string, PublishedAttribute> = {};
  for (const [name, a] of Object.entries(given ?? {})) {
    const type = a.DataType ?? '';
    const invalid = (why: string) => new AwsError('ParameterValueInvalid', `The message attribute '${name}' ${why}`);
    if (!/^(String|Number|Binary)(\..+)?$/.test(type)) throw invalid('has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.');
    if (type.startsWith('Binary')) {
      if (!a.BinaryValue?.length) throw invalid('must contain non-empty message attribute value for message attribute type Binary.');
      out[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue).toString('base64') };
    } else {
      if (!a.StringValue) throw invalid(`must contain non-empty message attribute value for message attribute type ${type.split('.')[0]}.`);
      if (type.startsWith('Number') && !Number.isFinite(Number(a.StringValue))) throw invalid('has an invalid numeric value.');
      out[name] = { DataType: type, StringValue: a.StringValue };
    }
  }
  return out;
}

/** The FIFO checks and deduplication; a duplicate gives the earlier message's id and is not delivered again. */
function fifoOrder(topic: TopicRecord, request: PublishRequest, now: number): { duplicate?: Published; dedupId?: string; sequenceNumber?: string } {
  if (!isFifo(topic)) {
    if (request.groupId !== undefined) throw invalidParameter('MessageGroupId Reason: The request includes MessageGroupId parameter that is not valid for this topic type');
    if (request.dedupId !== undefined) throw invalidParameter('MessageDeduplicationId Reason: The request includes MessageDeduplicationId parameter that is not valid for this topic type');
    return {};
  }
  if (!request.groupId) throw invalidParameter('The MessageGroupId parameter is required for FIFO topics');
  const dedupId = request.dedupId ?? (topic.attributes.ContentBasedDeduplication === 'true' ? hash(request.message) : undefined);
  if (!dedupId) throw invalidParameter('The topic should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
  const earlier = duplicateOf((topic.dedup ??= {}), dedupId, now);
  if (earlier) return { duplicate: { MessageId: earlier.messageId, SequenceNumber: earlier.sequenceNumber } };
  const sequenceNumber = String((topic.sequence = (topic.sequence ?? 0) + 1)).padStart(20, '0');
  return { dedupId, sequenceNumber };
}

/** Content-based deduplication: the SHA-256 of the message body, as SNS does. */
function hash(message: string): string {
  return createHash('sha256').update(message).digest('hex');
}

/**
 * Publishes to a topic of an account/region (also used by CloudWatch alarm actions). A service
 * publishing for another resource (`sender`: S3 for a bucket) needs the topic's policy to allow it.
 */
export function publishTo(runtime: SandboxRuntime, topicArn: string, request: PublishRequest, sender?: Sender): Published {
  const { accountId, region } = parseArn(topicArn, 'TopicArn');
  const state = stateOf(runtime, accountId, region);
  const topic = findTopic(state, topicArn);
  if (sender && !resourcePolicyAllows(topic.attributes.Policy, topic.TopicArn, accountId, sender, 'sns:Publish')) {
    throw new AwsError('AuthorizationError', `${sender.service ?? sender.accountId} is not authorized to perform: SNS:Publish on resource: ${topicArn}`, 403);
  }
  const { message, subject, structure } = request;
  if (!message) throw invalidParameter('Empty message');
  if (Buffer.byteLength(message) > MAX_BYTES) throw invalidParameter('Message too long');
  if (subject !== undefined && (subject.length === 0 || subject.length > 100 || /[\r\n]/.test(subject))) throw invalidParameter('Subject');
  let messages: Record<string, string> = { default: message };
  if (structure === 'json') {
    try {
      messages = JSON.parse(message) as Record<string, string>;
    } catch {
      throw invalidParameter('Message Structure - JSON message body failed to parse');
    }
    if (typeof messages.default !== 'string') throw invalidParameter('Message Structure - No default entry in JSON message body');
  }
  const now = Date.now();
  const order = fifoOrder(topic, request, now);
  if (order.duplicate) return order.duplicate;
  const n: Notification = {
    messageId: randomUUID(),
    subject,
    messages,
    timestamp: new Date(now).toISOString(),
    attributes: request.attributes ?? {},
    groupId: request.groupId,
    dedupId: order.dedupId,
    sequenceNumber: order.sequenceNumber,
  };
  if (order.dedupId) remember(topic.dedup!, order.dedupId, { until: now + DEDUP_WINDOW_MS * runtime.options.timeScale, messageId: n.messageId, sequenceNumber: order.sequenceNumber! });
  for (const sub of Object.values(state.subscriptions)) {
    if (sub.TopicArn !== topic.TopicArn || !sub.confirmed) continue;
    if (passesFilter(sub.attributes, n.messages[sub.Protocol] ?? n.messages.default, n.attributes)) deliver(runtime, sub, n);
  }
  return { MessageId: n.messageId, SequenceNumber: order.sequenceNumber };
}

type PublishFields = Pick<Input<'Publish'>, 'Message' | 'Subject' | 'MessageStructure' | 'MessageAttributes' | 'MessageGroupId' | 'MessageDeduplicationId'>;

function request(input: PublishFields): PublishRequest {
  return {
    message: input.Message ?? '',
    subject: input.Subject,
    structure: input.MessageStructure,
    attributes: publishedAttributes(input.MessageAttributes),
    groupId: input.MessageGroupId,
    dedupId: input.MessageDeduplicationId,
  };
}

export function publish(input: Input<'Publish'>, ctx: RequestContext): Output<'Publish'> {
  if (input.PhoneNumber !== undefined) {
    if (!PHONE_NUMBER.test(input.PhoneNumber)) throw invalidParameter(`PhoneNumber Reason: ${input.PhoneNumber} is not valid to publish to`);
    if (!input.Message) throw invalidParameter('Empty message');
    return { MessageId: randomUUID() }; // SMS is accepted and, in the sandbox, sent nowhere
  }
  const arn = input.TopicArn ?? input.TargetArn;
  if (!arn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  if (input.TargetArn && /:endpoint\//.test(input.TargetArn)) return publishToEndpoint(regionState(ctx), input.TargetArn);
  findTopic(regionState(ctx), arn);
  return publishTo(ctx.sandbox, arn, request(input));
}

/** SNS's words for a batch it refuses whole. */
function batchProblem(kind: BatchProblem, detail: string): AwsError {
  switch (kind) {
    case 'empty':
      return new AwsError('EmptyBatchRequest', 'The batch request does not contain any entries.');
    case 'too-many':
      return new AwsError('TooManyEntriesInBatchRequest', `The batch request contains more entries than permissible (${MAX_BATCH}).`);
    case 'invalid-id':
      return new AwsError('InvalidBatchEntryId', 'The Id of a batch entry in a batch request does not abide by the specification.');
    case 'repeated-id':
      return new AwsError('BatchEntryIdsNotDistinct', `Two or more batch entries in the request have the same Id (${detail}).`);
  }
}

export function publishBatch(input: Input<'PublishBatch'>, ctx: RequestContext): Output<'PublishBatch'> {
  findTopic(regionState(ctx), input.TopicArn);
  const entries = input.PublishBatchRequestEntries ?? [];
  const total = entries.reduce((n, e) => n + Buffer.byteLength(e.Message ?? ''), 0);
  if (total > MAX_BYTES) throw new AwsError('BatchRequestTooLong', 'The length of all the messages put together is more than the limit.');
  return runBatch(entries, batchProblem, (e) => publishTo(ctx.sandbox, input.TopicArn!, request(e)));
}
