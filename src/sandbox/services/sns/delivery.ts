/**
 * Delivering SNS messages: e-mail goes to the sandbox outbox (one RFC 822 file per message under
 * `<state>/sns/outbox/`, read by `paws sandbox outbox` and the prompt's `outbox()`), http/https
 * subscriptions get AWS's JSON documents POSTed, only to loopback, sqs subscriptions the same
 * document (or the raw message with its attributes) in the sandbox's queue; SMS and mobile push
 * go nowhere. Links in messages (confirm,
 * unsubscribe) point at the sandbox endpoint, where those two actions work unsigned, as on AWS.
 */
import { replaceFileSync } from '../../core/durable-file.js';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AwsError, type SandboxRuntime } from '../../core/types.js';
import { sendToQueue, type OutgoingMessage } from '../sqs/index.js';
import { parseArn } from './state.js';
import type { PublishedAttribute, SubscriptionRecord } from './types.js';

export const OUTBOX = ['sns', 'outbox'];
const FROM = 'AWS Notifications <no-reply@sns.amazonaws.com>';

export function confirmUrl(runtime: SandboxRuntime, sub: SubscriptionRecord): string {
  return `${runtime.endpoint}/?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(sub.TopicArn)}&Token=${sub.token}`;
}

export function unsubscribeUrl(runtime: SandboxRuntime, sub: SubscriptionRecord): string {
  return `${runtime.endpoint}/?Action=Unsubscribe&SubscriptionArn=${encodeURIComponent(sub.SubscriptionArn)}`;
}

/** Writes one e-mail to the outbox (atomically: readers never see half a message). */
export function sendEmail(runtime: SandboxRuntime, to: string, subject: string, body: string, date = new Date()): string {
  const dir = runtime.store.filesDir(...OUTBOX);
  const id = randomUUID();
  const name = `${date.toISOString().replace(/[-:]/g, '').replace('.', '')}-${id}.eml`;
  const text = [`From: ${FROM}`, `To: ${to}`, `Date: ${date.toUTCString()}`, `Subject: ${subject}`, `Message-ID: <${id}@sns.sandbox>`, 'Content-Type: text/plain; charset=UTF-8', '', body, ''].join('\n');
  // The temp name starts with a dot: the outbox's readers skip it.
  replaceFileSync(join(dir, name), text, join(dir, `.${name}`));
  return name;
}

export interface Notification {
  messageId: string;
  subject?: string;
  /** The message for each protocol (`default` for the others), as MessageStructure=json gives it. */
  messages: Record<string, string>;
  timestamp: string;
  attributes: Record<string, PublishedAttribute>;
  /** FIFO topics. */
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
}

/** The JSON document http/https and email-json subscribers receive for a notification. */
function notificationDocument(runtime: SandboxRuntime, sub: SubscriptionRecord, n: Notification, message: string) {
  return {
    Type: 'Notification',
    MessageId: n.messageId,
    TopicArn: sub.TopicArn,
    ...(n.subject !== undefined ? { Subject: n.subject } : {}),
    Message: message,
    ...(n.sequenceNumber ? { SequenceNumber: n.sequenceNumber } : {}),
    Timestamp: n.timestamp,
    UnsubscribeURL: unsubscribeUrl(runtime, sub),
    ...(Object.keys(n.attributes).length ? { MessageAttributes: envelopeAttributes(n.attributes) } : {}),
  };
}

/** Message attributes as the JSON envelope gives them: `{"name": {"Type": "String", "Value": "v"}}`. */
function envelopeAttributes(attributes: Record<string, PublishedAttribute>) {
  return Object.fromEntries(Object.entries(attributes).map(([k, a]) => [k, { Type: a.DataType, Value: a.BinaryValue ?? a.StringValue }]));
}

