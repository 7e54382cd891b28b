/** Groups: users in them get the group's policies too. Create/Get/List/DeleteGroup, membership. */
import type { Group } from '@aws-sdk/client-iam';
import type { RequestContext, Wire } from '../../core/types.js';
import { checkName, checkPath, deleteConflict, entityAlreadyExists, findGroup, findUser, iamState, newId, noSuchEntity, now, paged, underPath } from './state.js';
import type { GroupRecord, Input, Output } from './types.js';
import { userShown } from './users.js';

function shown(g: GroupRecord): Wire<Group> {
  return { Path: g.Path, GroupName: g.GroupName, GroupId: g.GroupId, Arn: g.Arn, CreateDate: g.CreateDate };
}

export function createGroup(input: Input<'CreateGroup'>, ctx: RequestContext): Output<'CreateGroup'> {
  const name = checkName(input.GroupName, 'groupName');
  const path = checkPath(input.Path);
  const state = iamState(ctx);
  if (Object.keys(state.groups).some((n) => n.toLowerCase() === name.toLowerCase())) throw entityAlreadyExists(`Group with name ${name} already exists.`);
  const group: GroupRecord = { GroupName: name, GroupId: newId('AGPA', 17), Arn: `arn:aws:iam::${ctx.accountId}:group${path}${name}`, Path: path, CreateDate: now(), inlinePolicies: {}, attachedPolicies: [] };
  state.groups[name] = group;
  return { Group: shown(group) };
}

export function getGroup(input: Input<'GetGroup'>, ctx: RequestContext): Output<'GetGroup'> {
  const state = iamState(ctx);
  const group = findGroup(state, input.GroupName);
  const members = Object.values(state.users).filter((u) => u.groups?.includes(group.GroupName));
  return { Group: shown(group), ...paged(members.map(userShown), input, 'Users') };
}

export function listGroups(input: Input<'ListGroups'>, ctx: RequestContext): Output<'ListGroups'> {
  return paged(underPath(iamState(ctx).groups, input.PathPrefix).map(shown), input, 'Groups');
}

export function listGroupsForUser(input: Input<'ListGroupsForUser'>, ctx: RequestContext): Output<'ListGroupsForUser'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  return paged((user.groups ?? []).map((name) => shown(findGroup(state, name))), input, 'Groups');
}

export function deleteGroup(input: Input<'DeleteGroup'>, ctx: RequestContext): Output<'DeleteGroup'> {
  const state = iamState(ctx);
  const group = findGroup(state, input.GroupName);
  const conflict = (what: string) => deleteConflict(`Cannot delete entity, must ${what} first.`);
  if (Object.values(state.users).some((u) => u.groups?.includes(group.GroupName))) throw conflict('remove users from group');
  if (Object.keys(group.inlinePolicies).length) throw conflict('delete policies');
  if (group.attachedPolicies.length) throw conflict('detach all policies');
  delete state.groups[group.GroupName];
  return {};
}

export function addUserToGroup(input: Input<'AddUserToGroup'>, ctx: RequestContext): Output<'AddUserToGroup'> {
  const state = iamState(ctx);
  const group = findGroup(state, input.GroupName);
  const user = findUser(state, input.UserName);
  user.groups = [...new Set([...(user.groups ?? []), group.GroupName])];
  return {};
}

export function removeUserFromGroup(input: Input<'RemoveUserFromGroup'>, ctx: RequestContext): Output<'RemoveUserFromGroup'> {
  const state = iamState(ctx);
  const group = findGroup(state, input.GroupName);
  const user = findUser(state, input.UserName);
  if (!user.groups?.includes(group.GroupName)) throw noSuchEntity(`The user with name ${user.UserName} cannot be found in group ${group.GroupName}.`);
  user.groups = user.groups.filter((g) => g !== group.GroupName);
  return {};
}
