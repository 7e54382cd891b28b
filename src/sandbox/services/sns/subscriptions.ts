/** Subscriptions: Subscribe, ConfirmSubscription, Unsubscribe, listing and attributes. */
import type { Subscription } from '@aws-sdk/client-sns';
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { isLoopbackUrl, requestConfirmation } from './delivery.js';
import { checkFilterPolicy } from './filter-policy.js';
import { findEndpoint } from './platform.js';
import { PHONE_NUMBER } from './sms.js';
import { findTopic, invalidParameter, parseArn, regionState, stateOf } from './state.js';
import { page } from './topics.js';
import type { Input, Output, SnsState, SubscriptionRecord } from './types.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SUB_ATTRIBUTES = new Set(['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'DeliveryPolicy', 'RedrivePolicy']);
const RAW_PROTOCOLS = new Set(['sqs', 'http', 'https', 'firehose']);

/** The state a topic or subscription ARN lives in: links in e-mails are followed unsigned. */
function stateForArn(ctx: RequestContext, arn: string | undefined, param: string): SnsState {
  const { accountId, region } = parseArn(arn, param);
  return stateOf(ctx.sandbox, accountId, region);
}

function checkEndpoint(state: SnsState, protocol: string, endpoint: string): void {
  switch (protocol) {
    case 'email':
    case 'email-json':
      if (!EMAIL.test(endpoint)) throw invalidParameter('Email address');
      return;
    case 'http':
    case 'https':
      if (!endpoint.startsWith(`${protocol}://`)) throw invalidParameter(`Endpoint must match the specified protocol`);
      if (!isLoopbackUrl(endpoint)) throw invalidParameter('Endpoint Reason: the paws sandbox delivers http/https notifications only to loopback addresses (127.0.0.1, ::1, localhost)');
      return;
    case 'sqs':
      if (!/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/.test(endpoint)) throw invalidParameter('SQS endpoint ARN');
      return;
    case 'application':
      findEndpoint(state, endpoint);
      return;
    case 'sms':
      if (!PHONE_NUMBER.test(endpoint)) throw invalidParameter('SMS endpoint');
      return;
    default:
      throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol} (the paws sandbox delivers email, email-json, http, https and sqs, and accepts sms and application)`);
  }
}

/** Checks one subscription attribute as Subscribe and SetSubscriptionAttributes take it. */
function checkAttribute(name: string, value: string, protocol: string, attributes: Record<string, string>): void {
  if (!SUB_ATTRIBUTES.has(name)) throw invalidParameter('AttributeName');
  switch (name) {
    case 'RawMessageDelivery':
      if (value !== 'true' && value !== 'false') throw invalidParameter('RawMessageDelivery: Invalid value [' + value + ']. Must be true or false.');
      if (!RAW_PROTOCOLS.has(protocol)) throw invalidParameter(`Delivery protocol [${protocol}] does not support raw message delivery.`);
      return;
    case 'FilterPolicyScope':
      if (value !== 'MessageAttributes' && value !== 'MessageBody') throw invalidParameter('FilterPolicyScope: Invalid filter policy scope: ' + value);
      if (attributes.FilterPolicy) checkFilterPolicy(attributes.FilterPolicy, value);
      return;
    case 'FilterPolicy':
      if (value !== '') checkFilterPolicy(value, attributes.FilterPolicyScope);
      return;
    case 'RedrivePolicy':
      checkRedrivePolicy(value);
      return;
    case 'DeliveryPolicy':
      try {
        JSON.parse(value);
      } catch {
        throw invalidParameter('DeliveryPolicy: failed to parse JSON');
      }
  }
}

/** A subscription's dead-letter queue: `{"deadLetterTargetArn": "arn:aws:sqs:…"}`. */
function checkRedrivePolicy(value: string): void {
  if (value === '') return;
  let policy: { deadLetterTargetArn?: unknown };
  try {
    policy = JSON.parse(value) as { deadLetterTargetArn?: unknown };
  } catch {
    throw invalidParameter('RedrivePolicy: failed to parse JSON');
  }
  if (typeof policy.deadLetterTargetArn !== 'string') throw invalidParameter('RedrivePolicy: deadLetterTargetArn is missing');
  if (!/^arn:aws:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]{1,80}$/.test(policy.deadLetterTargetArn)) throw invalidParameter('RedrivePolicy: deadLetterTargetArn is an invalid arn');
}

export function subscribe(input: Input<'Subscribe'>, ctx: RequestContext): Output<'Subscribe'> {
  const state = regionState(ctx);
  const topic = findTopic(state, input.TopicArn);
  const protocol = (input.Protocol ?? '').toLowerCase();
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(state, protocol, endpoint);
  if (topic.attributes.FifoTopic === 'true' && protocol !== 'sqs') throw invalidParameter(`Invalid protocol type: ${protocol}`);
  const given = { ...input.Attributes };
  for (const [k, v] of Object.entries(given)) {
    if (!SUB_ATTRIBUTES.has(k)) throw invalidParameter(`Attributes Reason: Unknown attribute ${k}`);
    checkAttribute(k, v, protocol, given);
  }
  let sub = Object.values(state.subscriptions).find((s) => s.TopicArn === topic.TopicArn && s.Protocol === protocol && s.Endpoint === endpoint);
  if (!sub) {
    const arn = `${topic.TopicArn}:${randomUUID()}`;
    // A queue of the subscriber's own account, a phone and a mobile endpoint need no confirmation.
    const confirmed = protocol === 'sms' || protocol === 'application' || (protocol === 'sqs' && endpoint.split(':')[4] === ctx.accountId);
    sub = { SubscriptionArn: arn, TopicArn: topic.TopicArn, Protocol: protocol, Endpoint: endpoint, Owner: ctx.accountId, confirmed, token: randomBytes(64).toString('hex'), attributes: given };
    state.subscriptions[arn] = sub;
  } else if (Object.entries(given).some(([k, v]) => sub!.attributes[k] !== v)) {
    // Idempotent, unless the attributes differ.
    throw invalidParameter('Attributes Reason: Subscription already exists with different attributes');
  }
  if (!sub.confirmed) requestConfirmation(ctx.sandbox, sub);
  return { SubscriptionArn: sub.confirmed || input.ReturnSubscriptionArn ? sub.SubscriptionArn : 'pending confirmation' };
}

export function confirmSubscription(input: Input<'ConfirmSubscription'>, ctx: RequestContext): Output<'ConfirmSubscription'> {
  const state = stateForArn(ctx, input.TopicArn, 'TopicArn');
  findTopic(state, input.TopicArn);
  const sub = Object.values(state.subscriptions).find((s) => s.TopicArn === input.TopicArn && s.token === input.Token);
  if (!sub) throw invalidParameter('Token');
  sub.confirmed = true;
  if (input.AuthenticateOnUnsubscribe === 'true') sub.attributes.ConfirmationWasAuthenticated = 'true';
  ctx.sandbox.store.markDirty('sns');
  return { SubscriptionArn: sub.SubscriptionArn };
}

export function unsubscribe(input: Input<'Unsubscribe'>, ctx: RequestContext): Output<'Unsubscribe'> {
  const state = stateForArn(ctx, input.SubscriptionArn, 'SubscriptionArn');
  const sub = state.subscriptions[input.SubscriptionArn ?? ''];
  if (!sub) throw new AwsError('NotFound', 'Subscription does not exist', 404);
  if (!ctx.principal && sub.attributes.ConfirmationWasAuthenticated === 'true') {
    throw new AwsError('AuthorizationError', 'Unsubscribe requires authentication for this subscription', 403);
  }
  delete state.subscriptions[sub.SubscriptionArn];
  const topic = state.topics[sub.TopicArn];
  if (topic) topic.subscriptionsDeleted++;
  ctx.sandbox.store.markDirty('sns');
  return {};
}

function listed(s: SubscriptionRecord): Wire<Subscription> {
  return { SubscriptionArn: s.confirmed ? s.SubscriptionArn : 'PendingConfirmation', Owner: s.Owner, Protocol: s.Protocol, Endpoint: s.Endpoint, TopicArn: s.TopicArn };
}

export function listSubscriptions(input: Input<'ListSubscriptions'>, ctx: RequestContext): Output<'ListSubscriptions'> {
  const { items, next } = page(Object.values(regionState(ctx).subscriptions), input.NextToken);
  return { Subscriptions: items.map(listed), NextToken: next };
}

export function listSubscriptionsByTopic(input: Input<'ListSubscriptionsByTopic'>, ctx: RequestContext): Output<'ListSubscriptionsByTopic'> {
  const state = regionState(ctx);
  const topic = findTopic(state, input.TopicArn);
  const { items, next } = page(Object.values(state.subscriptions).filter((s) => s.TopicArn === topic.TopicArn), input.NextToken);
  return { Subscriptions: items.map(listed), NextToken: next };
}

function findSubscription(ctx: RequestContext, arn: string | undefined): SubscriptionRecord {
  if (arn === 'PendingConfirmation' || arn === 'pending confirmation') throw invalidParameter('SubscriptionArn');
  const sub = regionState(ctx).subscriptions[arn ?? ''];
  if (!sub) throw new AwsError('NotFound', 'Subscription does not exist', 404);
  return sub;
}

export function getSubscriptionAttributes(input: Input<'GetSubscriptionAttributes'>, ctx: RequestContext): Output<'GetSubscriptionAttributes'> {
  const s = findSubscription(ctx, input.SubscriptionArn);
  return {
    Attributes: {
      SubscriptionArn: s.SubscriptionArn,
      TopicArn: s.TopicArn,
      Owner: s.Owner,
      Protocol: s.Protocol,
      Endpoint: s.Endpoint,
      PendingConfirmation: String(!s.confirmed),
      ConfirmationWasAuthenticated: s.attributes.ConfirmationWasAuthenticated ?? 'false',
      RawMessageDelivery: 'false',
      SubscriptionPrincipal: `arn:aws:iam::${s.Owner}:root`,
      ...s.attributes,
    },
  };
}

export function setSubscriptionAttributes(input: Input<'SetSubscriptionAttributes'>, ctx: RequestContext): Output<'SetSubscriptionAttributes'> {
  const s = findSubscription(ctx, input.SubscriptionArn);
  const name = input.AttributeName ?? '';
  const value = input.AttributeValue ?? '';
  checkAttribute(name, value, s.Protocol, { ...s.attributes, [name]: value });
  // An empty filter or redrive policy removes it.
  if (value === '' && (name === 'FilterPolicy' || name === 'RedrivePolicy')) delete s.attributes[name];
  else s.attributes[name] = value;
  return {};
}
