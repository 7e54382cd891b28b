/**
 * STS's temporary credentials: AssumeRole (the role's trust policy and the caller's own policies
 * weighed as AWS does, in one account or across two; session policies; ExternalId; MFA codes;
 * duration limits, role chaining's hour), GetSessionToken and GetFederationToken.
 */
import { AwsError, isRoot, type Principal, type RequestContext } from '../../core/types.js';
import { requestKeys } from '../../core/context-keys.js';
import { decide, denied, nameInArn } from '../iam/authorize.js';
import { checkMfaCode } from '../iam/mfa.js';
import { managedPolicy } from '../iam/policies.js';
import { parsePolicy } from '../iam/policy.js';
import { accountState, now } from '../iam/state.js';
import { trusts } from '../iam/trust.js';
import type { IamState, RoleRecord } from '../iam/types.js';
import { duration, issue } from './credentials.js';
import type { Input, Output } from './types.js';

const HOUR = 3600;
const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\x21-\x7e]*\/)?[\w+=,.@-]{1,64}$/;

function validation(member: string, value: string, constraint: string): AwsError {
  return new AwsError('ValidationError', `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${constraint}`);
}

export function checkSessionName(name: string | undefined, member: string, min: number, max: number): string {
  const v = name ?? '';
  if (v.length < min) throw validation(member, v, `Member must have length greater than or equal to ${min}`);
  if (v.length > max) throw validation(member, v, `Member must have length less than or equal to ${max}`);
  if (!/^[\w+=,.@-]*$/.test(v)) throw validation(member, v, 'Member must satisfy regular expression pattern: [\\w+=,.@-]*');
  return v;
}

/** The session policy documents: the inline Policy and the managed PolicyArns (of the account `state` is). */
function sessionPolicies(state: IamState, input: { Policy?: string; PolicyArns?: { arn?: string }[] }): string[] | undefined {
  if (input.Policy === undefined && !input.PolicyArns?.length) return undefined;
  if (input.Policy !== undefined) parsePolicy(input.Policy);
  const managed = (input.PolicyArns ?? []).map(({ arn }) => {
    const p = managedPolicy(state, arn);
    return p.versions[p.DefaultVersionId].document;
  });
  return [...(input.Policy !== undefined ? [input.Policy] : []), ...managed];
}

/** A packed size AWS would report: the policies' share of the limit, in percent. */
function packedSize(policies: string[] | undefined): number | undefined {
  return policies ? Math.ceil(policies.reduce((n, p) => n + JSON.stringify(JSON.parse(p)).length, 0) / 20.48) : undefined;
}

export function assumeRole(input: Input<'AssumeRole'>, ctx: RequestContext): Output<'AssumeRole'> {
  const caller = ctx.principal!;
  const sessionName = checkSessionName(input.RoleSessionName, 'roleSessionName', 2, 64);
  const arn = input.RoleArn ?? '';
  const { state, role } = roleNamed(ctx, arn);
  const action = 'sts:AssumeRole';
  const mfa = mfaGiven(ctx, caller, input);
  const mfaKeys = mfa ? { 'aws:MultiFactorAuthPresent': 'true', 'aws:MultiFactorAuthAge': '0' } : {};
  const keys = { ...requestKeys(ctx.req, caller), ...mfaKeys, 'sts:ExternalId': input.ExternalId, 'sts:RoleSessionName': sessionName };
  const refused = () => denied(caller, action, arn, { decision: 'ImplicitDeny', by: 'identity-based policy' });
  // A role that does not exist is refused as one that does not trust the caller: AWS does not say which.
  if (!role) throw refused();
  const trust = trusts(role, caller, action, keys);
  const identity = isRoot(caller) ? undefined : decide(ctx.sandbox, caller, { action, resource: arn, keys });
  if (identity?.decision === 'ExplicitDeny') throw denied(caller, action, arn, identity);
  if (trust.decision !== 'Allow') throw refused();
  const sameAccount = caller.accountId === role.Arn.split(':')[4];
  if (identity && identity.decision !== 'Allow' && !(sameAccount && trust.namesCaller)) throw denied(caller, action, arn, identity);

  const chained = !!caller.session?.roleArn;
  if (chained && (input.DurationSeconds ?? HOUR) > HOUR) throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  return roleSession(ctx, state, role, sessionName, input, { mfa: mfa || (caller.session?.mfa ?? false), chained });
}

