/** Subscriptions: Subscribe, ConfirmSubscription, Unsubscribe, listing and attributes. */
import type { Subscription } from '@aws-sdk/client-sns';
import { randomBytes, randomUUID } from 'node:crypto';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { isLoopbackUrl, requestConfirmation } from './delivery.js';
import { findTopic, invalidParameter, parseArn, regionState, stateOf } from './state.js';
import { page } from './topics.js';
import type { Input, Output, SnsState, SubscriptionRecord } from './types.js';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const SUB_ATTRIBUTES = new Set(['RawMessageDelivery', 'FilterPolicy', 'FilterPolicyScope', 'DeliveryPolicy', 'RedrivePolicy']);

/** The state a topic or subscription ARN lives in: links in e-mails are followed unsigned. */
function stateForArn(ctx: RequestContext, arn: string | undefined, param: string): SnsState {
  const { accountId, region } = parseArn(arn, param);
  return stateOf(ctx.sandbox, accountId, region);
}

function checkEndpoint(protocol: string, endpoint: string): void {
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
    default:
      throw invalidParameter(`Amazon SNS does not support this protocol string: ${protocol} (the paws sandbox delivers email, email-json, http and https)`);
  }
}

export function subscribe(input: Input<'Subscribe'>, ctx: RequestContext): Output<'Subscribe'> {
  const state = regionState(ctx);
  const topic = findTopic(state, input.TopicArn);
  const protocol = (input.Protocol ?? '').toLowerCase();
  const endpoint = input.Endpoint ?? '';
  checkEndpoint(protocol, endpoint);
  for (const k of Object.keys(input.Attributes ?? {})) if (!SUB_ATTRIBUTES.has(k)) throw invalidParameter(`Attributes Reason: Unknown attribute ${k}`);
  let sub = Object.values(state.subscriptions).find((s) => s.TopicArn === topic.TopicArn && s.Protocol === protocol && s.Endpoint === endpoint);
  if (!sub) {
    const arn = `${topic.TopicArn}:${randomUUID()}`;
    sub = { SubscriptionArn: arn, TopicArn: topic.TopicArn, Protocol: protocol, Endpoint: endpoint, Owner: ctx.accountId, confirmed: false, token: randomBytes(64).toString('hex'), attributes: { ...input.Attributes } };
    state.subscriptions[arn] = sub;
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
  if (!SUB_ATTRIBUTES.has(input.AttributeName ?? '')) throw invalidParameter('AttributeName');
  s.attributes[input.AttributeName!] = input.AttributeValue ?? '';
  return {};
}
