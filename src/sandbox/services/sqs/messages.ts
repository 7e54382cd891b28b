/**
 * Messages: Send, Receive (long polling), Delete and ChangeMessageVisibility, each with its batch
 * form; delay, visibility timeouts, retention, FIFO groups and deduplication, and dead-letter
 * queues (a message received maxReceiveCount times moves on its next receive). `sendToQueue` is
 * how other sandbox services (SNS, S3 notifications) enqueue, as the queue's policy allows.
 */
import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime, type Wire } from '../../core/types.js';
import { attempt, MAX_BATCH, runBatch, type BatchProblem } from '../../core/batch.js';
import { duplicateOf, remember } from '../../core/dedup.js';
import { md5Hex, md5OfAttributes } from './md5.js';
import { numberAttribute } from './attributes.js';
import { queueAllows, type Sender } from './access.js';
import { redrivePolicyOf } from './queue-policy.js';
import { findQueue, invalidParameterValue, invalidValue, isFifo, missingParameter, nonExistentQueue, queueByArn, scaledMs, SERVICE } from './state.js';
import type { Input, MessageRecord, Output, QueueRecord, StoredAttribute } from './types.js';
import { waitForMessages, wake } from './waiters.js';

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

/** SQS's words for a batch it refuses whole. */
function batchProblem(entryName: string) {
  return (kind: BatchProblem, detail: string): AwsError => {
    switch (kind) {
      case 'empty':
        return new AwsError('AWS.SimpleQueueService.EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
      case 'too-many':
        return new AwsError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${detail}.`);
      case 'invalid-id':
        return new AwsError('AWS.SimpleQueueService.InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
      case 'repeated-id':
        return new AwsError('AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${detail} repeated.`);
    }
  };
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

/** Drops messages past the queue's retention period. */
function expire(runtime: SandboxRuntime, queue: QueueRecord, now: number): void {
  const keep = scaledMs(runtime, numberAttribute(queue, 'MessageRetentionPeriod'));
  if (queue.messages.some((m) => m.sent + keep <= now)) queue.messages = queue.messages.filter((m) => m.sent + keep > now);
}

function inFlight(m: MessageRecord, now: number): boolean {
  return m.receipt !== undefined && m.visibleAt > now;
}

/** ApproximateNumberOfMessages (visible), …NotVisible (in flight) and …Delayed, as GetQueueAttributes gives them. */
export function counts(runtime: SandboxRuntime, queue: QueueRecord): Record<string, string> {
  const now = Date.now();
  expire(runtime, queue, now);
  const visible = queue.messages.filter((m) => m.visibleAt <= now).length;
  const flying = queue.messages.filter((m) => inFlight(m, now)).length;
  return {
    ApproximateNumberOfMessages: String(visible),
    ApproximateNumberOfMessagesNotVisible: String(flying),
    ApproximateNumberOfMessagesDelayed: String(queue.messages.length - visible - flying),
  };
}

/** A receipt handle names the queue and the message, and changes with every receive. */
function receiptFor(queue: QueueRecord, m: MessageRecord): string {
  return Buffer.from(JSON.stringify([queue.arn, m.MessageId, randomBytes(12).toString('base64url')])).toString('base64');
}

/** The message a receipt handle of this queue names (undefined when it has gone), or ReceiptHandleIsInvalid. */
function messageOfReceipt(queue: QueueRecord, handle: string | undefined): MessageRecord | undefined {
  if (!handle) throw missingParameter('ReceiptHandle');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(handle, 'base64').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed[0] !== queue.arn || typeof parsed[1] !== 'string') {
    throw new AwsError('ReceiptHandleIsInvalid', `The input receipt handle "${handle}" is not a valid receipt handle.`, 404);
  }
  return queue.messages.find((m) => m.MessageId === parsed[1]);
}

type ReceiveInput = Input<'ReceiveMessage'>;

