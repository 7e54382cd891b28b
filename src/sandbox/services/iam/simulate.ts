/**
 * Policy simulation: SimulatePrincipalPolicy (a user's, group's or role's policies, plus any
 * given) and SimulateCustomPolicy (only the given ones), decided by the very evaluation that
 * enforces requests (./authorize.ts), with the context entries as condition keys.
 */
import type { ContextEntry, EvaluationResult } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import type { ContextKeys } from '../../core/policy.js';
import { documentsOf, nameInArn, userDocuments, weigh } from './authorize.js';
import { findGroup, findRole, findUser, iamState, paged } from './state.js';
import type { Input, Output } from './types.js';

const DECISIONS = { Allow: 'allowed', ExplicitDeny: 'explicitDeny', ImplicitDeny: 'implicitDeny' } as const;

function contextKeys(entries: ContextEntry[] | undefined): ContextKeys {
  return Object.fromEntries((entries ?? []).map((e) => [e.ContextKeyName ?? '', e.ContextKeyType?.endsWith('List') ? (e.ContextKeyValues ?? []) : e.ContextKeyValues?.[0]]));
}

function simulate(documents: string[], input: { ActionNames?: string[]; ResourceArns?: string[]; ContextEntries?: ContextEntry[]; Marker?: string; MaxItems?: number }, extraKeys: ContextKeys = {}) {
  if (!input.ActionNames?.length) throw new AwsError('InvalidInput', 'ActionNames must name at least one action.');
  const keys = { ...extraKeys, ...contextKeys(input.ContextEntries) };
  const resources = input.ResourceArns?.length ? input.ResourceArns : ['*'];
  const results = input.ActionNames.flatMap((action) =>
    resources.map((resource): Wire<EvaluationResult> => ({ EvalActionName: action, EvalResourceName: resource, EvalDecision: DECISIONS[weigh(documents, undefined, { action, resource, keys }).decision] })),
  );
  return paged(results, input, 'EvaluationResults');
}

export function simulatePrincipalPolicy(input: Input<'SimulatePrincipalPolicy'>, ctx: RequestContext): Output<'SimulatePrincipalPolicy'> {
  const state = iamState(ctx);
  const arn = input.PolicySourceArn ?? '';
  const kind = /^arn:aws:iam::\d{12}:(user|group|role)\//.exec(arn)?.[1];
  const name = nameInArn(arn);
  const own =
    kind === 'user' ? userDocuments(state, findUser(state, name)) : kind === 'group' ? documentsOf(state, findGroup(state, name)) : kind === 'role' ? documentsOf(state, findRole(state, name)) : undefined;
  if (!own) throw new AwsError('InvalidInput', `Invalid ARN: ${arn}. PolicySourceArn must be the ARN of a user, group or role.`);
  const principal = kind === 'group' ? {} : { 'aws:PrincipalArn': arn, 'aws:PrincipalAccount': ctx.accountId, 'aws:username': kind === 'user' ? name : undefined };
  return simulate([...own, ...(input.PolicyInputList ?? [])], input, principal);
}

export function simulateCustomPolicy(input: Input<'SimulateCustomPolicy'>, _ctx: RequestContext): Output<'SimulateCustomPolicy'> {
  return simulate(input.PolicyInputList ?? [], input);
}
