/**
 * A role's trust policy: whether it lets `caller` assume the role. Statements name principals as
 * AWS does — `*`, an account (`123456789012` or its `:root` ARN: anyone there whose own policies
 * allow it), or one user, role or role session by ARN (that principal, whose own policies then
 * need not allow it when in the role's account); or, as `Federated`, an identity provider whose
 * users it lets in (AssumeRoleWithWebIdentity).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html
 */
import { list, statementMatches, type ContextKeys } from '../../core/policy.js';
import type { Principal } from '../../core/types.js';
import { parsePolicy } from './policy.js';
import type { RoleRecord } from './types.js';

/** How a statement's Principal names the caller: by its own ARN, through its account, or not at all. */
type Naming = 'exact' | 'account' | undefined;

/** Who asks to assume the role: an AWS principal, or a user of an identity provider (its ARN). */
export type Caller = Principal | { federated: string };

function naming(p: unknown, caller: Caller): Naming {
  if ('federated' in caller) return p && typeof p === 'object' && list((p as { Federated?: unknown }).Federated).includes(caller.federated) ? 'exact' : undefined;
  if (p === '*') return 'account';
  if (!p || typeof p !== 'object') return undefined;
  const names = list((p as { AWS?: unknown }).AWS);
  const own = [caller.arn, caller.session?.roleArn].filter(Boolean);
  if (names.some((a) => own.includes(a))) return 'exact';
  if (names.some((a) => a === '*' || a === caller.accountId || a === `arn:aws:iam::${caller.accountId}:root`)) return 'account';
  return undefined;
}

export interface TrustVerdict {
  decision: 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';
  /** The allowing statement names the caller itself, not just its account. */
  namesCaller: boolean;
}

export function trusts(role: RoleRecord, caller: Caller, action: string, keys: ContextKeys): TrustVerdict {
  const facts = { action, resource: role.Arn, keys };
  const matching = parsePolicy(role.AssumeRolePolicyDocument, 'trust')
    .Statement.map((s) => ({ s, how: naming(s.Principal, caller) }))
    // Trust statements have no Resource: they speak of the role itself.
    .filter(({ s, how }) => how && statementMatches({ ...s, Resource: '*' }, facts));
  if (matching.some(({ s }) => s.Effect === 'Deny')) return { decision: 'ExplicitDeny', namesCaller: false };
  const allows = matching.filter(({ s }) => s.Effect === 'Allow');
  return { decision: allows.length ? 'Allow' : 'ImplicitDeny', namesCaller: allows.some(({ how }) => how === 'exact') };
}
