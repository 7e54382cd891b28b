/** Publish: to every confirmed subscription of a topic, in the shape each protocol receives. */
import { randomUUID } from 'node:crypto';
import type { RequestContext, SandboxRuntime } from '../../core/types.js';
import { deliver, type Notification } from './delivery.js';
import { findTopic, invalidParameter, parseArn, regionState, stateOf } from './state.js';
import type { Input, Output } from './types.js';

const MAX_BYTES = 256 * 1024;

export interface PublishRequest {
  message: string;
  subject?: string;
  /** 'json': `message` is a JSON object of per-protocol messages with a `default`. */
  structure?: string;
}

/** Publishes to a topic of an account/region (also used by CloudWatch alarm actions); returns the message id. */
export function publishTo(runtime: SandboxRuntime, topicArn: string, request: PublishRequest): string {
  const { accountId, region } = parseArn(topicArn, 'TopicArn');
  const state = stateOf(runtime, accountId, region);
  const topic = findTopic(state, topicArn);
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
  const n: Notification = { messageId: randomUUID(), subject, messages, timestamp: new Date().toISOString() };
  for (const sub of Object.values(state.subscriptions)) if (sub.TopicArn === topic.TopicArn && sub.confirmed) deliver(runtime, sub, n);
  return n.messageId;
}

export function publish(input: Input<'Publish'>, ctx: RequestContext): Output<'Publish'> {
  if (input.PhoneNumber) throw invalidParameter('PhoneNumber Reason: the paws sandbox does not send SMS');
  const arn = input.TopicArn ?? input.TargetArn;
  if (!arn) throw invalidParameter('TopicArn or TargetArn Reason: no value for required parameter');
  findTopic(regionState(ctx), arn);
  return { MessageId: publishTo(ctx.sandbox, arn, { message: input.Message ?? '', subject: input.Subject, structure: input.MessageStructure }) };
}
