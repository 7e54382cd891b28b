/** Users and their access keys: Create/Get/List/DeleteUser, Create/List/Update/DeleteAccessKey. */
import type { User } from '@aws-sdk/client-iam';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { checkName, checkPath, paged, deleteConflict, entityAlreadyExists, findUser, iamState, newId, newSecret, noSuchEntity, now, targetUser, underPath } from './state.js';
import { checkTags, tagList } from './tags.js';
import type { Input, Output, UserRecord } from './types.js';

const KEYS_PER_USER = 2;

export function userShown(u: UserRecord): Wire<User> {
  return { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate, Tags: tagList(u.tags) };
}

export function createUser(input: Input<'CreateUser'>, ctx: RequestContext): Output<'CreateUser'> {
  const name = checkName(input.UserName, 'userName', /^[\w+=,.@-]{1,64}$/);
  const state = iamState(ctx);
  if (Object.keys(state.users).some((n) => n.toLowerCase() === name.toLowerCase())) throw entityAlreadyExists(`User with name ${name} already exists.`);
  const path = checkPath(input.Path);
  const tags = checkTags(input.Tags);
  const user: UserRecord = {
    UserName: name,
    UserId: newId('AIDA', 17),
    Arn: `arn:aws:iam::${ctx.accountId}:user${path}${name}`,
    Path: path,
    CreateDate: now(),
    inlinePolicies: {},
    attachedPolicies: [],
    tags,
  };
  state.users[name] = user;
  return { User: userShown(user) };
}

export function getUser(input: Input<'GetUser'>, ctx: RequestContext): Output<'GetUser'> {
  const user = targetUser(ctx, input.UserName);
  if (user) return { User: userShown(user) };
  // The account's root, as AWS answers GetUser signed with root keys.
  return { User: { Path: '/', UserName: ctx.accountId, UserId: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root`, CreateDate: '2026-01-01T00:00:00Z' } };
}

export function listUsers(input: Input<'ListUsers'>, ctx: RequestContext): Output<'ListUsers'> {
  return paged(underPath(iamState(ctx).users, input.PathPrefix).map(userShown), input, 'Users');
}

export function deleteUser(input: Input<'DeleteUser'>, ctx: RequestContext): Output<'DeleteUser'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  const conflict = (what: string) => deleteConflict(`Cannot delete entity, must ${what} first.`);
  if (Object.values(state.accessKeys).some((k) => k.UserName === user.UserName)) throw conflict('delete access keys');
  if (Object.keys(user.inlinePolicies).length) throw conflict('delete policies');
  if (user.attachedPolicies.length) throw conflict('detach all policies');
  if (user.groups?.length) throw conflict('remove users from group');
  if (user.loginProfile) throw conflict('delete login profile');
  if (Object.values(state.mfaDevices).some((d) => d.userName === user.UserName)) throw conflict('delete MFA device');
  delete state.users[user.UserName];
  return {};
}

export function createAccessKey(input: Input<'CreateAccessKey'>, ctx: RequestContext): Output<'CreateAccessKey'> {
  const user = targetUser(ctx, input.UserName);
  if (!user) throw new AwsError('ValidationError', 'The paws sandbox issues access keys to IAM users only: name one with UserName.');
  const state = iamState(ctx);
  if (Object.values(state.accessKeys).filter((k) => k.UserName === user.UserName).length >= KEYS_PER_USER) {
    throw new AwsError('LimitExceeded', `Cannot exceed quota for AccessKeysPerUser: ${KEYS_PER_USER}`, 409);
  }
  const key = { AccessKeyId: newId('AKIA'), UserName: user.UserName, Status: 'Active' as const, CreateDate: now() };
  const secret = newSecret();
  state.accessKeys[key.AccessKeyId] = key;
  ctx.sandbox.keys.add({ accountId: ctx.accountId, accessKeyId: key.AccessKeyId, arn: user.Arn, userName: user.UserName, userId: user.UserId }, secret);
  return { AccessKey: { ...key, SecretAccessKey: secret } };
}

export function listAccessKeys(input: Input<'ListAccessKeys'>, ctx: RequestContext): Output<'ListAccessKeys'> {
  const user = targetUser(ctx, input.UserName);
  const keys = Object.values(iamState(ctx).accessKeys).filter((k) => k.UserName === user?.UserName);
  return paged(keys, input, 'AccessKeyMetadata');
}

function findKey(ctx: RequestContext, input: { AccessKeyId?: string; UserName?: string }) {
  const user = targetUser(ctx, input.UserName);
  const key = iamState(ctx).accessKeys[input.AccessKeyId ?? ''];
  if (!key || key.UserName !== user?.UserName) throw noSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
  return key;
}

export function updateAccessKey(input: Input<'UpdateAccessKey'>, ctx: RequestContext): Output<'UpdateAccessKey'> {
  const key = findKey(ctx, input);
  if (input.Status !== 'Active' && input.Status !== 'Inactive') throw new AwsError('ValidationError', `1 validation error detected: Value '${input.Status}' at 'status' failed to satisfy constraint: Member must satisfy enum value set: [Active, Inactive]`);
  key.Status = input.Status;
  ctx.sandbox.keys.setStatus(key.AccessKeyId, input.Status);
  return {};
}

export function deleteAccessKey(input: Input<'DeleteAccessKey'>, ctx: RequestContext): Output<'DeleteAccessKey'> {
  const key = findKey(ctx, input);
  delete iamState(ctx).accessKeys[key.AccessKeyId];
  ctx.sandbox.keys.remove(key.AccessKeyId);
  return {};
}

export function getAccessKeyLastUsed(input: Input<'GetAccessKeyLastUsed'>, ctx: RequestContext): Output<'GetAccessKeyLastUsed'> {
  const key = iamState(ctx).accessKeys[input.AccessKeyId ?? ''];
  if (!key) throw noSuchEntity(`The Access Key with id ${input.AccessKeyId} cannot be found.`);
  const used = ctx.sandbox.keys.lookup(key.AccessKeyId)?.lastUsed;
  return { UserName: key.UserName, AccessKeyLastUsed: { LastUsedDate: used?.date, ServiceName: used?.service ?? 'N/A', Region: used?.region ?? 'N/A' } };
}
