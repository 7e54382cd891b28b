/**
 * Policies: inline policies of users, groups and roles, and customer managed policies (plus a
 * few AWS managed ones) with their versions, attached to users, groups and roles. Documents come
 * back URL-encoded, as IAM's query API returns them.
 */
import type { AttachedPolicy, Policy, PolicyVersion } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { AWS_MANAGED } from './managed.js';
import { parsePolicy } from './policy.js';
import { checkName, checkPath, deleteConflict, entityAlreadyExists, findHolder, iamState, newId, noSuchEntity, now, paged, type HolderKind } from './state.js';
import { checkTags, tagList } from './tags.js';
import type { IamState, Input, ManagedPolicyRecord, Output, PolicyHolder } from './types.js';

/** A managed policy keeps at most five versions. */
const MAX_VERSIONS = 5;

type Named<K extends HolderKind> = { [P in `${K}Name`]?: string };
type Paging = { Marker?: string; MaxItems?: number };

/** Put/Get/List/Delete{User,Group,Role}Policy: the inline policies of one kind of identity. */
export function inlinePolicies<K extends HolderKind>(kind: K) {
  const holder = (input: Named<K>, ctx: RequestContext) => findHolder(iamState(ctx), kind, input[`${kind}Name`]);
  const missing = (name: string | undefined) => noSuchEntity(`The ${kind.toLowerCase()} policy with name ${name} cannot be found.`);
  return {
    put(input: Named<K> & { PolicyName?: string; PolicyDocument?: string }, ctx: RequestContext): Record<string, never> {
      const h = holder(input, ctx);
      const name = checkName(input.PolicyName, 'policyName');
      parsePolicy(input.PolicyDocument);
      h.inlinePolicies[name] = input.PolicyDocument!;
      return {};
    },
    get(input: Named<K> & { PolicyName?: string }, ctx: RequestContext) {
      const doc = holder(input, ctx).inlinePolicies[input.PolicyName ?? ''];
      if (doc === undefined) throw missing(input.PolicyName);
      return { [`${kind}Name`]: input[`${kind}Name`], PolicyName: input.PolicyName, PolicyDocument: encodeURIComponent(doc) } as { [P in `${K}Name`]: string | undefined } & { PolicyName: string | undefined; PolicyDocument: string };
    },
    list(input: Named<K> & Paging, ctx: RequestContext) {
      return paged(Object.keys(holder(input, ctx).inlinePolicies).sort(), input, 'PolicyNames');
    },
    remove(input: Named<K> & { PolicyName?: string }, ctx: RequestContext): Record<string, never> {
      const h = holder(input, ctx);
      if (!Object.hasOwn(h.inlinePolicies, input.PolicyName ?? '')) throw missing(input.PolicyName);
      delete h.inlinePolicies[input.PolicyName!];
      return {};
    },
  };
}

/** Attach/Detach/ListAttached{User,Group,Role}Policies. */
export function attachedPolicies<K extends HolderKind>(kind: K) {
  const holder = (input: Named<K>, ctx: RequestContext) => findHolder(iamState(ctx), kind, input[`${kind}Name`]);
  return {
    attach(input: Named<K> & { PolicyArn?: string }, ctx: RequestContext): Record<string, never> {
      const h = holder(input, ctx);
      const policy = managedPolicy(iamState(ctx), input.PolicyArn);
      if (!h.attachedPolicies.includes(policy.Arn)) h.attachedPolicies.push(policy.Arn);
      return {};
    },
    detach(input: Named<K> & { PolicyArn?: string }, ctx: RequestContext): Record<string, never> {
      const h = holder(input, ctx);
      const i = h.attachedPolicies.indexOf(input.PolicyArn ?? '');
      if (i < 0) throw noSuchEntity(`Policy ${input.PolicyArn} was not found.`);
      h.attachedPolicies.splice(i, 1);
      return {};
    },
    list(input: Named<K> & Paging & { PathPrefix?: string }, ctx: RequestContext) {
      const state = iamState(ctx);
      const attached = holder(input, ctx)
        .attachedPolicies.map((arn) => managedPolicy(state, arn))
        .filter((p) => !input.PathPrefix || p.Path.startsWith(input.PathPrefix))
        .map((p): Wire<AttachedPolicy> => ({ PolicyArn: p.Arn, PolicyName: p.PolicyName }));
      return paged(attached, input, 'AttachedPolicies');
    },
  };
}

