/** Where the IAM state lives, ids in AWS's shapes, and IAM's errors. */
import { randomBytes } from 'node:crypto';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import type { IamState, UserRecord } from './types.js';

export const SERVICE = 'iam';

export function accountState(runtime: SandboxRuntime, accountId: string): IamState {
  return runtime.store.get<IamState>(SERVICE, accountId, 'global', () => ({ users: {}, accessKeys: {}, policies: {} }));
}

export function iamState(ctx: Pick<RequestContext, 'sandbox' | 'accountId'>): IamState {
  return accountState(ctx.sandbox, ctx.accountId);
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** `AIDA…`, `AKIA…`, `ANPA…`: a prefix and 16 (or `length`) upper-case characters. */
export function newId(prefix: string, length = 16): string {
  return prefix + [...randomBytes(length)].map((b) => ID_ALPHABET[b % 32]).join('');
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
