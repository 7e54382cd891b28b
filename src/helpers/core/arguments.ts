/**
 * Helpers' own argument checks, in the words of the SDK input check (./input-check.ts): the
 * helper's signature, the argument, the type it takes and what it got, on one line.
 */
import { inspect } from 'node:util';
import { pawsError } from './errors.js';

type Kind = 'string' | 'number';

/** Throws `InvalidArgument: cw.put(namespace, name, value): value takes a number, not the string 'ten'`. */
export function expectArguments(signature: string, args: Record<string, [unknown, Kind]>): void {
  for (const [name, [value, kind]] of Object.entries(args)) {
    if (typeof value === kind && !(kind === 'number' && Number.isNaN(value))) continue;
    const got = value === undefined ? 'nothing' : typeof value === 'object' && value !== null ? inspect(value, { breakLength: Infinity, depth: 1 }) : `the ${typeof value} ${inspect(value)}`;
    throw pawsError('InvalidArgument', `${signature}: ${name} takes a ${kind}, not ${got}`);
  }
}
