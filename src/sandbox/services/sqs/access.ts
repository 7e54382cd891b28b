/**
 * Who may use a queue besides its own account: another account or an AWS service (SNS, S3) sends
 * to it only when a statement of the queue's policy allows it, explicit Deny winning, as on AWS.
 */
import { list, statementMatches, type ContextKeys, type Statement } from '../../core/policy.js';
import type { QueueRecord } from './types.js';

/** Who sends: a service principal (`sns.amazonaws.com`) on behalf of a resource, or another account. */
export interface Sender {
  service?: string;
  /** The account whose principal or resource (the topic's, the bucket's) it is. */
  accountId: string;
  /** The topic or bucket on whose behalf a service sends (aws:SourceArn). */
  sourceArn?: string;
}

export function statements(policy: string): Statement[] {
  const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  return doc.Statement === undefined ? [] : Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement];
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
  // A statement that names no resource speaks of the queue whose policy it is.
  const matching = statements(queue.attributes.Policy ?? '{}')
    .map((s) => (s.Resource === undefined && s.NotResource === undefined ? { ...s, Resource: queue.arn } : s))
    .filter((s) => principalMatches(s.Principal, sender) && statementMatches(s, { action, resource: queue.arn, keys }));
  return !matching.some((s) => s.Effect === 'Deny') && matching.some((s) => s.Effect === 'Allow');
}
