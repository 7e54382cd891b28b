/**
 * The IAM policy language, shared by identity policies (IAM) and resource policies (S3 bucket
 * policies): `*`/`?` wildcards, `${aws:username}`-style policy variables, and the Condition
 * operators, evaluated against a request context as the IAM reference describes them.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
import { BlockList, isIP } from 'node:net';

/** A request context key's value: most keys hold one string, a few (aws:TagKeys…) several. */
export type ContextValue = string | string[];
/** `aws:SourceIp`, `s3:prefix`…; names compare case-insensitively, as in AWS. */
export type ContextKeys = Record<string, ContextValue | undefined>;

/** `{ "StringLike": { "aws:Referer": ["http://a/*"] } }` */
export type Condition = Record<string, Record<string, unknown>>;

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  /** Resource policies only (bucket policies). */
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Condition;
}

export interface RequestFacts {
  /** `s3:GetObject` */
  action: string;
  /** `arn:aws:s3:::bucket/key` */
  resource: string;
  /** The request context: condition keys, which are also the policy variables. */
  keys: ContextKeys;
}

/** A policy document's statements (its Statement, one or a list); none for no policy. */
export function policyStatements(policy: string | undefined): Statement[] {
  if (!policy) return [];
  const doc = JSON.parse(policy) as { Statement?: Statement | Statement[] };
  return Array.isArray(doc.Statement) ? doc.Statement : doc.Statement ? [doc.Statement] : [];
}

/** Whom a resource policy's Principal is matched against: an AWS service, an account's principal (its ARN when known), or nobody (anonymous). */
export interface PolicySubject {
  service?: string;
  accountId?: string;
  arn?: string;
}

/**
 * Whether a statement's Principal names `who`: `*` (or `{AWS: '*'}`) anyone, services included;
 * `{Service: …}` a service; `{AWS: …}` an account (its id or root ARN, meaning every principal of
 * it) or one user or role by ARN.
 */
export function principalMatches(principal: unknown, who: PolicySubject): boolean {
  if (principal === '*') return true;
  if (!principal || typeof principal !== 'object') return false;
  const { AWS, Service } = principal as { AWS?: unknown; Service?: unknown };
  const named = list(AWS);
  if (named.includes('*')) return true;
  if (who.service) return list(Service).includes(who.service);
  const { accountId, arn } = who;
  return !!accountId && named.some((a) => a === accountId || a === `arn:aws:iam::${accountId}:root` || (arn !== undefined && a === arn));
}

/** A policy element that may be one value or a list of them. */
export function list(v: unknown): string[] {
  return v === undefined || v === null ? [] : Array.isArray(v) ? v.map(String) : [String(v)];
}

export function lookup(keys: ContextKeys, name: string): ContextValue | undefined {
  if (keys[name] !== undefined) return keys[name];
  const lower = name.toLowerCase();
  return Object.entries(keys).find(([k]) => k.toLowerCase() === lower)?.[1];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether `value` matches `pattern`. Wildcards cross `/` and `:`. With `keys`, `${name}` and
 * `${name, 'default'}` are replaced by their (literal) value, and `${*}`, `${?}`, `${$}` stand for
 * those characters; a variable without a value matches nothing, as in AWS.
 */
export function like(pattern: string, value: string, opts: { keys?: ContextKeys; wildcards?: boolean; ignoreCase?: boolean } = {}): boolean {
  const { keys, wildcards = true, ignoreCase = false } = opts;
  const literal = (s: string) => (wildcards ? escape(s).replace(/\\\*/g, '.*').replace(/\\\?/g, '.') : escape(s));
  let re = '';
  let last = 0;
  for (const m of keys ? pattern.matchAll(/\$\{([^}]*)\}/g) : []) {
    const v = variable(m[1], keys!);
    if (v === undefined) return false;
    re += literal(pattern.slice(last, m.index)) + escape(v);
    last = m.index! + m[0].length;
  }
  re += literal(pattern.slice(last));
  return new RegExp(`^${re}$`, ignoreCase ? 'is' : 's').test(value);
}

function variable(expr: string, keys: ContextKeys): string | undefined {
  const m = /^\s*([^,\s]+)\s*(?:,\s*'([^']*)'\s*)?$/.exec(expr);
  if (!m) return undefined;
  if (m[1] === '*' || m[1] === '?' || m[1] === '$') return m[1];
  const v = lookup(keys, m[1]);
  return typeof v === 'string' ? v : m[2]; // multi-valued keys are not variables
}

/** Action, Resource (or their Not forms) and Condition: whether the statement speaks of this request. */
export function statementMatches(s: Statement, facts: RequestFacts): boolean {
  const action = (p: string) => like(p, facts.action, { ignoreCase: true });
  const resource = (p: string) => like(p, facts.resource, { keys: facts.keys });
  const actionOk = s.Action !== undefined ? list(s.Action).some(action) : s.NotAction !== undefined && !list(s.NotAction).some(action);
  const resourceOk = s.Resource !== undefined ? list(s.Resource).some(resource) : s.NotResource !== undefined && !list(s.NotResource).some(resource);
  return actionOk && resourceOk && conditionsHold(s.Condition, facts.keys);
}

