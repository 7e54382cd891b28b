/**
 * Roles: an identity with policies that no one signs in as, assumed through STS by whoever its
 * trust policy (AssumeRolePolicyDocument) names. Create/Get/List/Update/DeleteRole,
 * UpdateAssumeRolePolicy, and the role's last use, which AssumeRole records.
 */
import type { Role } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { parsePolicy } from './policy.js';
import { checkName, checkPath, deleteConflict, entityAlreadyExists, findRole, iamState, newId, now, paged, underPath } from './state.js';
import { checkTags, tagList } from './tags.js';
import type { Input, Output, RoleRecord } from './types.js';

const SESSION_HOURS = { min: 3600, max: 43200 };

function checkMaxSessionDuration(seconds: number | undefined): number {
  const s = seconds ?? SESSION_HOURS.min;
  const bound = s < SESSION_HOURS.min ? `greater than or equal to ${SESSION_HOURS.min}` : s > SESSION_HOURS.max ? `less than or equal to ${SESSION_HOURS.max}` : undefined;
  if (bound) throw new AwsError('ValidationError', `1 validation error detected: Value '${s}' at 'maxSessionDuration' failed to satisfy constraint: Member must have value ${bound}`);
  return s;
}

export function roleShown(r: RoleRecord, detail = true): Wire<Role> {
  return {
    Path: r.Path,
    RoleName: r.RoleName,
    RoleId: r.RoleId,
    Arn: r.Arn,
    CreateDate: r.CreateDate,
    AssumeRolePolicyDocument: encodeURIComponent(r.AssumeRolePolicyDocument),
    Description: r.Description,
    MaxSessionDuration: r.MaxSessionDuration,
    Tags: detail ? tagList(r.tags) : undefined,
    RoleLastUsed: detail ? { LastUsedDate: r.lastUsed?.date, Region: r.lastUsed?.region } : undefined,
  };
}

export function createRole(input: Input<'CreateRole'>, ctx: RequestContext): Output<'CreateRole'> {
  const name = checkName(input.RoleName, 'roleName', /^[\w+=,.@-]{1,64}$/);
  const path = checkPath(input.Path);
  parsePolicy(input.AssumeRolePolicyDocument, 'trust');
  const state = iamState(ctx);
  if (Object.keys(state.roles).some((n) => n.toLowerCase() === name.toLowerCase())) throw entityAlreadyExists(`Role with name ${name} already exists.`);
  const role: RoleRecord = {
    RoleName: name,
    RoleId: newId('AROA', 17),
    Arn: `arn:aws:iam::${ctx.accountId}:role${path}${name}`,
    Path: path,
    CreateDate: now(),
    AssumeRolePolicyDocument: input.AssumeRolePolicyDocument!,
    Description: input.Description,
    MaxSessionDuration: checkMaxSessionDuration(input.MaxSessionDuration),
    inlinePolicies: {},
    attachedPolicies: [],
    tags: checkTags(input.Tags),
  };
  state.roles[name] = role;
  return { Role: roleShown(role) };
}

export function getRole(input: Input<'GetRole'>, ctx: RequestContext): Output<'GetRole'> {
  return { Role: roleShown(findRole(iamState(ctx), input.RoleName)) };
}

export function listRoles(input: Input<'ListRoles'>, ctx: RequestContext): Output<'ListRoles'> {
  return paged(underPath(iamState(ctx).roles, input.PathPrefix).map((r) => roleShown(r, false)), input, 'Roles');
}

export function updateRole(input: Input<'UpdateRole'>, ctx: RequestContext): Output<'UpdateRole'> {
  const role = findRole(iamState(ctx), input.RoleName);
  if (input.MaxSessionDuration !== undefined) role.MaxSessionDuration = checkMaxSessionDuration(input.MaxSessionDuration);
  if (input.Description !== undefined) role.Description = input.Description;
  return {};
}

export function updateAssumeRolePolicy(input: Input<'UpdateAssumeRolePolicy'>, ctx: RequestContext): Output<'UpdateAssumeRolePolicy'> {
  const role = findRole(iamState(ctx), input.RoleName);
  parsePolicy(input.PolicyDocument, 'trust');
  role.AssumeRolePolicyDocument = input.PolicyDocument!;
  return {};
}

export function deleteRole(input: Input<'DeleteRole'>, ctx: RequestContext): Output<'DeleteRole'> {
  const state = iamState(ctx);
  const role = findRole(state, input.RoleName);
  const conflict = (what: string) => deleteConflict(`Cannot delete entity, must ${what} first.`);
  if (Object.keys(role.inlinePolicies).length) throw conflict('delete policies');
  if (role.attachedPolicies.length) throw conflict('detach all policies');
  if (Object.values(state.instanceProfiles).some((p) => p.roles.includes(role.RoleName))) throw conflict('remove roles from instance profile');
  delete state.roles[role.RoleName];
  return {};
}

/**
 * A service-linked role: named and placed by the service (`AWSServiceRoleForAutoScaling` under
 * `/aws-service-role/autoscaling.amazonaws.com/`), trusting only that service.
 */
export function createServiceLinkedRole(input: Input<'CreateServiceLinkedRole'>, ctx: RequestContext): Output<'CreateServiceLinkedRole'> {
  const service = input.AWSServiceName ?? '';
  const m = /^([a-z0-9-]+)(?:\.[a-z0-9-]+)*\.amazonaws\.com$/.exec(service);
  if (!m) throw new AwsError('InvalidInput', `Service name ${service} is not a valid AWS service principal, e.g. autoscaling.amazonaws.com`);
  const base = `AWSServiceRoleFor${m[1].split('-').map((w) => w[0].toUpperCase() + w.slice(1)).join('')}`;
  const name = input.CustomSuffix ? `${base}_${input.CustomSuffix}` : base;
  if (iamState(ctx).roles[name]) throw new AwsError('InvalidInput', `Service role name ${name} has been taken in this account, please try a different suffix.`);
  const trust = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }] });
  return createRole({ RoleName: name, Path: `/aws-service-role/${service}/`, AssumeRolePolicyDocument: trust, Description: input.Description }, ctx);
}
