/** Users and their access keys: Create/Get/List/DeleteUser, Create/List/Update/DeleteAccessKey. */
import type { User } from '@aws-sdk/client-iam';
import { randomBytes } from 'node:crypto';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { checkName, findUser, iamState, newId, noSuchEntity, now, targetUser } from './state.js';
import type { Input, Output, UserRecord } from './types.js';

const KEYS_PER_USER = 2;

function shown(u: UserRecord): Wire<User> {
  return { Path: u.Path, UserName: u.UserName, UserId: u.UserId, Arn: u.Arn, CreateDate: u.CreateDate, Tags: Object.keys(u.tags).length ? Object.entries(u.tags).map(([Key, Value]) => ({ Key, Value })) : undefined };
}

export function createUser(input: Input<'CreateUser'>, ctx: RequestContext): Output<'CreateUser'> {
  const name = checkName(input.UserName, 'userName', /^[\w+=,.@-]{1,64}$/);
  const state = iamState(ctx);
  if (Object.keys(state.users).some((n) => n.toLowerCase() === name.toLowerCase())) throw new AwsError('EntityAlreadyExists', `User with name ${name} already exists.`, 409);
  const path = input.Path ?? '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(path)) throw new AwsError('ValidationError', `The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.`);
  const user: UserRecord = {
    UserName: name,
    UserId: newId('AIDA', 17),
    Arn: `arn:aws:iam::${ctx.accountId}:user${path}${name}`,
    Path: path,
    CreateDate: now(),
    inlinePolicies: {},
    attachedPolicies: [],
    tags: Object.fromEntries((input.Tags ?? []).map((t) => [t.Key ?? '', t.Value ?? ''])),
  };
  state.users[name] = user;
  return { User: shown(user) };
}

export function getUser(input: Input<'GetUser'>, ctx: RequestContext): Output<'GetUser'> {
  const user = targetUser(ctx, input.UserName);
  if (user) return { User: shown(user) };
  // The account's root, as AWS answers GetUser signed with root keys.
  return { User: { Path: '/', UserName: ctx.accountId, UserId: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root`, CreateDate: '2026-01-01T00:00:00Z' } };
}

export function listUsers(input: Input<'ListUsers'>, ctx: RequestContext): Output<'ListUsers'> {
  const users = Object.values(iamState(ctx).users)
    .filter((u) => !input.PathPrefix || u.Path.startsWith(input.PathPrefix))
    .sort((a, b) => a.UserName.localeCompare(b.UserName));
  return paged(users.map(shown), input, 'Users');
}

export function deleteUser(input: Input<'DeleteUser'>, ctx: RequestContext): Output<'DeleteUser'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  const conflict = (what: string) => new AwsError('DeleteConflict', `Cannot delete entity, must ${what} first.`, 409);
  if (Object.values(state.accessKeys).some((k) => k.UserName === user.UserName)) throw conflict('delete access keys');
  if (Object.keys(user.inlinePolicies).length) throw conflict('delete policies');
  if (user.attachedPolicies.length) throw conflict('detach all policies');
  delete state.users[user.UserName];
  return {};
}

/** IAM's Marker/MaxItems paging (100 by default). */
export function paged<T, K extends string>(items: T[], input: { Marker?: string; MaxItems?: number }, key: K): Record<K, T[]> & { IsTruncated: boolean; Marker?: string } {
  const from = input.Marker ? Number(Buffer.from(input.Marker, 'base64url').toString()) : 0;
  const size = input.MaxItems ?? 100;
  const truncated = from + size < items.length;
  const page = { [key]: items.slice(from, from + size) } as Record<K, T[]>;
  return { ...page, IsTruncated: truncated, Marker: truncated ? Buffer.from(String(from + size)).toString('base64url') : undefined };
}

/** A 40-character secret in AWS's alphabet. */
function newSecret(): string {
  return randomBytes(30).toString('base64').replace(/[+]/g, 'P').slice(0, 40);
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
  return { UserName: key.UserName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } };
}
