/**
 * Instance profiles: the container that hands a role to EC2 instances (RunInstances'
 * IamInstanceProfile). At most one role each, as AWS allows.
 */
import type { InstanceProfile } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { accountState, checkName, checkPath, deleteConflict, entityAlreadyExists, findRole, iamState, newId, noSuchEntity, now, paged, underPath } from './state.js';
import { roleShown } from './roles.js';
import { checkTags, tagList } from './tags.js';
import type { IamState, InstanceProfileRecord, Input, Output } from './types.js';

function findProfile(state: IamState, name: string | undefined): InstanceProfileRecord {
  const profile = state.instanceProfiles[name ?? ''];
  if (!profile) throw noSuchEntity(`Instance Profile ${name} cannot be found.`);
  return profile;
}

function shown(state: IamState, p: InstanceProfileRecord): Wire<InstanceProfile> {
  return {
    Path: p.Path,
    InstanceProfileName: p.InstanceProfileName,
    InstanceProfileId: p.InstanceProfileId,
    Arn: p.Arn,
    CreateDate: p.CreateDate,
    Roles: p.roles.map((r) => roleShown(findRole(state, r), false)),
    Tags: tagList(p.tags),
  };
}

export function createInstanceProfile(input: Input<'CreateInstanceProfile'>, ctx: RequestContext): Output<'CreateInstanceProfile'> {
  const name = checkName(input.InstanceProfileName, 'instanceProfileName');
  const path = checkPath(input.Path);
  const state = iamState(ctx);
  if (Object.keys(state.instanceProfiles).some((n) => n.toLowerCase() === name.toLowerCase())) throw entityAlreadyExists(`Instance Profile ${name} already exists.`);
  const profile: InstanceProfileRecord = { InstanceProfileName: name, InstanceProfileId: newId('AIPA', 17), Arn: `arn:aws:iam::${ctx.accountId}:instance-profile${path}${name}`, Path: path, CreateDate: now(), roles: [], tags: checkTags(input.Tags) };
  state.instanceProfiles[name] = profile;
  return { InstanceProfile: shown(state, profile) };
}

export function getInstanceProfile(input: Input<'GetInstanceProfile'>, ctx: RequestContext): Output<'GetInstanceProfile'> {
  const state = iamState(ctx);
  return { InstanceProfile: shown(state, findProfile(state, input.InstanceProfileName)) };
}

export function listInstanceProfiles(input: Input<'ListInstanceProfiles'>, ctx: RequestContext): Output<'ListInstanceProfiles'> {
  const state = iamState(ctx);
  return paged(underPath(state.instanceProfiles, input.PathPrefix).map((p) => shown(state, p)), input, 'InstanceProfiles');
}

export function listInstanceProfilesForRole(input: Input<'ListInstanceProfilesForRole'>, ctx: RequestContext): Output<'ListInstanceProfilesForRole'> {
  const state = iamState(ctx);
  const role = findRole(state, input.RoleName);
  const profiles = Object.values(state.instanceProfiles).filter((p) => p.roles.includes(role.RoleName));
  return paged(profiles.map((p) => shown(state, p)), input, 'InstanceProfiles');
}

export function deleteInstanceProfile(input: Input<'DeleteInstanceProfile'>, ctx: RequestContext): Output<'DeleteInstanceProfile'> {
  const state = iamState(ctx);
  const profile = findProfile(state, input.InstanceProfileName);
  if (profile.roles.length) throw deleteConflict('Cannot delete entity, must remove roles from instance profile first.');
  delete state.instanceProfiles[profile.InstanceProfileName];
  return {};
}

export function addRoleToInstanceProfile(input: Input<'AddRoleToInstanceProfile'>, ctx: RequestContext): Output<'AddRoleToInstanceProfile'> {
  const state = iamState(ctx);
  const profile = findProfile(state, input.InstanceProfileName);
  const role = findRole(state, input.RoleName);
  if (profile.roles.length) throw new AwsError('LimitExceeded', 'Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1', 409);
  profile.roles.push(role.RoleName);
  return {};
}

export function removeRoleFromInstanceProfile(input: Input<'RemoveRoleFromInstanceProfile'>, ctx: RequestContext): Output<'RemoveRoleFromInstanceProfile'> {
  const state = iamState(ctx);
  const profile = findProfile(state, input.InstanceProfileName);
  const role = findRole(state, input.RoleName);
  if (!profile.roles.includes(role.RoleName)) throw noSuchEntity(`The role with name ${role.RoleName} cannot be found in instance profile ${profile.InstanceProfileName}.`);
  profile.roles = profile.roles.filter((r) => r !== role.RoleName);
  return {};
}

/**
 * The instance profile RunInstances names (by ARN or name) in the caller's account, as EC2 records
 * it on the instance; InvalidParameterValue when there is none, as EC2 answers. The caller must be
 * allowed iam:PassRole on its role, refused in EC2's words (UnauthorizedOperation) as AWS does.
 */
export function instanceProfileFor(ctx: RequestContext, spec: { Arn?: string; Name?: string }): { arn: string; id: string } {
  const state = accountState(ctx.sandbox, ctx.accountId);
  const profile = Object.values(state.instanceProfiles).find((p) => p.Arn === spec.Arn || p.InstanceProfileName === spec.Name);
  if (!profile) throw new AwsError('InvalidParameterValue', `Value (${spec.Arn ?? spec.Name}) for parameter iamInstanceProfile.${spec.Arn ? 'arn' : 'name'} is invalid. Invalid IAM Instance Profile ${spec.Arn ? 'ARN' : 'name'}`);
  for (const role of profile.roles.map((name) => state.roles[name]).filter(Boolean)) {
    if (ctx.principal) ctx.sandbox.authorize?.(ctx.principal, 'iam:PassRole', role.Arn, () => ({ 'iam:PassedToService': 'ec2.amazonaws.com' }), 'ec2');
  }
  return { arn: profile.Arn, id: profile.InstanceProfileId };
}
