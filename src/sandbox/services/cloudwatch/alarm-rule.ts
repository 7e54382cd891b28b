/**
 * A composite alarm's AlarmRule: `ALARM("cpu-high") AND NOT (OK(disk) OR INSUFFICIENT_DATA(net))`,
 * with TRUE and FALSE, alarms named by name or ARN, quoted or not. Parsed once to check it (a
 * ValidationError on bad syntax, as AWS) and to list the alarms it names, evaluated on their states.
 */
import { AwsError } from '../../core/types.js';
import type { AlarmState } from './types.js';

type Rule =
  | { kind: 'const'; value: boolean }
  | { kind: 'state'; state: AlarmState; alarm: string }
  | { kind: 'not'; rule: Rule }
  | { kind: 'and' | 'or'; left: Rule; right: Rule };

export type AlarmRule = Rule;

const TOKEN = /\s*("(?:[^"\\]|\\.)*"|\(|\)|[^\s()"]+)/y;
const STATES = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];
const MAX_RULE_LENGTH = 10_240;
/** Bounds the parser's recursion. */
const MAX_DEPTH = 100;

function invalid(message: string): AwsError {
  return new AwsError('ValidationError', `Invalid AlarmRule: ${message}`);
}

export function parseAlarmRule(text: string): AlarmRule {
  if (!text.trim()) throw new AwsError('MissingParameter', 'The parameter AlarmRule is required.');
  if (text.length > MAX_RULE_LENGTH) throw invalid(`it must be no longer than ${MAX_RULE_LENGTH} characters.`);
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  for (let m; TOKEN.lastIndex < text.trimEnd().length && (m = TOKEN.exec(text)); ) tokens.push(m[1]);
  if (TOKEN.lastIndex < text.trimEnd().length) throw invalid(`unexpected text at position ${TOKEN.lastIndex + 1}.`);
  let [i, depth] = [0, 0];
  const take = (want?: string) => {
    const t = tokens[i++];
    if (t === undefined) throw invalid('unexpected end of the rule.');
    if (want && t !== want) throw invalid(`expected "${want}" but found "${t}".`);
    return t;
  };
  const atom = (): Rule => {
    const t = take();
    const word = t.toUpperCase();
    if (word === 'TRUE' || word === 'FALSE') return { kind: 'const', value: word === 'TRUE' };
    if (word === 'NOT') return { kind: 'not', rule: atom() };
    if (t === '(') {
      if (++depth > MAX_DEPTH) throw invalid(`it nests parentheses deeper than ${MAX_DEPTH}.`);
      const inner = or();
      take(')');
      depth--;
      return inner;
    }
    if (STATES.includes(word)) {
      take('(');
      const name = take();
      take(')');
      const alarm = name.startsWith('"') ? name.slice(1, -1).replace(/\\(.)/g, '$1') : name;
      return { kind: 'state', state: word as AlarmState, alarm: alarm.replace(/^arn:aws[\w-]*:cloudwatch:[^:]*:\d*:alarm:/, '') };
    }
    throw invalid(`unexpected "${t}"; a rule is made of ALARM(name), OK(name), INSUFFICIENT_DATA(name), TRUE, FALSE, AND, OR, NOT and parentheses.`);
  };
  const and = (): Rule => {
    let left = atom();
    while (tokens[i]?.toUpperCase() === 'AND') (i++, (left = { kind: 'and', left, right: atom() }));
    return left;
  };
  const or = (): Rule => {
    let left = and();
    while (tokens[i]?.toUpperCase() === 'OR') (i++, (left = { kind: 'or', left, right: and() }));
    return left;
  };
  const rule = or();
  if (i < tokens.length) throw invalid(`unexpected "${tokens[i]}" after the end of the rule.`);
  return rule;
}

/** The alarms a rule names. */
export function ruleAlarms(rule: AlarmRule): string[] {
  switch (rule.kind) {
    case 'const':
      return [];
    case 'state':
      return [rule.alarm];
    case 'not':
      return ruleAlarms(rule.rule);
    default:
      return [...new Set([...ruleAlarms(rule.left), ...ruleAlarms(rule.right)])];
  }
}

/** Whether the rule holds, given each named alarm's state. */
export function ruleHolds(rule: AlarmRule, stateOf: (alarm: string) => AlarmState | undefined): boolean {
  switch (rule.kind) {
    case 'const':
      return rule.value;
    case 'state':
      return stateOf(rule.alarm) === rule.state;
    case 'not':
      return !ruleHolds(rule.rule, stateOf);
    case 'and':
      return ruleHolds(rule.left, stateOf) && ruleHolds(rule.right, stateOf);
    case 'or':
      return ruleHolds(rule.left, stateOf) || ruleHolds(rule.right, stateOf);
  }
}