function confirmationDocument(runtime: SandboxRuntime, sub: SubscriptionRecord) {
  return {
    Type: 'SubscriptionConfirmation',
    MessageId: randomUUID(),
    Token: sub.token,
    TopicArn: sub.TopicArn,
    Message: `You have chosen to subscribe to the topic ${sub.TopicArn}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: confirmUrl(runtime, sub),
    Timestamp: new Date().toISOString(),
  };
}

/** Sends the subscription confirmation request to a new (or re-subscribed) endpoint. */
export function requestConfirmation(runtime: SandboxRuntime, sub: SubscriptionRecord): void {
  if (sub.Protocol === 'email') {
    sendEmail(
      runtime,
      sub.Endpoint,
      'AWS Notification - Subscription Confirmation',
      [
        'You have chosen to subscribe to the topic: ',
        sub.TopicArn,
        '',
        'To confirm this subscription, click or visit the link below (If this was in error no action is necessary): ',
        confirmUrl(runtime, sub),
        '',
        'Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out',
      ].join('\n'),
    );
  } else if (sub.Protocol === 'email-json') {
    sendEmail(runtime, sub.Endpoint, 'AWS Notification - Subscription Confirmation', JSON.stringify(confirmationDocument(runtime, sub), null, 2));
  } else if (sub.Protocol === 'sqs') {
    toQueue(runtime, sub, { body: JSON.stringify(confirmationDocument(runtime, sub)) });
  } else if (sub.Protocol !== 'sms' && sub.Protocol !== 'application') {
    post(sub, 'SubscriptionConfirmation', confirmationDocument(runtime, sub));
  }
}

/** Delivers a notification to one confirmed subscription. */
export function deliver(runtime: SandboxRuntime, sub: SubscriptionRecord, n: Notification): void {
  const message = n.messages[sub.Protocol] ?? n.messages.default;
  const raw = sub.attributes.RawMessageDelivery === 'true';
  if (sub.Protocol === 'email') {
    const footer = `\n\n--\nIf you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:\n${unsubscribeUrl(runtime, sub)}\n\nPlease do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support`;
    sendEmail(runtime, sub.Endpoint, n.subject ?? 'AWS Notification Message', message + footer);
  } else if (sub.Protocol === 'email-json') {
    sendEmail(runtime, sub.Endpoint, n.subject ?? 'AWS Notification Message', JSON.stringify(notificationDocument(runtime, sub, n, message), null, 2));
  } else if (sub.Protocol === 'sqs') {
    const body = raw ? message : JSON.stringify(notificationDocument(runtime, sub, n, message));
    const sent = toQueue(runtime, sub, { body, attributes: raw ? n.attributes : undefined, groupId: n.groupId, dedupId: n.dedupId });
    // What SNS could not deliver goes to the subscription's dead-letter queue, when it has one.
    const redrive = sub.attributes.RedrivePolicy ? (JSON.parse(sub.attributes.RedrivePolicy) as { deadLetterTargetArn: string }) : undefined;
    if (!sent && redrive) toQueue(runtime, { ...sub, Endpoint: redrive.deadLetterTargetArn }, { body, groupId: n.groupId, dedupId: n.dedupId });
  } else if (sub.Protocol !== 'sms' && sub.Protocol !== 'application') {
    post(sub, 'Notification', raw ? message : notificationDocument(runtime, sub, n, message), n.messageId);
  }
}

/**
 * Sends to the subscription's queue as SNS's service principal on behalf of the topic, so the
 * queue's policy decides, as on AWS. A queue that is gone or refuses drops the message (false).
 */
function toQueue(runtime: SandboxRuntime, sub: SubscriptionRecord, message: OutgoingMessage): boolean {
  const { accountId } = parseArn(sub.TopicArn, 'TopicArn');
  try {
    sendToQueue(runtime, sub.Endpoint, message, { service: 'sns.amazonaws.com', accountId, sourceArn: sub.TopicArn });
    return true;
  } catch (err) {
    if (err instanceof AwsError) return false;
    throw err;
  }
}

/**
 * POSTs to an http/https subscriber, retrying a few times as SNS does; failures are dropped. SNS
 * never follows a redirect: a 3xx is a failed delivery (retried like a 5xx), so a loopback endpoint
 * cannot bounce a message to an address Subscribe would refuse.
 */
function post(sub: SubscriptionRecord, type: string, doc: unknown, messageId?: string): void {
  const body = typeof doc === 'string' ? doc : JSON.stringify(doc);
  const headers: Record<string, string> = {
    'content-type': 'text/plain; charset=UTF-8',
    'x-amz-sns-message-type': type,
    'x-amz-sns-topic-arn': sub.TopicArn,
    'user-agent': 'Amazon Simple Notification Service Agent',
  };
  if (messageId) headers['x-amz-sns-message-id'] = messageId;
  if (type === 'Notification') headers['x-amz-sns-subscription-arn'] = sub.SubscriptionArn;
  const attempt = async (n: number): Promise<void> => {
    try {
      const res = await fetch(sub.Endpoint, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      const failed = res.status >= 500 || (res.status >= 300 && res.status < 400);
      if (failed && n < 3) return attempt(n + 1);
    } catch {
      if (n < 3) {
        await new Promise((r) => setTimeout(r, 200 * n).unref());
        return attempt(n + 1);
      }
    }
  };
  void attempt(1);
}

/** Only loopback http(s) endpoints: the sandbox must never reach beyond this machine. */
export function isLoopbackUrl(endpoint: string): boolean {
  try {
    const u = new URL(endpoint);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    const host = u.hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