export function managedPolicy(state: IamState, arn: string | undefined): ManagedPolicyRecord {
  const policy = AWS_MANAGED[arn ?? ''] ?? state.policies[arn ?? ''];
  if (!policy) throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  return policy;
}

/** A customer managed policy of the caller's account, which the caller may change. */
export function customerPolicy(state: IamState, arn: string | undefined): ManagedPolicyRecord {
  const policy = state.policies[arn ?? ''];
  if (!policy) throw noSuchEntity(`Policy ${arn} was not found.`);
  return policy;
}

/** Every identity of the account that holds `arn`, by kind. */
export function holdersOf(state: IamState, arn: string) {
  const holding = <T extends PolicyHolder>(records: Record<string, T>) => Object.values(records).filter((h) => h.attachedPolicies.includes(arn));
  return { users: holding(state.users), groups: holding(state.groups), roles: holding(state.roles) };
}

function attachments(state: IamState, arn: string): number {
  return Object.values(holdersOf(state, arn)).reduce((n, holders) => n + holders.length, 0);
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
    Tags: tagList(p.tags),
  };
}

export function createPolicy(input: Input<'CreatePolicy'>, ctx: RequestContext): Output<'CreatePolicy'> {
  const name = checkName(input.PolicyName, 'policyName');
  parsePolicy(input.PolicyDocument);
  const tags = checkTags(input.Tags);
  const state = iamState(ctx);
  const path = checkPath(input.Path);
  const arn = `arn:aws:iam::${ctx.accountId}:policy${path}${name}`;
  if (state.policies[arn]) throw entityAlreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
  const at = now();
  state.policies[arn] = { PolicyName: name, PolicyId: newId('ANPA', 17), Arn: arn, Path: path, Description: input.Description, DefaultVersionId: 'v1', versions: { v1: { document: input.PolicyDocument!, createDate: at } }, CreateDate: at, UpdateDate: at, tags };
  return { Policy: shown(state, state.policies[arn]) };
}

export function getPolicy(input: Input<'GetPolicy'>, ctx: RequestContext): Output<'GetPolicy'> {
  const state = iamState(ctx);
  return { Policy: shown(state, managedPolicy(state, input.PolicyArn)) };
}

function versionShown(policy: ManagedPolicyRecord, id: string, withDocument: boolean): Wire<PolicyVersion> {
  const v = policy.versions[id];
  return { Document: withDocument ? encodeURIComponent(v.document) : undefined, VersionId: id, IsDefaultVersion: id === policy.DefaultVersionId, CreateDate: v.createDate };
}

export function getPolicyVersion(input: Input<'GetPolicyVersion'>, ctx: RequestContext): Output<'GetPolicyVersion'> {
  const policy = managedPolicy(iamState(ctx), input.PolicyArn);
  if (!Object.hasOwn(policy.versions, input.VersionId ?? '')) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: versionShown(policy, input.VersionId!, true) };
}

export function createPolicyVersion(input: Input<'CreatePolicyVersion'>, ctx: RequestContext): Output<'CreatePolicyVersion'> {
  const policy = customerPolicy(iamState(ctx), input.PolicyArn);
  parsePolicy(input.PolicyDocument);
  const ids = Object.keys(policy.versions);
  if (ids.length >= MAX_VERSIONS) throw new AwsError('LimitExceeded', `A managed policy can have up to ${MAX_VERSIONS} versions. Before you create a new version, you must delete an existing version.`, 409);
  // Ids are never reused: v1…vN counts every version ever made.
  const id = `v${Math.max(...ids.map((v) => Number(v.slice(1)))) + 1}`;
  const at = now();
  policy.versions[id] = { document: input.PolicyDocument!, createDate: at };
  if (input.SetAsDefault) policy.DefaultVersionId = id;
  policy.UpdateDate = at;
  return { PolicyVersion: versionShown(policy, id, false) };
}

