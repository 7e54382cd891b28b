/**
 * Policies: users' inline policies and customer managed policies (plus a few AWS managed ones),
 * attached to users. Documents come back URL-encoded, as IAM's query API returns them.
 */
import type { AttachedPolicy, Policy } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { AWS_MANAGED } from './managed.js';
import { parsePolicy } from './policy.js';
import { checkName, findUser, iamState, newId, noSuchEntity, now } from './state.js';
import { paged } from './users.js';
import type { IamState, Input, ManagedPolicyRecord, Output } from './types.js';

export function putUserPolicy(input: Input<'PutUserPolicy'>, ctx: RequestContext): Output<'PutUserPolicy'> {
  const user = findUser(iamState(ctx), input.UserName);
  const name = checkName(input.PolicyName, 'policyName');
  parsePolicy(input.PolicyDocument);
  user.inlinePolicies[name] = input.PolicyDocument!;
  return {};
}

export function getUserPolicy(input: Input<'GetUserPolicy'>, ctx: RequestContext): Output<'GetUserPolicy'> {
  const user = findUser(iamState(ctx), input.UserName);
  const doc = user.inlinePolicies[input.PolicyName ?? ''];
  if (doc === undefined) throw noSuchEntity(`The user policy with name ${input.PolicyName} cannot be found.`);
  return { UserName: user.UserName, PolicyName: input.PolicyName, PolicyDocument: encodeURIComponent(doc) };
}

export function listUserPolicies(input: Input<'ListUserPolicies'>, ctx: RequestContext): Output<'ListUserPolicies'> {
  const user = findUser(iamState(ctx), input.UserName);
  return paged(Object.keys(user.inlinePolicies).sort(), input, 'PolicyNames');
}

export function deleteUserPolicy(input: Input<'DeleteUserPolicy'>, ctx: RequestContext): Output<'DeleteUserPolicy'> {
  const user = findUser(iamState(ctx), input.UserName);
  if (!(input.PolicyName! in user.inlinePolicies)) throw noSuchEntity(`The user policy with name ${input.PolicyName} cannot be found.`);
  delete user.inlinePolicies[input.PolicyName!];
  return {};
}

export function managedPolicy(state: IamState, arn: string | undefined): ManagedPolicyRecord {
  const policy = AWS_MANAGED[arn ?? ''] ?? state.policies[arn ?? ''];
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

function attachments(state: IamState, arn: string): number {
  return Object.values(state.users).filter((u) => u.attachedPolicies.includes(arn)).length;
}

function shown(state: IamState, p: ManagedPolicyRecord): Wire<Policy> {
  return {
    PolicyName: p.PolicyName,
    PolicyId: p.PolicyId,
    Arn: p.Arn,
    Path: p.Path,
    DefaultVersionId: p.DefaultVersionId,
    AttachmentCount: attachments(state, p.Arn),
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: p.Description,
    CreateDate: p.CreateDate,
    UpdateDate: p.UpdateDate,
  };
}

export function createPolicy(input: Input<'CreatePolicy'>, ctx: RequestContext): Output<'CreatePolicy'> {
  const name = checkName(input.PolicyName, 'policyName');
  parsePolicy(input.PolicyDocument);
  const state = iamState(ctx);
  const path = input.Path ?? '/';
  const arn = `arn:aws:iam::${ctx.accountId}:policy${path}${name}`;
  if (state.policies[arn]) throw new AwsError('EntityAlreadyExists', `A policy called ${name} already exists. Duplicate names are not allowed.`, 409);
  const at = now();
  state.policies[arn] = { PolicyName: name, PolicyId: newId('ANPA', 17), Arn: arn, Path: path, Description: input.Description, DefaultVersionId: 'v1', versions: { v1: { document: input.PolicyDocument!, createDate: at } }, CreateDate: at, UpdateDate: at };
  return { Policy: shown(state, state.policies[arn]) };
}

export function getPolicy(input: Input<'GetPolicy'>, ctx: RequestContext): Output<'GetPolicy'> {
  const state = iamState(ctx);
  return { Policy: shown(state, managedPolicy(state, input.PolicyArn)) };
}

export function getPolicyVersion(input: Input<'GetPolicyVersion'>, ctx: RequestContext): Output<'GetPolicyVersion'> {
  const policy = managedPolicy(iamState(ctx), input.PolicyArn);
  const version = policy.versions[input.VersionId ?? ''];
  if (!version) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: { Document: encodeURIComponent(version.document), VersionId: input.VersionId, IsDefaultVersion: input.VersionId === policy.DefaultVersionId, CreateDate: version.createDate } };
}

export function listPolicies(input: Input<'ListPolicies'>, ctx: RequestContext): Output<'ListPolicies'> {
  const state = iamState(ctx);
  const scope = input.Scope ?? 'All';
  const all = [...(scope !== 'Local' ? Object.values(AWS_MANAGED) : []), ...(scope !== 'AWS' ? Object.values(state.policies) : [])]
    .filter((p) => !input.PathPrefix || p.Path.startsWith(input.PathPrefix))
    .filter((p) => !input.OnlyAttached || attachments(state, p.Arn) > 0);
  return paged(all.map((p) => shown(state, p)), input, 'Policies');
}

export function deletePolicy(input: Input<'DeletePolicy'>, ctx: RequestContext): Output<'DeletePolicy'> {
  const state = iamState(ctx);
  const policy = state.policies[input.PolicyArn ?? ''];
  if (!policy) throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
  if (attachments(state, policy.Arn)) throw new AwsError('DeleteConflict', 'Cannot delete a policy attached to entities.', 409);
  delete state.policies[policy.Arn];
  return {};
}

export function attachUserPolicy(input: Input<'AttachUserPolicy'>, ctx: RequestContext): Output<'AttachUserPolicy'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  const policy = managedPolicy(state, input.PolicyArn);
  if (!user.attachedPolicies.includes(policy.Arn)) user.attachedPolicies.push(policy.Arn);
  return {};
}

export function detachUserPolicy(input: Input<'DetachUserPolicy'>, ctx: RequestContext): Output<'DetachUserPolicy'> {
  const user = findUser(iamState(ctx), input.UserName);
  const i = user.attachedPolicies.indexOf(input.PolicyArn ?? '');
  if (i < 0) throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
  user.attachedPolicies.splice(i, 1);
  return {};
}

export function listAttachedUserPolicies(input: Input<'ListAttachedUserPolicies'>, ctx: RequestContext): Output<'ListAttachedUserPolicies'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  const attached = user.attachedPolicies.map((arn): Wire<AttachedPolicy> => ({ PolicyArn: arn, PolicyName: managedPolicy(state, arn).PolicyName }));
  return paged(attached, input, 'AttachedPolicies');
}
