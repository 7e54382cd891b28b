/**
 * The sandbox's policy check, installed as `runtime.authorize`: requests are evaluated against
 * the policies of who signed them — an IAM user's own and its groups', an assumed role's, a
 * federated user's — and, for temporary credentials made with a session policy, that policy too
 * (a session may do only what both allow). Denials come back in each service's own error (EC2's
 * UnauthorizedOperation, SNS's AuthorizationError, S3's AccessDenied, the others' AccessDenied
 * with AWS's message naming the action and resource). Root keys are always allowed.
 */
import { AwsError, isRoot, type Principal, type SandboxRuntime } from '../../core/types.js';
import { principalKeys } from '../../core/context-keys.js';
import type { ContextKeys } from '../../core/policy.js';
import { managedPolicy } from './policies.js';
import { encodeAuthorizationMessage } from './authorization-message.js';
import { explain, parsePolicy, type Decision, type RequestFacts, type Statement } from './policy.js';
import { accountState } from './state.js';
import type { IamState, PolicyHolder, UserRecord } from './types.js';

/**
 * Operations no policy governs, as on AWS (who am I; a user's own session token); and AssumeRole,
 * whose handler weighs the caller's policies with the role's trust policy.
 */
const NOT_CHECKED_HERE = new Set(['sts:getcalleridentity', 'sts:getsessiontoken', 'sts:assumerole']);

/** A holder's inline documents and its attached policies' default versions. */
export function documentsOf(state: IamState, holder: PolicyHolder): string[] {
  return [...Object.values(holder.inlinePolicies), ...holder.attachedPolicies.map((arn) => {
    const p = managedPolicy(state, arn);
    return p.versions[p.DefaultVersionId].document;
  })];
}

/** The name at the end of a user or role ARN, after its path. */
export function nameInArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** A user's own policies and its groups'. */
export function userDocuments(state: IamState, user: UserRecord): string[] {
  return [...documentsOf(state, user), ...(user.groups ?? []).flatMap((g) => (state.groups[g] ? documentsOf(state, state.groups[g]) : []))];
}

/** The identity-based policies `principal` acts with; undefined for an account's root, which none bind. */
function identityDocuments(runtime: SandboxRuntime, principal: Principal): string[] | undefined {
  const state = accountState(runtime, principal.accountId);
  const roleArn = principal.session?.roleArn;
  if (roleArn) {
    const role = state.roles[nameInArn(roleArn)];
    return role?.Arn === roleArn ? documentsOf(state, role) : []; // a deleted role's sessions can do nothing
  }
  const userName = principal.userName ?? principal.session?.federatedFrom;
  if (!userName) return isRoot(principal) ? undefined : [];
  const user = state.users[userName];
  return user ? userDocuments(state, user) : [];
}

export interface Verdict {
  decision: Decision;
  /** Which kind of policy failed to allow: an identity-based or the session policy. */
  by: 'identity-based policy' | 'session policy';
  /** The statements that decided (the denying ones of an explicit deny), for the encoded authorization message. */
  statements?: Statement[];
}

/** What IAM decides for `principal` doing `facts.action` on `facts.resource`: the one evaluation behind every request. */
export function decide(runtime: SandboxRuntime, principal: Principal, facts: RequestFacts): Verdict {
  return weigh(identityDocuments(runtime, principal), principal.session?.policies, withPrincipalKeys(facts, principal));
}

function withPrincipalKeys(facts: RequestFacts, principal: Principal): RequestFacts {
  return { ...facts, keys: { ...facts.keys, ...principalKeys(principal) } };
}

/** Identity-based policies (undefined: root, unbound) and session policies (undefined: none) on one request. */
export function weigh(documents: string[] | undefined, sessionPolicies: string[] | undefined, facts: RequestFacts): Verdict {
  const unbound = { decision: 'Allow' as const, statements: [] };
  const identity = documents ? explain(documents.map((d) => parsePolicy(d)), facts) : unbound;
  const session = sessionPolicies ? explain(sessionPolicies.map((d) => parsePolicy(d)), facts) : unbound;
  if (identity.decision === 'ExplicitDeny') return { ...identity, by: 'identity-based policy' };
  if (session.decision === 'ExplicitDeny') return { ...session, by: 'session policy' };
  if (identity.decision !== 'Allow') return { ...identity, by: 'identity-based policy' };
  return { ...session, by: 'session policy' };
}

/** The refusal in the service's words; EC2's ends with the encoded authorization message, as AWS's does. */
export function denied(principal: Principal, action: string, resource: string, verdict: Verdict, encodedMessage?: string, service = action.split(':')[0]): AwsError {
  const why = verdict.decision === 'ExplicitDeny' ? `with an explicit deny in an ${verdict.by}` : `because no ${verdict.by} allows the ${action} action`;
  const message = `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
  switch (service) {
    case 'ec2':
      return new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. ${message}${encodedMessage ? `. Encoded authorization failure message: ${encodedMessage}` : ''}`, 403);
    case 'sns':
      return new AwsError('AuthorizationError', message.replace(`perform: ${action}`, `perform: SNS:${action.split(':')[1]}`), 403);
    case 's3':
      return new AwsError('AccessDenied', 'Access Denied', 403);
    default:
      return new AwsError('AccessDenied', message, 403);
  }
}

export function authorizer(runtime: SandboxRuntime) {
  return (principal: Principal, action: string, resource: string, context: () => ContextKeys = () => ({}), service = action.split(':')[0].toLowerCase()): void => {
    if (NOT_CHECKED_HERE.has(action.toLowerCase())) return;
    // A GetSessionToken session made without MFA may not call IAM at all; AWS calls its token invalid there.
    const session = principal.session;
    if (session && !session.roleArn && !session.federatedFrom && !session.mfa && action.toLowerCase().startsWith('iam:')) {
      throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid', 403);
    }
    const documents = identityDocuments(runtime, principal);
    const sessionPolicies = principal.session?.policies;
    // An account's root without a session policy: no policy to evaluate, so no request context to build.
    if (!documents && !sessionPolicies) return;
    const facts = { action, resource, keys: context() };
    const verdict = weigh(documents, sessionPolicies, withPrincipalKeys(facts, principal));
    if (verdict.decision === 'Allow') return;
    const encoded = service === 'ec2' ? encodeAuthorizationMessage(runtime, principal, facts, verdict) : undefined;
    throw denied(principal, action, resource, verdict, encoded, service);
  };
}
