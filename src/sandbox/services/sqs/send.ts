/**
 * Sending: SendMessage and SendMessageBatch with SQS's checks (body characters and size, message
 * attributes, delays, FIFO groups and deduplication), and `sendToQueue`, how other sandbox services
 * (SNS, S3 notifications) enqueue, as the queue's policy allows.
 */
import type { MessageAttributeValue } from '@aws-sdk/client-sqs';
import { createHash, randomUUID } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { attempt, runBatch } from '../../core/batch.js';
import { duplicateOf, remember } from '../../core/dedup.js';
import { md5Hex, md5OfAttributes } from './md5.js';
import { numberAttribute } from './attributes.js';
import type { Sender } from '../../core/resource-policy.js';
import { queueAllows } from './access.js';
import { batchProblem, findQueue, invalidParameterValue, invalidValue, isFifo, missingParameter, nonExistentQueue, queueByArn, scaledMs, SERVICE } from './state.js';
import type { Input, MessageRecord, Output, QueueRecord, StoredAttribute } from './types.js';
import { wake } from './waiters.js';

/** FIFO deduplication ids are remembered this long. */
const DEDUP_WINDOW_S = 300;
const MAX_ATTRIBUTES = 10;
const ALLOWED_CHARACTERS = /^[\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]*$/u;

/** What a sender gives for one message. */
export interface OutgoingMessage {
  body: string;
  attributes?: Record<string, StoredAttribute>;
  delaySeconds?: number;
  groupId?: string;
  dedupId?: string;
  traceHeader?: string;
}

interface Sent {
  MessageId: string;
  MD5OfMessageBody: string;
  MD5OfMessageAttributes?: string;
  MD5OfMessageSystemAttributes?: string;
  SequenceNumber?: string;
}

/** Attributes as the SDK gives them (binary values as bytes), checked and stored. */
function storedAttributes(given: Record<string, MessageAttributeValue> | undefined): Record<string, StoredAttribute> {
  const out: Record<string, StoredAttribute> = {};
  const entries = Object.entries(given ?? {});
  if (entries.length > MAX_ATTRIBUTES) throw invalidParameterValue(`Number of message attributes [${entries.length}] exceeds the allowed maximum [${MAX_ATTRIBUTES}].`);
  for (const [name, a] of entries) {
    const type = a.DataType ?? '';
    const base = /^(String|Number|Binary)(\..+)?$/.exec(type)?.[1];
    if (!base) throw invalidParameterValue(`The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`);
    const empty = () => invalidParameterValue(`The message (user) attribute '${name}' must contain a non-empty message attribute value for message attribute type '${base}'.`);
    if (base === 'Binary') {
      if (!a.BinaryValue?.length) throw empty();
      out[name] = { DataType: type, BinaryValue: Buffer.from(a.BinaryValue).toString('base64') };
    } else {
      if (!a.StringValue) throw empty();
      if (base === 'Number' && !Number.isFinite(Number(a.StringValue))) throw invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
      out[name] = { DataType: type, StringValue: a.StringValue };
    }
  }
  return out;
}

function size(m: OutgoingMessage): number {
  let n = Buffer.byteLength(m.body);
  for (const [name, a] of Object.entries(m.attributes ?? {})) n += Buffer.byteLength(name) + Buffer.byteLength(a.DataType) + (a.BinaryValue !== undefined ? Buffer.from(a.BinaryValue, 'base64').length : Buffer.byteLength(a.StringValue ?? ''));
  return n;
}

