/**
 * Resource policies that let others in: another account, or an AWS service on behalf of one of
 * its resources (S3 for a bucket, SNS for a topic), uses a queue or topic only when a statement of
 * its policy allows it, explicit Deny winning, as on AWS. The owner's account needs no statement.
 */
import { policyStatements, principalMatches, statementMatches, type ContextKeys } from './policy.js';

/** Who sends: a service principal (`sns.amazonaws.com`) on behalf of a resource, or another account. */
export interface Sender {
  service?: string;
  /** The account whose principal or resource (the topic's, the bucket's) it is. */
  accountId: string;
  /** The topic or bucket on whose behalf a service sends (aws:SourceArn). */
  sourceArn?: string;
}

/** Whether the policy of the resource `arn` (owned by `owner`) lets `sender` perform `action` (`sqs:SendMessage`, `sns:Publish`) on it. */
export function resourcePolicyAllows(policy: string | undefined, arn: string, owner: string, sender: Sender, action: string): boolean {
  if (!sender.service && sender.accountId === owner) return true;
  const keys: ContextKeys = { 'aws:SourceArn': sender.sourceArn, 'aws:SourceAccount': sender.accountId };
  // A statement that names no resource speaks of the resource whose policy it is.
  const matching = policyStatements(policy)
    .map((s) => (s.Resource === undefined && s.NotResource === undefined ? { ...s, Resource: arn } : s))
    .filter((s) => principalMatches(s.Principal, sender) && statementMatches(s, { action, resource: arn, keys }));
  return !matching.some((s) => s.Effect === 'Deny') && matching.some((s) => s.Effect === 'Allow');
}
