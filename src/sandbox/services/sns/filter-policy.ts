/**
 * Subscription filter policies, checked when set and applied on delivery, as SNS documents them:
 * a policy's keys must all match (AND), each key's list of conditions any (OR); conditions are
 * exact strings and numbers, `prefix`, `suffix`, `equals-ignore-case`, `anything-but` (values or
 * a prefix/suffix), `numeric` ranges and `exists`. Scope `MessageAttributes` (the default) reads
 * the message's attributes (String, String.Array, Number; Binary never matches); `MessageBody`
 * reads the message as JSON, where policies nest as the body does.
 * https://docs.aws.amazon.com/sns/latest/dg/sns-subscription-filter-policies.html
 */
import { invalidParameter } from './state.js';
import type { PublishedAttribute } from './types.js';

type Condition = string | number | null | Record<string, unknown>;
type Policy = { [key: string]: Condition[] | Policy };

const OPERATORS = new Set(['prefix', 'suffix', 'equals-ignore-case', 'anything-but', 'numeric', 'exists']);
const NUMERIC_OPS = new Set(['=', '<', '<=', '>', '>=']);
const MAX_KEYS = 5;

function invalid(reason: string) {
  return invalidParameter(`FilterPolicy: ${reason}`);
}

/** Checks a policy as SetSubscriptionAttributes and Subscribe take it, for a scope. */
export function checkFilterPolicy(text: string, scope: string | undefined): void {
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    throw invalid('failed to parse JSON.');
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) throw invalid('Filter policy must be a JSON object');
  let keys = 0;
  const walk = (p: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(p)) {
      if (Array.isArray(value)) {
        keys++;
        if (!value.length) throw invalid(`Empty arrays are not allowed for key ${key}`);
        value.forEach(checkCondition);
      } else if (typeof value === 'object' && value !== null) {
        if (scope !== 'MessageBody') throw invalid('Filter policy scope MessageAttributes does not support nested filter policy');
        walk(value as Record<string, unknown>);
      } else {
        throw invalid(`"${key}" must be an object or an array`);
      }
    }
  };
  walk(policy as Record<string, unknown>);
  if (keys > MAX_KEYS) throw invalid(`Filter policy can not have more than ${MAX_KEYS} keys`);
}

function checkCondition(c: unknown): void {
  if (c === null || typeof c === 'string' || typeof c === 'number') return;
  if (typeof c !== 'object' || Array.isArray(c)) throw invalid('Match value must be String, number, true, false, or null');
  const entries = Object.entries(c as Record<string, unknown>);
  if (entries.length !== 1) throw invalid('Match type must have exactly one key');
  const [op, arg] = entries[0];
  if (!OPERATORS.has(op)) throw invalid(`Unrecognized match type ${op}`);
  if (op === 'exists' && typeof arg !== 'boolean') throw invalid('exists match pattern must be either true or false.');
  if ((op === 'prefix' || op === 'suffix' || op === 'equals-ignore-case') && typeof arg !== 'string') throw invalid(`${op} match pattern must be a string`);
  if (op === 'numeric') {
    const parts = Array.isArray(arg) ? arg : [];
    const pairs = parts.length === 2 || parts.length === 4;
    for (let i = 0; pairs && i < parts.length; i += 2) if (!NUMERIC_OPS.has(parts[i] as string) || typeof parts[i + 1] !== 'number') throw invalid('Value of numeric must be an array of operator and number pairs');
    if (!pairs) throw invalid('Value of numeric must be an array of operator and number pairs');
  }
}

/** One value found in the message: a string, a number, null, or absent (undefined). */
type Found = string | number | null | undefined;

function conditionMatches(c: Condition, value: Found): boolean {
  if (c === null || typeof c !== 'object') return value !== undefined && c === value;
  const [op, arg] = Object.entries(c)[0];
  if (op === 'exists') return (value !== undefined) === arg;
  if (value === undefined) return false;
  switch (op) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(arg as string);
    case 'suffix':
      return typeof value === 'string' && value.endsWith(arg as string);
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === (arg as string).toLowerCase();
    case 'anything-but': {
      if (typeof arg === 'object' && arg !== null && !Array.isArray(arg)) return !conditionMatches(arg as Condition, value);
      return !(Array.isArray(arg) ? arg : [arg]).includes(value);
    }
    case 'numeric': {
      if (typeof value !== 'number') return false;
      const parts = arg as Array<string | number>;
      for (let i = 0; i < parts.length; i += 2) if (!compare(parts[i] as string, value, parts[i + 1] as number)) return false;
      return true;
    }
  }
  return false;
}

function compare(op: string, a: number, b: number): boolean {
  return op === '=' ? a === b : op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
}

/** Does one key's list of conditions match any of the values (a list attribute or body array has several). */
function keyMatches(conditions: Condition[], values: Found[]): boolean {
  return conditions.some((c) => values.some((v) => conditionMatches(c, v)));
}

/** The values of a message attribute a policy compares: String.Array gives each element; Binary none. */
function attributeValues(a: PublishedAttribute | undefined): Found[] {
  if (!a) return [undefined];
  if (a.DataType.startsWith('Number')) return [Number(a.StringValue)];
  if (a.DataType.startsWith('String.Array')) {
    try {
      const list = JSON.parse(a.StringValue ?? '') as unknown;
      if (Array.isArray(list)) return list.filter((v): v is string | number | null => v === null || typeof v === 'string' || typeof v === 'number');
    } catch {
      // not a JSON array: matched as the string it is
    }
  }
  if (a.DataType.startsWith('String')) return [a.StringValue ?? ''];
  return [];
}

function bodyMatches(policy: Policy, body: unknown): boolean {
  const obj = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  return Object.entries(policy).every(([key, want]) => {
    const value = Object.hasOwn(obj, key) ? obj[key] : undefined;
    if (!Array.isArray(want)) return bodyMatches(want, value);
    const values = Array.isArray(value) ? value : [value];
    return keyMatches(want, values.map((v) => (v === null || typeof v === 'string' || typeof v === 'number' ? v : undefined)));
  });
}

/** Whether a message passes a subscription's filter policy (none: every message does). */
export function passesFilter(attributes: Record<string, string>, message: string, messageAttributes: Record<string, PublishedAttribute>): boolean {
  if (!attributes.FilterPolicy) return true;
  const policy = JSON.parse(attributes.FilterPolicy) as Policy;
  if (attributes.FilterPolicyScope === 'MessageBody') {
    let body: unknown;
    try {
      body = JSON.parse(message);
    } catch {
      return false; // a body that is not JSON matches no body policy
    }
    return bodyMatches(policy, body);
  }
  return Object.entries(policy).every(([key, want]) => Array.isArray(want) && keyMatches(want, attributeValues(messageAttributes[key])));
}