/** Adds a message to a queue (after SQS's checks) and wakes receivers waiting on it. */
function enqueue(runtime: SandboxRuntime, queue: QueueRecord, m: OutgoingMessage, senderId: string): Sent {
  if (!m.body) throw missingParameter('MessageBody');
  const bad = ALLOWED_CHARACTERS.test(m.body) ? undefined : [...m.body].find((c) => !ALLOWED_CHARACTERS.test(c));
  if (bad !== undefined) {
    throw new AwsError('InvalidMessageContents', `Invalid binary character '#x${bad.codePointAt(0)!.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF`);
  }
  const max = numberAttribute(queue, 'MaximumMessageSize');
  if (size(m) > max) throw invalidParameterValue(`One or more parameters are invalid. Reason: Message must be shorter than ${max} bytes.`);
  const now = Date.now();
  const fifo = isFifo(queue);
  const md5s = {
    MD5OfMessageBody: md5Hex(m.body),
    MD5OfMessageAttributes: md5OfAttributes(m.attributes ?? {}),
    MD5OfMessageSystemAttributes: m.traceHeader !== undefined ? md5OfAttributes({ AWSTraceHeader: { DataType: 'String', StringValue: m.traceHeader } }) : undefined,
  };
  if (m.delaySeconds !== undefined) {
    if (fifo) throw invalidValue('DelaySeconds', m.delaySeconds, 'The request include parameter that is not valid for this queue type.');
    if (m.delaySeconds < 0 || m.delaySeconds > 900) throw invalidValue('DelaySeconds', m.delaySeconds, 'DelaySeconds must be >= 0 and <= 900.');
  }
  let dedupId: string | undefined;
  if (fifo) {
    if (!m.groupId) throw missingParameter('MessageGroupId');
    // Content-based deduplication: the SHA-256 of the body, as SQS does.
    dedupId = m.dedupId ?? (queue.attributes.ContentBasedDeduplication === 'true' ? createHash('sha256').update(m.body).digest('hex') : undefined);
    if (!dedupId) throw invalidParameterValue('The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly');
    // A duplicate within the window is accepted and not delivered again.
    const earlier = duplicateOf(queue.dedup, dedupId, now);
    if (earlier) return { MessageId: earlier.messageId, ...md5s, SequenceNumber: earlier.sequenceNumber };
  } else if (m.dedupId !== undefined) {
    throw invalidValue('MessageDeduplicationId', m.dedupId, 'The request include parameter that is not valid for this queue type.');
  }
  const record: MessageRecord = {
    MessageId: randomUUID(),
    Body: m.body,
    MD5OfBody: md5s.MD5OfMessageBody,
    attributes: m.attributes ?? {},
    traceHeader: m.traceHeader,
    senderId,
    sent: now,
    visibleAt: now + scaledMs(runtime, m.delaySeconds ?? numberAttribute(queue, 'DelaySeconds')),
    receiveCount: 0,
    groupId: m.groupId,
    dedupId,
    sequenceNumber: fifo ? sequence(++queue.sequence) : undefined,
  };
  queue.messages.push(record);
  if (dedupId) remember(queue.dedup, dedupId, { until: now + scaledMs(runtime, DEDUP_WINDOW_S), messageId: record.MessageId, sequenceNumber: record.sequenceNumber! });
  wake(runtime, queue.arn);
  return { MessageId: record.MessageId, ...md5s, SequenceNumber: record.sequenceNumber };
}

function sequence(n: number): string {
  return String(n).padStart(20, '0');
}

function outgoing(e: Input<'SendMessage'> | NonNullable<Input<'SendMessageBatch'>['Entries']>[number]): OutgoingMessage {
  return {
    body: e.MessageBody ?? '',
    attributes: storedAttributes(e.MessageAttributes),
    delaySeconds: e.DelaySeconds,
    groupId: e.MessageGroupId,
    dedupId: e.MessageDeduplicationId,
    traceHeader: e.MessageSystemAttributes?.AWSTraceHeader?.StringValue,
  };
}

function senderIdOf(ctx: RequestContext): string {
  return ctx.principal?.userId ?? ctx.accountId;
}

export function sendMessage(input: Input<'SendMessage'>, ctx: RequestContext): Output<'SendMessage'> {
  const queue = findQueue(ctx, input.QueueUrl, 'SendMessage');
  return enqueue(ctx.sandbox, queue, outgoing(input), senderIdOf(ctx));
}

/** SNS's sender id, as SQS shows it on the messages SNS delivers. */
const SERVICE_SENDER_IDS: Record<string, string> = { 'sns.amazonaws.com': 'AIDAIT2UOQQY3AUEKVGXU' };

/**
 * Enqueues a message on behalf of another sandbox service (SNS delivering to a subscription, S3
 * notifying an event): the queue must exist and its policy allow the sender `sqs:SendMessage`, as
 * on AWS. Returns the message id; the SQS state is saved with the next commit.
 */
export function sendToQueue(runtime: SandboxRuntime, queueArn: string, message: OutgoingMessage, sender: Sender): string {
  const queue = queueByArn(runtime, queueArn);
  if (!queue) throw nonExistentQueue();
  if (!queueAllows(queue, sender, 'sqs:SendMessage')) throw new AwsError('AccessDenied', `Access to the resource ${queueArn} is denied.`, 403);
  const sent = enqueue(runtime, queue, message, (sender.service && SERVICE_SENDER_IDS[sender.service]) ?? sender.accountId);
  runtime.store.markDirty(SERVICE);
  return sent.MessageId;
}

export function sendMessageBatch(input: Input<'SendMessageBatch'>, ctx: RequestContext): Output<'SendMessageBatch'> {
  const queue = findQueue(ctx, input.QueueUrl, 'SendMessage');
  // An entry whose attributes are wrong fails alone; the batch's size counts the others.
  const prepared = new Map((input.Entries ?? []).map((e) => [e, attempt(() => outgoing(e))]));
  const total = [...prepared.values()].reduce((n, m) => n + (m instanceof AwsError ? 0 : size(m)), 0);
  const max = numberAttribute(queue, 'MaximumMessageSize');
  if (total > max) throw new AwsError('AWS.SimpleQueueService.BatchRequestTooLong', `Batch requests cannot be longer than ${max} bytes. You have sent ${total} bytes.`);
  return runBatch(input.Entries, batchProblem('SendMessageBatchRequestEntry'), (e) => {
    const m = prepared.get(e)!;
    if (m instanceof AwsError) throw m;
    return enqueue(ctx.sandbox, queue, m, senderIdOf(ctx));
  });
}