function checkReceive(input: ReceiveInput): void {
  const max = input.MaxNumberOfMessages;
  if (max !== undefined && (max < 1 || max > 10)) throw invalidValue('MaxNumberOfMessages', max, 'Must be between 1 and 10, if provided.');
  const wait = input.WaitTimeSeconds;
  if (wait !== undefined && (wait < 0 || wait > 20)) throw invalidValue('WaitTimeSeconds', wait, 'Must be >= 0 and <= 20, if provided.');
  const vt = input.VisibilityTimeout;
  if (vt !== undefined && (vt < 0 || vt > 43_200)) throw invalidValue('VisibilityTimeout', vt, 'Must be >= 0 and <= 43200, if provided.');
}

/** The attributes of `names` a receive asked for (`All`, `.*`, `prefix.*` or names). */
function pick<T>(all: Record<string, T>, names: string[]): Record<string, T> {
  const wanted = (k: string) => names.some((n) => n === 'All' || n === '.*' || n === k || (n.endsWith('.*') && k.startsWith(n.slice(0, -1))));
  return Object.fromEntries(Object.entries(all).filter(([k]) => wanted(k)));
}

function delivered(queue: QueueRecord, m: MessageRecord, input: ReceiveInput): Wire<Message> {
  const system: Record<string, string | undefined> = {
    SenderId: m.senderId,
    SentTimestamp: String(m.sent),
    ApproximateReceiveCount: String(m.receiveCount),
    ApproximateFirstReceiveTimestamp: String(m.firstReceive),
    AWSTraceHeader: m.traceHeader,
    MessageGroupId: m.groupId,
    MessageDeduplicationId: m.dedupId,
    SequenceNumber: m.sequenceNumber,
    DeadLetterQueueSourceArn: m.deadLetterSource,
  };
  const defined = Object.fromEntries(Object.entries(system).filter((e): e is [string, string] => e[1] !== undefined));
  const attributes = pick(defined, [...(input.AttributeNames ?? []), ...(input.MessageSystemAttributeNames ?? [])]);
  const userAttributes = pick(m.attributes, input.MessageAttributeNames ?? []);
  const some = <T extends object>(o: T) => (Object.keys(o).length ? o : undefined);
  return {
    MessageId: m.MessageId,
    ReceiptHandle: m.receipt,
    MD5OfBody: m.MD5OfBody,
    Body: m.Body,
    Attributes: some(attributes),
    MessageAttributes: some(userAttributes),
    MD5OfMessageAttributes: md5OfAttributes(userAttributes),
  };
}

/** Moves a message to the dead-letter queue (if it still exists; else the message is dropped, as on AWS after retention). */
function deadLetter(runtime: SandboxRuntime, queue: QueueRecord, m: MessageRecord, targetArn: string, now: number): void {
  queue.messages = queue.messages.filter((x) => x !== m);
  const dlq = queueByArn(runtime, targetArn);
  if (!dlq) return;
  dlq.messages.push({ ...m, receipt: undefined, visibleAt: now, deadLetterSource: queue.arn });
  wake(runtime, dlq.arn);
}

/** Takes up to MaxNumberOfMessages visible messages, FIFO groups in order and one receiver at a time. */
function take(runtime: SandboxRuntime, queue: QueueRecord, input: ReceiveInput): Wire<Message>[] {
  const now = Date.now();
  expire(runtime, queue, now);
  const fifo = isFifo(queue);
  const redrive = redrivePolicyOf(queue);
  const visibility = scaledMs(runtime, input.VisibilityTimeout ?? numberAttribute(queue, 'VisibilityTimeout'));
  const busyGroups = new Set(fifo ? queue.messages.filter((m) => inFlight(m, now)).map((m) => m.groupId) : []);
  const out: Wire<Message>[] = [];
  for (const m of [...queue.messages]) {
    if (out.length >= (input.MaxNumberOfMessages ?? 1)) break;
    if (fifo && busyGroups.has(m.groupId)) continue;
    if (m.visibleAt > now) continue;
    if (redrive && m.receiveCount >= redrive.maxReceiveCount) {
      deadLetter(runtime, queue, m, redrive.deadLetterTargetArn, now);
      continue;
    }
    m.receiveCount++;
    m.firstReceive ??= now;
    m.receipt = receiptFor(queue, m);
    m.visibleAt = now + visibility;
    out.push(delivered(queue, m, input));
  }
  return out;
}

