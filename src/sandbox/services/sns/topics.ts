/** Topics: CreateTopic, DeleteTopic, ListTopics, Get/SetTopicAttributes, tags. */
import { AwsError, type RequestContext } from '../../core/types.js';
import { findTopic, invalidParameter, parseArn, regionState } from './state.js';
import type { Input, Output, SnsState, TopicRecord } from './types.js';

const PAGE = 100;
const SETTABLE = new Set(['DisplayName', 'Policy', 'DeliveryPolicy', 'KmsMasterKeyId', 'SignatureVersion', 'TracingConfig', 'ArchivePolicy', 'ContentBasedDeduplication', 'FifoThroughputScope']);
/** Attributes of FIFO topics alone. */
const FIFO_ONLY = new Set(['ContentBasedDeduplication', 'FifoThroughputScope', 'ArchivePolicy']);

function defaultPolicy(arn: string, accountId: string): string {
  return JSON.stringify({
    Version: '2008-10-17',
    Id: '__default_policy_ID',
    Statement: [
      {
        Sid: '__default_statement_ID',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic', 'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
        Resource: arn,
        Condition: { StringEquals: { 'AWS:SourceOwner': accountId } },
      },
    ],
  });
}

export function createTopic(input: Input<'CreateTopic'>, ctx: RequestContext): Output<'CreateTopic'> {
  const name = input.Name ?? '';
  const fifo = input.Attributes?.FifoTopic === 'true';
  if (!/^[A-Za-z0-9_-]{1,256}$/.test(fifo ? name.replace(/\.fifo$/, '') : name) || (fifo && !name.endsWith('.fifo'))) {
    throw invalidParameter('Topic Name');
  }
  const state = regionState(ctx);
  const arn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
  const existing = state.topics[arn];
  if (existing) {
    // Idempotent, unless the attributes differ.
    for (const [k, v] of Object.entries(input.Attributes ?? {})) {
      if (existing.attributes[k] !== v) throw invalidParameter('Attributes Reason: Topic already exists with different attributes');
    }
    return { TopicArn: arn };
  }
  for (const k of Object.keys(input.Attributes ?? {})) {
    if (!SETTABLE.has(k) && k !== 'FifoTopic') throw invalidParameter(`Attributes Reason: Unknown attribute ${k}`);
    if (FIFO_ONLY.has(k) && !fifo) throw invalidParameter(`Attributes Reason: ${k} is only valid for FIFO topics`);
  }
  state.topics[arn] = {
    TopicArn: arn,
    Name: name,
    attributes: { Policy: defaultPolicy(arn, ctx.accountId), ...input.Attributes },
    tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
    subscriptionsDeleted: 0,
  };
  return { TopicArn: arn };
}

/** Idempotent, as AWS documents: a topic that does not exist (any longer) is no error. */
export function deleteTopic(input: Input<'DeleteTopic'>, ctx: RequestContext): Output<'DeleteTopic'> {
  const state = regionState(ctx);
  parseArn(input.TopicArn, 'TopicArn');
  const topic = state.topics[input.TopicArn!];
  if (!topic) return {};
  for (const sub of Object.values(state.subscriptions)) if (sub.TopicArn === topic.TopicArn) delete state.subscriptions[sub.SubscriptionArn];
  delete state.topics[topic.TopicArn];
  return {};
}

export function page<T>(items: T[], token: string | undefined, size = PAGE): { items: T[]; next?: string } {
  const from = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw invalidParameter('NextToken');
  return { items: items.slice(from, from + size), next: from + size < items.length ? Buffer.from(String(from + size)).toString('base64url') : undefined };
}

export function listTopics(input: Input<'ListTopics'>, ctx: RequestContext): Output<'ListTopics'> {
  const arns = Object.keys(regionState(ctx).topics).sort();
  const { items, next } = page(arns, input.NextToken);
  return { Topics: items.map((TopicArn) => ({ TopicArn })), NextToken: next };
}

function counts(state: SnsState, topic: TopicRecord) {
  const subs = Object.values(state.subscriptions).filter((s) => s.TopicArn === topic.TopicArn);
  return {
    SubscriptionsConfirmed: String(subs.filter((s) => s.confirmed).length),
    SubscriptionsPending: String(subs.filter((s) => !s.confirmed).length),
    SubscriptionsDeleted: String(topic.subscriptionsDeleted),
  };
}

export function getTopicAttributes(input: Input<'GetTopicAttributes'>, ctx: RequestContext): Output<'GetTopicAttributes'> {
  const state = regionState(ctx);
  const topic = findTopic(state, input.TopicArn);
  return {
    Attributes: {
      TopicArn: topic.TopicArn,
      Owner: ctx.accountId,
      DisplayName: '',
      EffectiveDeliveryPolicy: JSON.stringify({ http: { defaultHealthyRetryPolicy: { minDelayTarget: 20, maxDelayTarget: 20, numRetries: 3, numMaxDelayRetries: 0, numNoDelayRetries: 0, numMinDelayRetries: 0, backoffFunction: 'linear' }, disableSubscriptionOverrides: false, defaultRequestPolicy: { headerContentType: 'text/plain; charset=UTF-8' } } }),
      ...topic.attributes,
      ...counts(state, topic),
    },
  };
}

export function setTopicAttributes(input: Input<'SetTopicAttributes'>, ctx: RequestContext): Output<'SetTopicAttributes'> {
  const topic = findTopic(regionState(ctx), input.TopicArn);
  const name = input.AttributeName ?? '';
  if (!SETTABLE.has(name) || (FIFO_ONLY.has(name) && topic.attributes.FifoTopic !== 'true')) throw invalidParameter('AttributeName');
  if (name === 'Policy' || name === 'DeliveryPolicy') {
    try {
      JSON.parse(input.AttributeValue ?? '');
    } catch {
      throw invalidParameter(`${name}: failed to parse JSON`);
    }
  }
  topic.attributes[name] = input.AttributeValue ?? '';
  return {};
}

export function tagResource(input: Input<'TagResource'>, ctx: RequestContext): Output<'TagResource'> {
  const topic = findTopicForTags(input.ResourceArn, ctx);
  for (const t of input.Tags ?? []) topic.tags[t.Key ?? ''] = t.Value ?? '';
  return {};
}

export function untagResource(input: Input<'UntagResource'>, ctx: RequestContext): Output<'UntagResource'> {
  const topic = findTopicForTags(input.ResourceArn, ctx);
  for (const k of input.TagKeys ?? []) delete topic.tags[k];
  return {};
}

export function listTagsForResource(input: Input<'ListTagsForResource'>, ctx: RequestContext): Output<'ListTagsForResource'> {
  const topic = findTopicForTags(input.ResourceArn, ctx);
  return { Tags: Object.entries(topic.tags).map(([Key, Value]) => ({ Key, Value })) };
}

function findTopicForTags(arn: string | undefined, ctx: RequestContext): TopicRecord {
  const topic = regionState(ctx).topics[arn ?? ''];
  if (!topic) throw new AwsError('ResourceNotFound', 'Resource does not exist', 404);
  return topic;
}
