/**
 * The sandbox's policy check, installed as `runtime.authorize`: requests signed with an IAM
 * user's key are evaluated against the user's inline and attached policies; denials come back in
 * each service's own error (EC2's UnauthorizedOperation, SNS's AuthorizationError, S3's
 * AccessDenied, the others' AccessDenied with AWS's message). Root keys are always allowed.
 */
import { AwsError, type Principal, type SandboxRuntime } from '../../core/types.js';
import { principalKeys } from '../../core/context-keys.js';
import type { ContextKeys } from '../../core/policy.js';
import { managedPolicy } from './policies.js';
import { evaluate, parsePolicy, type PolicyDocument } from './policy.js';
import { accountState } from './state.js';

/** Operations every identity may call, as on AWS. */
const ALWAYS_ALLOWED = new Set(['sts:getcalleridentity']);

function userPolicies(runtime: SandboxRuntime, principal: Principal): PolicyDocument[] {
  const state = accountState(runtime, principal.accountId);
  const user = state.users[principal.userName ?? ''];
  if (!user) return [];
  const docs = [...Object.values(user.inlinePolicies), ...user.attachedPolicies.map((arn) => {
    const p = managedPolicy(state, arn);
    return p.versions[p.DefaultVersionId].document;
  })];
  return docs.map((d) => parsePolicy(d));
}

function denied(principal: Principal, action: string, resource: string, explicit: boolean): AwsError {
  const [service] = action.split(':');
  const why = explicit ? `with an explicit deny in an identity-based policy` : `because no identity-based policy allows the ${action} action`;
  const message = `User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
  switch (service) {
    case 'ec2':
      return new AwsError('UnauthorizedOperation', `You are not authorized to perform this operation. ${message}`, 403);
    case 'sns':
      return new AwsError('AuthorizationError', message.replace(`perform: ${action}`, `perform: SNS:${action.split(':')[1]}`), 403);
    case 's3':
      return new AwsError('AccessDenied', 'Access Denied', 403);
    default:
      return new AwsError('AccessDenied', message, 403);
  }
}

export function authorizer(runtime: SandboxRuntime) {
  return (principal: Principal, action: string, resource: string, context: ContextKeys = {}): void => {
    if (!principal.userName || ALWAYS_ALLOWED.has(action.toLowerCase())) return;
    const decision = evaluate(userPolicies(runtime, principal), { action, resource, keys: { ...context, ...principalKeys(principal) } });
    if (decision !== 'Allow') throw denied(principal, action, resource, decision === 'ExplicitDeny');
  };
}