export function setDefaultPolicyVersion(input: Input<'SetDefaultPolicyVersion'>, ctx: RequestContext): Output<'SetDefaultPolicyVersion'> {
  const policy = customerPolicy(iamState(ctx), input.PolicyArn);
  if (!Object.hasOwn(policy.versions, input.VersionId ?? '')) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  policy.DefaultVersionId = input.VersionId!;
  policy.UpdateDate = now();
  return {};
}

export function deletePolicyVersion(input: Input<'DeletePolicyVersion'>, ctx: RequestContext): Output<'DeletePolicyVersion'> {
  const policy = customerPolicy(iamState(ctx), input.PolicyArn);
  if (!Object.hasOwn(policy.versions, input.VersionId ?? '')) throw noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  if (input.VersionId === policy.DefaultVersionId) throw deleteConflict('Cannot delete the default version of a policy.');
  delete policy.versions[input.VersionId!];
  return {};
}

export function listPolicyVersions(input: Input<'ListPolicyVersions'>, ctx: RequestContext): Output<'ListPolicyVersions'> {
  const policy = managedPolicy(iamState(ctx), input.PolicyArn);
  const ids = Object.keys(policy.versions).sort((a, b) => Number(b.slice(1)) - Number(a.slice(1)));
  return paged(ids.map((id) => versionShown(policy, id, false)), input, 'Versions');
}

export function listPolicies(input: Input<'ListPolicies'>, ctx: RequestContext): Output<'ListPolicies'> {
  const state = iamState(ctx);
  const scope = input.Scope ?? 'All';
  const all = [...(scope !== 'Local' ? Object.values(AWS_MANAGED) : []), ...(scope !== 'AWS' ? Object.values(state.policies) : [])]
    .filter((p) => !input.PathPrefix || p.Path.startsWith(input.PathPrefix))
    .filter((p) => !input.OnlyAttached || attachments(state, p.Arn) > 0);
  return paged(all.map((p) => shown(state, p)), input, 'Policies');
}

export function listEntitiesForPolicy(input: Input<'ListEntitiesForPolicy'>, ctx: RequestContext): Output<'ListEntitiesForPolicy'> {
  const state = iamState(ctx);
  const policy = managedPolicy(state, input.PolicyArn);
  const { users, groups, roles } = holdersOf(state, policy.Arn);
  const want = (kind: string) => !input.EntityFilter || input.EntityFilter === kind;
  return {
    PolicyUsers: want('User') ? users.map((u) => ({ UserName: u.UserName, UserId: u.UserId })) : [],
    PolicyGroups: want('Group') ? groups.map((g) => ({ GroupName: g.GroupName, GroupId: g.GroupId })) : [],
    PolicyRoles: want('Role') ? roles.map((r) => ({ RoleName: r.RoleName, RoleId: r.RoleId })) : [],
    IsTruncated: false,
  };
}

export function deletePolicy(input: Input<'DeletePolicy'>, ctx: RequestContext): Output<'DeletePolicy'> {
  const state = iamState(ctx);
  const policy = customerPolicy(state, input.PolicyArn);
  if (attachments(state, policy.Arn)) throw deleteConflict('Cannot delete a policy attached to entities.');
  if (Object.keys(policy.versions).length > 1) throw deleteConflict('This policy has more than one version. Before you delete a policy, you must delete the policy\'s versions. The default version is deleted with the policy.');
  delete state.policies[policy.Arn];
  return {};
}
