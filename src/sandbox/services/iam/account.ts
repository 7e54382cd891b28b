/**
 * Account-wide IAM settings: the account alias (one per account, unique across accounts), the
 * password policy, and users' console passwords (login profiles), checked against that policy or
 * AWS's default one (8 characters, three of the four kinds). Only a password's hash is kept.
 */
import { randomBytes, scryptSync } from 'node:crypto';
import { AwsError, type RequestContext } from '../../core/types.js';
import { entityAlreadyExists, findUser, iamState, noSuchEntity, now, SERVICE } from './state.js';
import type { IamState, Input, Output, PasswordPolicyRecord } from './types.js';

const ALIAS = /^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$/;

export function createAccountAlias(input: Input<'CreateAccountAlias'>, ctx: RequestContext): Output<'CreateAccountAlias'> {
  const alias = input.AccountAlias ?? '';
  if (!ALIAS.test(alias)) throw new AwsError('ValidationError', `1 validation error detected: Value '${alias}' at 'accountAlias' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-z0-9]([a-z0-9]|-(?!-)){1,61}[a-z0-9]$`);
  const taken = ctx.sandbox.store.all<IamState>(SERVICE).some(({ accountId, state }) => accountId !== ctx.accountId && state.account?.alias === alias);
  if (taken) throw entityAlreadyExists(`The account alias ${alias} already exists.`);
  iamState(ctx).account.alias = alias; // an account has one alias: a new one replaces it
  return {};
}

export function listAccountAliases(_input: Input<'ListAccountAliases'>, ctx: RequestContext): Output<'ListAccountAliases'> {
  const alias = iamState(ctx).account.alias;
  return { AccountAliases: alias ? [alias] : [], IsTruncated: false };
}

export function deleteAccountAlias(input: Input<'DeleteAccountAlias'>, ctx: RequestContext): Output<'DeleteAccountAlias'> {
  const account = iamState(ctx).account;
  if (account.alias !== input.AccountAlias) throw noSuchEntity(`The account alias ${input.AccountAlias} cannot be found.`);
  delete account.alias;
  return {};
}

export function updateAccountPasswordPolicy(input: Input<'UpdateAccountPasswordPolicy'>, ctx: RequestContext): Output<'UpdateAccountPasswordPolicy'> {
  const length = input.MinimumPasswordLength ?? 6;
  if (length < 6 || length > 128) throw new AwsError('ValidationError', `1 validation error detected: Value '${length}' at 'minimumPasswordLength' failed to satisfy constraint: Member must have value ${length < 6 ? 'greater than or equal to 6' : 'less than or equal to 128'}`);
  iamState(ctx).account.passwordPolicy = {
    MinimumPasswordLength: length,
    RequireSymbols: input.RequireSymbols ?? false,
    RequireNumbers: input.RequireNumbers ?? false,
    RequireUppercaseCharacters: input.RequireUppercaseCharacters ?? false,
    RequireLowercaseCharacters: input.RequireLowercaseCharacters ?? false,
    AllowUsersToChangePassword: input.AllowUsersToChangePassword ?? false,
    MaxPasswordAge: input.MaxPasswordAge,
    PasswordReusePrevention: input.PasswordReusePrevention,
    HardExpiry: input.HardExpiry,
  };
  return {};
}

function noPolicy(ctx: RequestContext): AwsError {
  return noSuchEntity(`The Password Policy with domain name ${ctx.accountId} cannot be found.`);
}

export function getAccountPasswordPolicy(_input: Input<'GetAccountPasswordPolicy'>, ctx: RequestContext): Output<'GetAccountPasswordPolicy'> {
  const policy = iamState(ctx).account.passwordPolicy;
  if (!policy) throw noPolicy(ctx);
  return { PasswordPolicy: { ...policy, ExpirePasswords: policy.MaxPasswordAge !== undefined } };
}

export function deleteAccountPasswordPolicy(_input: Input<'DeleteAccountPasswordPolicy'>, ctx: RequestContext): Output<'DeleteAccountPasswordPolicy'> {
  const account = iamState(ctx).account;
  if (!account.passwordPolicy) throw noPolicy(ctx);
  delete account.passwordPolicy;
  return {};
}

const KINDS: Array<[keyof PasswordPolicyRecord, RegExp, string]> = [
  ['RequireUppercaseCharacters', /[A-Z]/, 'one uppercase letter'],
  ['RequireLowercaseCharacters', /[a-z]/, 'one lowercase letter'],
  ['RequireNumbers', /[0-9]/, 'one number'],
  ['RequireSymbols', /[^A-Za-z0-9]/, 'one non-alphanumeric character'],
];

/** PasswordPolicyViolation naming what the password lacks, as IAM says it. */
function checkPassword(state: IamState, password: string | undefined): string {
  const p = password ?? '';
  const policy = state.account.passwordPolicy;
  const violation = (why: string) => new AwsError('PasswordPolicyViolation', `Password should ${why}`);
  const min = policy?.MinimumPasswordLength ?? 8;
  if (p.length < min) throw violation(`have at least ${min} characters`);
  if (policy) {
    for (const [rule, re, what] of KINDS) if (policy[rule] && !re.test(p)) throw violation(`have at least ${what}`);
  } else if (KINDS.filter(([, re]) => re.test(p)).length < 3) {
    throw violation('contain at least three of: uppercase letters, lowercase letters, numbers, symbols');
  }
  return p;
}

function hash(password: string): string {
  const salt = randomBytes(16);
  return `${salt.toString('base64')}$${scryptSync(password, salt, 32).toString('base64')}`;
}

export function createLoginProfile(input: Input<'CreateLoginProfile'>, ctx: RequestContext): Output<'CreateLoginProfile'> {
  const state = iamState(ctx);
  const user = findUser(state, input.UserName);
  if (user.loginProfile) throw entityAlreadyExists(`Login Profile for user ${user.UserName} already exists.`);
  user.loginProfile = { passwordHash: hash(checkPassword(state, input.Password)), createDate: now(), passwordResetRequired: input.PasswordResetRequired ?? false };
  return { LoginProfile: { UserName: user.UserName, CreateDate: user.loginProfile.createDate, PasswordResetRequired: user.loginProfile.passwordResetRequired } };
}

function loginProfileOf(state: IamState, userName: string | undefined) {
  const user = findUser(state, userName);
  if (!user.loginProfile) throw noSuchEntity(`Login Profile for User ${user.UserName} cannot be found.`);
  return { user, profile: user.loginProfile };
}

export function getLoginProfile(input: Input<'GetLoginProfile'>, ctx: RequestContext): Output<'GetLoginProfile'> {
  const { user, profile } = loginProfileOf(iamState(ctx), input.UserName);
  return { LoginProfile: { UserName: user.UserName, CreateDate: profile.createDate, PasswordResetRequired: profile.passwordResetRequired } };
}

export function updateLoginProfile(input: Input<'UpdateLoginProfile'>, ctx: RequestContext): Output<'UpdateLoginProfile'> {
  const state = iamState(ctx);
  const { profile } = loginProfileOf(state, input.UserName);
  if (input.Password !== undefined) profile.passwordHash = hash(checkPassword(state, input.Password));
  if (input.PasswordResetRequired !== undefined) profile.passwordResetRequired = input.PasswordResetRequired;
  return {};
}

export function deleteLoginProfile(input: Input<'DeleteLoginProfile'>, ctx: RequestContext): Output<'DeleteLoginProfile'> {
  const { user } = loginProfileOf(iamState(ctx), input.UserName);
  delete user.loginProfile;
  return {};
}
