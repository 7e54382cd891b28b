/**
 * Receiving: ReceiveMessage (long polling), DeleteMessage and ChangeMessageVisibility with their
 * batch forms; visibility timeouts, retention, FIFO groups one receiver at a time, and dead-letter
 * queues (a message received maxReceiveCount times moves on its next receive).
 */
import type { Message } from '@aws-sdk/client-sqs';
import { randomBytes } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime, type Wire } from '../../core/types.js';
import { runBatch } from '../../core/batch.js';
import { md5OfAttributes } from './md5.js';
import { numberAttribute } from './attributes.js';
import { redrivePolicyOf } from './queue-policy.js';
import { batchProblem, findQueue, invalidValue, isFifo, missingParameter, nonExistentQueue, queueByArn, scaledMs } from './state.js';
import type { Input, MessageRecord, Output, QueueRecord } from './types.js';
import { waitForMessages, wake } from './waiters.js';

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
