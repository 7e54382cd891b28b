/**
 * Identity policy evaluation, as IAM does it: an explicit Deny wins, else any Allow, else the
 * implicit deny. The policy language itself (wildcards, policy variables, Condition operators) is
 * the sandbox-wide one in core/policy.ts, shared with S3 bucket policies.
 */
import { AwsError } from '../../core/types.js';
import { list, statementMatches, type RequestFacts, type Statement } from '../../core/policy.js';

export type { RequestFacts, Statement } from '../../core/policy.js';

export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

/**
 * Parses and checks a policy document, failing as IAM does (MalformedPolicyDocument). A trust
 * policy (a role's AssumeRolePolicyDocument) names a Principal and no Resource.
 */
export function parsePolicy(text: string | undefined, kind: 'identity' | 'trust' = 'identity'): PolicyDocument {
  const malformed = (why: string) => new AwsError('MalformedPolicyDocument', why);
  let doc: { Version?: unknown; Statement?: unknown };
  try {
    doc = JSON.parse(text ?? '') as typeof doc;
  } catch {
    throw malformed('Syntax errors in policy.');
  }
  if (!doc || typeof doc !== 'object' || doc.Statement === undefined) throw malformed('Syntax errors in policy.');
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') throw malformed('The policy failed legacy parsing');
  const statements = (Array.isArray(doc.Statement) ? doc.Statement : [doc.Statement]) as Statement[];
  for (const s of statements) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny') throw malformed('Syntax errors in policy.');
    if ((s.Action === undefined) === (s.NotAction === undefined)) throw malformed('Policy statement must contain actions.');
    if (kind === 'trust') {
      if (s.Resource !== undefined || s.NotResource !== undefined) throw malformed('Has prohibited field Resource');
      if (s.Principal === undefined) throw malformed('Missing required field Principal');
    } else {
      if (s.Principal !== undefined) throw malformed('Policy document should not specify a principal.');
      if ((s.Resource === undefined) === (s.NotResource === undefined)) throw malformed('Policy statement must contain resources.');
    }
    for (const a of list(s.Action ?? s.NotAction)) if (a !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) throw malformed(`Action vendors must not contain wildcards. Invalid action: ${a}`);
  }
  return { Version: doc.Version as string | undefined, Statement: statements };
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

/** The decision and the statements that made it: the denying ones for an explicit deny, else the allowing ones. */
export function explain(policies: PolicyDocument[], facts: RequestFacts): { decision: Decision; statements: Statement[] } {
  const statements = policies.flatMap((p) => p.Statement).filter((s) => statementMatches(s, facts));
  const denies = statements.filter((s) => s.Effect === 'Deny');
  if (denies.length) return { decision: 'ExplicitDeny', statements: denies };
  return { decision: statements.length ? 'Allow' : 'ImplicitDeny', statements };
}
