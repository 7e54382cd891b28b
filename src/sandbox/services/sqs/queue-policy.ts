/**
 * A queue's access policy (checked when set; AddPermission and RemovePermission edit it; ./access.ts
 * honours it) and its redrive policy (a dead-letter queue of the same kind that exists).
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { policyStatements, type Statement } from '../../core/policy.js';
import { findQueue, invalidValue, isFifo, missingParameter, queueByArn } from './state.js';
import type { Input, Output, QueueRecord } from './types.js';

export function checkPolicy(policy: string): void {
  if (policy === '') return;
  try {
    const all = policyStatements(policy);
    if (!all.every((s) => (s.Effect === 'Allow' || s.Effect === 'Deny') && (s.Action !== undefined || s.NotAction !== undefined))) throw new Error();
  } catch {
    throw new AwsError('InvalidAttributeValue', 'Invalid value for the parameter Policy.');
  }
}

interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: Statement[];
}

function documentOf(queue: QueueRecord): PolicyDocument {
  return queue.attributes.Policy ? { ...(JSON.parse(queue.attributes.Policy) as PolicyDocument), Statement: policyStatements(queue.attributes.Policy) } : { Version: '2012-10-17', Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
}

/** AddPermission: a statement labelled `Label` letting the accounts perform the actions (`SendMessage`) on the queue. */
export function addPermission(input: Input<'AddPermission'>, ctx: RequestContext): Output<'AddPermission'> {
  const queue = findQueue(ctx, input.QueueUrl, 'AddPermission');
  if (!input.Label || !/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) throw invalidValue('Label', input.Label, 'Label must be 1 to 80 alphanumeric characters, hyphens or underscores.');
  if (!input.AWSAccountIds?.length) throw missingParameter('AWSAccountId');
  if (!input.Actions?.length) throw missingParameter('ActionName');
  const doc = documentOf(queue);
  if (doc.Statement.some((s) => s.Sid === input.Label)) throw invalidValue('Label', input.Label, 'Already exists.');
  doc.Statement.push({
    Sid: input.Label,
    Effect: 'Allow',
    Principal: { AWS: input.AWSAccountIds.map((id) => `arn:aws:iam::${id}:root`) },
    Action: input.Actions.map((a) => `SQS:${a}`),
    Resource: queue.arn,
  });
  queue.attributes.Policy = JSON.stringify(doc);
  return {};
}

export function removePermission(input: Input<'RemovePermission'>, ctx: RequestContext): Output<'RemovePermission'> {
  const queue = findQueue(ctx, input.QueueUrl, 'RemovePermission');
  const doc = documentOf(queue);
  const kept = doc.Statement.filter((s) => s.Sid !== input.Label);
  if (kept.length === doc.Statement.length) throw invalidValue('Label', input.Label, "can't find label on existing policy.");
  if (kept.length) queue.attributes.Policy = JSON.stringify({ ...doc, Statement: kept });
  else delete queue.attributes.Policy;
  return {};
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
  if (count < 1 || count > 1000) throw invalidValue('RedrivePolicy', value, `Invalid value for maxReceiveCount: ${count}, valid values are from 1 to 1000 both inclusive.`);
  const target = queueByArn(ctx.sandbox, policy.deadLetterTargetArn);
  if (!target) throw invalidValue('RedrivePolicy', value, 'Dead letter target does not exist.');
  if (isFifo(target) !== fifo) throw invalidValue('RedrivePolicy', value, `Dead-letter queue must be same type of queue as the source.`);
}