export async function receiveMessage(input: ReceiveInput, ctx: RequestContext): Promise<Output<'ReceiveMessage'>> {
  let queue = findQueue(ctx, input.QueueUrl, 'ReceiveMessage');
  checkReceive(input);
  const runtime = ctx.sandbox;
  // The wait is the caller's own, in real seconds: it is not a simulated delay.
  const until = Date.now() + 1000 * (input.WaitTimeSeconds ?? numberAttribute(queue, 'ReceiveMessageWaitTimeSeconds'));
  for (;;) {
    const messages = take(runtime, queue, input);
    if (messages.length || Date.now() >= until || ctx.req.socket?.destroyed) return { Messages: messages.length ? messages : undefined };
    const next = Math.min(until, ...queue.messages.filter((m) => m.visibleAt > Date.now()).map((m) => m.visibleAt));
    await waitForMessages(runtime, queue.arn, next, ctx.req);
    const again = queueByArn(runtime, queue.arn);
    if (!again) throw nonExistentQueue();
    queue = again;
  }
}

function deleteOne(queue: QueueRecord, handle: string | undefined): void {
  const m = messageOfReceipt(queue, handle);
  // A handle of an earlier receive deletes nothing, and says nothing, as on AWS.
  if (m && m.receipt === handle) queue.messages = queue.messages.filter((x) => x !== m);
}

export function deleteMessage(input: Input<'DeleteMessage'>, ctx: RequestContext): Output<'DeleteMessage'> {
  deleteOne(findQueue(ctx, input.QueueUrl, 'DeleteMessage'), input.ReceiptHandle);
  return {};
}

export function deleteMessageBatch(input: Input<'DeleteMessageBatch'>, ctx: RequestContext): Output<'DeleteMessageBatch'> {
  const queue = findQueue(ctx, input.QueueUrl, 'DeleteMessage');
  return runBatch(input.Entries, batchProblem('DeleteMessageBatchRequestEntry'), (e) => {
    deleteOne(queue, e.ReceiptHandle);
    return {};
  });
}

function changeVisibility(runtime: SandboxRuntime, queue: QueueRecord, handle: string | undefined, timeout: number | undefined): void {
  if (timeout === undefined) throw missingParameter('VisibilityTimeout');
  if (timeout < 0 || timeout > 43_200) throw invalidValue('VisibilityTimeout', timeout, 'VisibilityTimeout must be an integer between 0 and 43200');
  const m = messageOfReceipt(queue, handle);
  const now = Date.now();
  if (!m || m.receipt !== handle) throw invalidValue('ReceiptHandle', handle, 'Message does not exist or is not available for visibility timeout change.');
  if (!inFlight(m, now)) throw new AwsError('AWS.SimpleQueueService.MessageNotInflight', 'Message is not in flight.');
  m.visibleAt = now + scaledMs(runtime, timeout);
  if (timeout === 0) wake(runtime, queue.arn);
}

export function changeMessageVisibility(input: Input<'ChangeMessageVisibility'>, ctx: RequestContext): Output<'ChangeMessageVisibility'> {
  changeVisibility(ctx.sandbox, findQueue(ctx, input.QueueUrl, 'ChangeMessageVisibility'), input.ReceiptHandle, input.VisibilityTimeout);
  return {};
}

export function changeMessageVisibilityBatch(input: Input<'ChangeMessageVisibilityBatch'>, ctx: RequestContext): Output<'ChangeMessageVisibilityBatch'> {
  const queue = findQueue(ctx, input.QueueUrl, 'ChangeMessageVisibility');
  return runBatch(input.Entries, batchProblem('ChangeMessageVisibilityBatchRequestEntry'), (e) => {
    changeVisibility(ctx.sandbox, queue, e.ReceiptHandle, e.VisibilityTimeout);
    return {};
  });
}
