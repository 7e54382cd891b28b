/** Where the IAM state lives, ids in AWS's shapes, and IAM's errors. */
import { randomBytes } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import type { GroupRecord, IamState, PolicyHolder, RoleRecord, UserRecord } from './types.js';

export const SERVICE = 'iam';

export function accountState(runtime: SandboxRuntime, accountId: string): IamState {
  const state = runtime.store.get<IamState>(SERVICE, accountId, 'global', () => ({ users: {}, accessKeys: {}, policies: {}, roles: {}, groups: {}, instanceProfiles: {}, mfaDevices: {}, oidcProviders: {}, samlProviders: {}, account: {} }));
  // State written before roles, groups and instance profiles existed.
  state.roles ??= Object.create(null);
  state.groups ??= Object.create(null);
  state.instanceProfiles ??= Object.create(null);
  state.mfaDevices ??= Object.create(null);
  state.oidcProviders ??= Object.create(null);
  state.samlProviders ??= Object.create(null);
  state.account ??= Object.create(null);
  return state;
}

export function iamState(ctx: Pick<RequestContext, 'sandbox' | 'accountId'>): IamState {
  return accountState(ctx.sandbox, ctx.accountId);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `AIDA…`, `AKIA…`, `ANPA…`: a prefix and 16 (or `length`) upper-case characters. */
export function newId(prefix: string, length = 16): string {
  return prefix + [...randomBytes(length)].map((b) => ID_ALPHABET[b % 32]).join('');
}

/** A 40-character secret in AWS's alphabet. */
export function newSecret(): string {
  return randomBytes(30).toString('base64').replace(/[+]/g, 'P').slice(0, 40);
}

export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function noSuchEntity(message: string): AwsError {
  return new AwsError('NoSuchEntity', message, 404);
}

export function findUser(state: IamState, name: string | undefined): UserRecord {
  const user = state.users[name ?? ''];
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

export function findRole(state: IamState, name: string | undefined): RoleRecord {
  const role = state.roles[name ?? ''];
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

export function findGroup(state: IamState, name: string | undefined): GroupRecord {
  const group = state.groups[name ?? ''];
  if (!group) throw noSuchEntity(`The group with name ${name} cannot be found.`);
  return group;
}

/** The three kinds of identity that hold policies, as operation names spell them (PutRolePolicy…). */
export type HolderKind = 'User' | 'Group' | 'Role';

export function findHolder(state: IamState, kind: HolderKind, name: string | undefined): PolicyHolder {
  return kind === 'User' ? findUser(state, name) : kind === 'Group' ? findGroup(state, name) : findRole(state, name);
}

export function entityAlreadyExists(message: string): AwsError {
  return new AwsError('EntityAlreadyExists', message, 409);
}

export function deleteConflict(message: string): AwsError {
  return new AwsError('DeleteConflict', message, 409);
}

/** IAM paths: `/`, or `/division/team/`. */
export function checkPath(path: string | undefined): string {
  const p = path ?? '/';
  if (!/^\/([\x21-\x7e]*\/)?$/.test(p) || p.length > 512) throw new AwsError('ValidationError', 'The specified value for path is invalid. It must begin and end with / and contain only alphanumeric characters and/or / characters.');
  return p;
}

/** The user a request names, or the caller when it names none (GetUser, ListAccessKeys…). */
export function targetUser(ctx: RequestContext, name: string | undefined): UserRecord | undefined {
  const state = iamState(ctx);
  if (name) return findUser(state, name);
  return ctx.principal?.userName ? findUser(state, ctx.principal.userName) : undefined;
}

export function checkName(value: string | undefined, param: string, pattern = /^[\w+=,.@-]{1,128}$/): string {
  if (!value || !pattern.test(value)) {
    throw new AwsError('ValidationError', `1 validation error detected: Value '${value ?? ''}' at '${param}' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+`);
  }
  return value;
}

/** IAM's Marker/MaxItems paging (100 by default). */
export function paged<T, K extends string>(items: T[], input: { Marker?: string; MaxItems?: number }, key: K): Record<K, T[]> & { IsTruncated: boolean; Marker?: string } {
  const from = input.Marker ? Number(Buffer.from(input.Marker, 'base64url').toString()) : 0;
  const size = input.MaxItems ?? 100;
  const truncated = from + size < items.length;
  const page = { [key]: items.slice(from, from + size) } as Record<K, T[]>;
  return { ...page, IsTruncated: truncated, Marker: truncated ? Buffer.from(String(from + size)).toString('base64url') : undefined };
}

/** What List{Users,Groups,Roles,InstanceProfiles} answer from: those under PathPrefix, by name (their keys). */
export function underPath<T extends { Path: string }>(records: Record<string, T>, pathPrefix: string | undefined): T[] {
  return Object.keys(records)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => records[name])
    .filter((r) => !pathPrefix || r.Path.startsWith(pathPrefix));
}
