/**
 * A queue's access policy and redrive policy: checked when set, and the policy honoured when another
 * account or an AWS service (SNS, S3) sends to the queue — which SQS allows only when a statement
 * of the queue's policy does, explicit Deny winning (the queue's own account needs none).
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { list, statementMatches, type ContextKeys, type Statement } from '../../core/policy.js';
import { invalidValue, isFifo, queueByArn } from './state.js';
import type { QueueRecord } from './types.js';

/** Who sends: a service principal (`sns.amazonaws.com`) on behalf of a resource, or another account. */
export interface Sender {
  service?: string;
  /** The account whose principal or resource (the topic's, the bucket's) it is. */
  accountId: string;
  /** The topic or bucket on whose behalf a service sends (aws:SourceArn). */
  sourceArn?: string;
}

function statements(policy: string): Statement[] {
  const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  return doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
}

export function checkPolicy(policy: string): void {
  if (policy === '') return;
  try {
    const all = statements(policy);
    if (!all.every((s) => (s.Effect === 'Allow' || s.Effect === 'Deny') && (s.Action !== undefined || s.NotAction !== undefined))) throw new Error();
  } catch {
    throw new AwsError('InvalidAttributeValue', 'Invalid value for the parameter Policy.');
  }
}

function principalMatches(principal: unknown, sender: Sender): boolean {
  if (principal === '*') return true;
  const p = (principal ?? {}) as { AWS?: unknown; Service?: unknown };
  if (sender.service) return list(p.Service).includes(sender.service) || list(p.AWS).includes('*');
  return list(p.AWS).some((a) => a === '*' || a === sender.accountId || a === `arn:aws:iam::${sender.accountId}:root`);
}

/** Whether the queue's policy lets `sender` perform `action` (`sqs:SendMessage`) on it. */
export function queueAllows(queue: QueueRecord, sender: Sender, action: string): boolean {
  if (!sender.service && sender.accountId === queue.accountId) return true;
  const keys: ContextKeys = { 'aws:SourceArn': sender.sourceArn, 'aws:SourceAccount': sender.accountId };
  const matching = queue.attributes.Policy ? statements(queue.attributes.Policy).filter((s) => principalMatches(s.Principal, sender) && statementMatches(s, { action, resource: queue.arn, keys })) : [];
  return !matching.some((s) => s.Effect === 'Deny') && matching.some((s) => s.Effect === 'Allow');
}

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

export function redrivePolicyOf(queue: QueueRecord): RedrivePolicy | undefined {
  return queue.attributes.RedrivePolicy ? (JSON.parse(queue.attributes.RedrivePolicy) as RedrivePolicy) : undefined;
}

/** A redrive policy names an existing dead-letter queue of the same kind, and 1 to 1000 receives. */
export function checkRedrivePolicy(ctx: RequestContext, value: string, fifo: boolean): void {
  let policy: Partial<RedrivePolicy>;
  try {
    policy = JSON.parse(value) as Partial<RedrivePolicy>;
  } catch {
    throw invalidValue('RedrivePolicy', value, 'Invalid JSON.');
  }
  const count = Number(policy.maxReceiveCount);
  if (!policy.deadLetterTargetArn || !Number.isInteger(count)) throw invalidValue('RedrivePolicy', value, 'Redrive policy is not a valid JSON map with deadLetterTargetArn and maxReceiveCount.');
  if (count < 1 || count > 1000) throw invalidValue('RedrivePolicy', value, 'Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive.'.replace('0', String(count)));
  const target = queueByArn(ctx.sandbox, policy.deadLetterTargetArn);
  if (!target) throw invalidValue('RedrivePolicy', value, 'Dead letter target does not exist.');
  if (isFifo(target) !== fifo) throw invalidValue('RedrivePolicy', value, `Dead-letter queue must be same type of queue as the source.`);
}
