/**
 * Identity policy evaluation, as IAM does it: an explicit Deny wins, else any Allow, else the
 * implicit deny. Action and resource patterns take `*` and `?` (matching across `/` and `:`),
 * actions case-insensitively; NotAction/NotResource invert; `${aws:username}`-style variables are
 * substituted. Conditions: the String*, Bool, Null and ArnLike families on the keys the sandbox
 * knows; a statement with a condition on any other key does not apply.
 */
import { AwsError } from '../../core/types.js';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

export interface PolicyDocument {
  Version?: string;
  Statement: Statement[];
}

function list(v: string | string[] | undefined): string[] | undefined {
  return v === undefined ? undefined : Array.isArray(v) ? v : [v];
}

/** Parses and checks a policy document, failing as IAM does (MalformedPolicyDocument). */
export function parsePolicy(text: string | undefined): PolicyDocument {
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
    if ((s.Resource === undefined) === (s.NotResource === undefined)) throw malformed('Policy statement must contain resources.');
    for (const a of list(s.Action ?? s.NotAction)!) if (a !== '*' && !/^[a-z0-9-]+:[A-Za-z0-9*?]+$/.test(a)) throw malformed(`Action vendors must not contain wildcards. Invalid action: ${a}`);
  }
  return { Version: doc.Version as string | undefined, Statement: statements };
}

/** `*` and `?` wildcards; everything else literal. */
function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value);
}

export interface RequestFacts {
  action: string;
  resource: string;
  /** Condition keys and policy variables: aws:username, aws:userid, aws:PrincipalArn, aws:PrincipalAccount… */
  keys: Record<string, string>;
}

function substitute(pattern: string, keys: Record<string, string>): string {
  return pattern.replace(/\$\{([^}]+)\}/g, (m, k: string) => keys[k] ?? keys[k.toLowerCase()] ?? m);
}

function conditionHolds(condition: Statement['Condition'], keys: Record<string, string>): boolean {
  for (const [operator, tests] of Object.entries(condition ?? {})) {
    const ifExists = operator.endsWith('IfExists');
    const op = operator.replace(/IfExists$/, '').replace(/^ForAnyValue:|^ForAllValues:/, '');
    for (const [key, expected] of Object.entries(tests)) {
      const actual = keys[key] ?? keys[key.toLowerCase()];
      const values = (Array.isArray(expected) ? expected : [expected]).map((v) => substitute(String(v), keys));
      if (op === 'Null') {
        if ((actual === undefined) !== (values[0] === 'true')) return false;
        continue;
      }
      if (actual === undefined) {
        if (ifExists) continue;
        return false;
      }
      const ok = (() => {
        switch (op) {
          case 'StringEquals':
          case 'ArnEquals':
            return values.includes(actual);
          case 'StringNotEquals':
          case 'ArnNotEquals':
            return !values.includes(actual);
          case 'StringEqualsIgnoreCase':
            return values.some((v) => v.toLowerCase() === actual.toLowerCase());
          case 'StringLike':
          case 'ArnLike':
            return values.some((v) => wildcard(v, actual, false));
          case 'StringNotLike':
          case 'ArnNotLike':
            return !values.some((v) => wildcard(v, actual, false));
          case 'Bool':
            return values.includes(actual);
          default:
            return false;
        }
      })();
      if (!ok) return false;
    }
  }
  return true;
}

function applies(s: Statement, facts: RequestFacts): boolean {
  const actionMatch = (patterns: string[]) => patterns.some((p) => wildcard(p, facts.action, true));
  const resourceMatch = (patterns: string[]) => patterns.some((p) => wildcard(substitute(p, facts.keys), facts.resource, false));
  const action = s.Action !== undefined ? actionMatch(list(s.Action)!) : !actionMatch(list(s.NotAction)!);
  const resource = s.Resource !== undefined ? resourceMatch(list(s.Resource)!) : !resourceMatch(list(s.NotResource)!);
  return action && resource && conditionHolds(s.Condition, facts.keys);
}

export type Decision = 'Allow' | 'ExplicitDeny' | 'ImplicitDeny';

export function evaluate(policies: PolicyDocument[], facts: RequestFacts): Decision {
  const statements = policies.flatMap((p) => p.Statement).filter((s) => applies(s, facts));
  if (statements.some((s) => s.Effect === 'Deny')) return 'ExplicitDeny';
  return statements.some((s) => s.Effect === 'Allow') ? 'Allow' : 'ImplicitDeny';
}