/** One operator: does the request value `a` match the policy value `e`. Negated ones list their positive test. */
type Test = (a: string, e: string, keys: ContextKeys) => boolean;

const number = (s: string) => (s.trim() === '' ? NaN : Number(s));
/** ISO 8601, or epoch seconds (aws:EpochTime). */
const date = (s: string) => (/^\d+(\.\d+)?$/.test(s.trim()) ? Number(s) * 1000 : Date.parse(s));
const compare = (parse: (s: string) => number, ok: (d: number) => boolean): Test => (a, e) => {
  const d = parse(a) - parse(e);
  return !Number.isNaN(d) && ok(d);
};

const OPERATORS: Record<string, { test: Test; negated?: boolean }> = {
  StringEquals: { test: (a, e, keys) => like(e, a, { keys, wildcards: false }) },
  StringEqualsIgnoreCase: { test: (a, e, keys) => like(e, a, { keys, wildcards: false, ignoreCase: true }) },
  StringLike: { test: (a, e, keys) => like(e, a, { keys }) },
  ArnEquals: { test: arnLike },
  ArnLike: { test: arnLike },
  Bool: { test: (a, e) => a.toLowerCase() === e.toLowerCase() },
  NumericEquals: { test: compare(number, (d) => d === 0) },
  NumericLessThan: { test: compare(number, (d) => d < 0) },
  NumericLessThanEquals: { test: compare(number, (d) => d <= 0) },
  NumericGreaterThan: { test: compare(number, (d) => d > 0) },
  NumericGreaterThanEquals: { test: compare(number, (d) => d >= 0) },
  DateEquals: { test: compare(date, (d) => d === 0) },
  DateLessThan: { test: compare(date, (d) => d < 0) },
  DateLessThanEquals: { test: compare(date, (d) => d <= 0) },
  DateGreaterThan: { test: compare(date, (d) => d > 0) },
  DateGreaterThanEquals: { test: compare(date, (d) => d >= 0) },
  IpAddress: { test: (a, e) => inCidr(a, e) },
};
for (const [negated, positive] of Object.entries({
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
})) {
  OPERATORS[negated] = { test: OPERATORS[positive].test, negated: true };
}

/** ARNs compare component by component (six, split on `:`), so a `*` stays within its component. */
function arnLike(a: string, e: string, keys: ContextKeys): boolean {
  const parts = (s: string, outsideVariables: boolean) => {
    const p = s.split(outsideVariables ? /:(?![^{]*\})/ : ':');
    return p.length < 6 ? undefined : [...p.slice(0, 5), p.slice(5).join(':')];
  };
  const actual = parts(a, false);
  const expected = parts(e, true);
  return !!actual && !!expected && expected.every((p, i) => like(p, actual[i], { keys }));
}

/** An address in a CIDR (or equal to a bare address), IPv4 or IPv6. */
export function inCidr(address: string, cidr: string): boolean {
  const [net, bits] = cidr.trim().split('/');
  const family = isIP(net);
  const addressFamily = isIP(address);
  if (!family || !addressFamily) return false;
  const max = family === 6 ? 128 : 32;
  const prefix = bits === undefined ? max : Number(bits);
  if (!/^\d*$/.test(bits ?? '') || !Number.isInteger(prefix) || prefix > max) return false;
  const block = new BlockList();
  block.addSubnet(net, prefix, family === 6 ? 'ipv6' : 'ipv4');
  return block.check(address, addressFamily === 6 ? 'ipv6' : 'ipv4');
}

/** Every operator and every key must hold (AND); any of a key's policy values may match (OR). */
export function conditionsHold(condition: Condition | undefined, keys: ContextKeys): boolean {
  for (const [operator, tests] of Object.entries(condition ?? {})) {
    if (!tests || typeof tests !== 'object') return false;
    for (const [key, expected] of Object.entries(tests)) if (!holds(operator, lookup(keys, key), list(expected), keys)) return false;
  }
  return true;
}

function holds(operator: string, actual: ContextValue | undefined, expected: string[], keys: ContextKeys): boolean {
  const m = /^(?:(ForAnyValue|ForAllValues):)?(\w+?)(IfExists)?$/.exec(operator);
  if (!m) return false;
  const [, set, name, ifExists] = m;
  const values = actual === undefined ? [] : list(actual);
  if (name === 'Null') return expected.some((e) => (values.length === 0) === (e.toLowerCase() === 'true'));
  const op = OPERATORS[name];
  if (!op) return false; // an operator IAM does not know never matches
  if (values.length === 0) {
    // Absent key: IfExists passes; ForAllValues is vacuously true, ForAnyValue false; otherwise only a negated operator holds.
    if (ifExists || set === 'ForAllValues') return true;
    return !set && !!op.negated;
  }
  const one = (a: string) => expected.some((e) => op.test(a, e, keys)) !== !!op.negated;
  return set === 'ForAllValues' ? values.every(one) : values.some(one);
}