/** Credentials for a session of `role` (AssumeRole, AssumeRoleWithWebIdentity), the role's last use recorded. */
export function roleSession(
  ctx: RequestContext,
  state: IamState,
  role: RoleRecord,
  sessionName: string,
  input: { DurationSeconds?: number; Policy?: string; PolicyArns?: { arn?: string }[] },
  facts: { mfa: boolean; chained?: boolean },
) {
  if ((input.DurationSeconds ?? 0) > role.MaxSessionDuration) throw new AwsError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  const seconds = duration(input.DurationSeconds, HOUR, 900, 12 * HOUR);
  const policies = sessionPolicies(state, input);
  const accountId = role.Arn.split(':')[4];
  const sessionArn = `arn:aws:sts::${accountId}:assumed-role/${role.RoleName}/${sessionName}`;
  const assumedRoleId = `${role.RoleId}:${sessionName}`;
  const credentials = issue(ctx, { accountId, arn: sessionArn, userId: assumedRoleId }, seconds, { roleArn: role.Arn, policies, ...facts });
  role.lastUsed = { date: now(), region: ctx.region };
  ctx.sandbox.store.markDirty('iam');
  return { Credentials: credentials, AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: sessionArn }, PackedPolicySize: packedSize(policies) };
}

/** The role an ARN names, if it exists (a refusal must not say whether it does). */
export function roleNamed(ctx: RequestContext, arn: string): { state: IamState; role?: RoleRecord } {
  const m = ROLE_ARN.exec(arn);
  if (!m) throw new AwsError('ValidationError', `${arn} is invalid`);
  const state = accountState(ctx.sandbox, m[1]);
  const role = Object.hasOwn(state.roles, nameInArn(arn)) ? state.roles[nameInArn(arn)] : undefined;
  return { state, role: role?.Arn === arn ? role : undefined };
}

/** Whether the request proves MFA (SerialNumber and TokenCode of a device enabled for the caller); a wrong code is AccessDenied. */
function mfaGiven(ctx: RequestContext, caller: Principal, input: { SerialNumber?: string; TokenCode?: string }): boolean {
  if (!input.SerialNumber) return false;
  checkMfaCode(ctx.sandbox, caller.accountId, caller.userName, input.SerialNumber, input.TokenCode);
  return true;
}

/** GetSessionToken and GetFederationToken take long-term credentials only, as AWS does. */
function longTermCaller(ctx: RequestContext, operation: string): Principal {
  const caller = ctx.principal!;
  if (caller.session) throw new AwsError('AccessDenied', `Cannot call ${operation} with session credentials`, 403);
  return caller;
}

export function getSessionToken(input: Input<'GetSessionToken'>, ctx: RequestContext): Output<'GetSessionToken'> {
  const caller = longTermCaller(ctx, 'GetSessionToken');
  // The root user's sessions last at most an hour.
  const seconds = duration(input.DurationSeconds, isRoot(caller) ? HOUR : 12 * HOUR, 900, isRoot(caller) ? HOUR : 36 * HOUR);
  const { accessKeyId: _, ...identity } = caller;
  return { Credentials: issue(ctx, identity, seconds, { mfa: mfaGiven(ctx, caller, input) }) };
}

export function getFederationToken(input: Input<'GetFederationToken'>, ctx: RequestContext): Output<'GetFederationToken'> {
  const caller = longTermCaller(ctx, 'GetFederationToken');
  const name = checkSessionName(input.Name, 'name', 2, 32);
  const seconds = duration(input.DurationSeconds, 12 * HOUR, 900, isRoot(caller) ? HOUR : 36 * HOUR);
  // Without a session policy a federated user can do nothing.
  const policies = sessionPolicies(accountState(ctx.sandbox, caller.accountId), input) ?? [];
  const arn = `arn:aws:sts::${caller.accountId}:federated-user/${name}`;
  const id = `${caller.accountId}:${name}`;
  const credentials = issue(ctx, { accountId: caller.accountId, arn, userId: id }, seconds, { federatedFrom: caller.userName, policies, mfa: false });
  return { Credentials: credentials, FederatedUser: { FederatedUserId: id, Arn: arn }, PackedPolicySize: packedSize(policies) };
}
