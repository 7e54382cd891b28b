/**
 * Turns values into what the prompt shows: SDK responses without `$metadata`, secrets masked at
 * any depth, dates readable. Used by the REPL's writer and by resource tables.
 */
import { inspect } from 'node:util';
import { MASK, isSecretName, maskString } from './secrets.js';

/** `2026-11-28 14:03:07 UTC` (milliseconds only when there are some). */
export function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  return date.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '').concat(' UTC');
}

/** A table cell: dates readable, nothing for null/undefined, objects on one line. */
export function formatCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return formatDate(value);
  if (typeof value === 'string') return maskString(value);
  if (typeof value === 'object') return inspect(printable(value), { breakLength: Infinity, depth: 2 });
  return String(value);
}

/** Prints as a bare word in inspect output (no quotes): readable dates and masks. */
class Shown {
  constructor(private readonly text: string) {}
  [inspect.custom](): string {
    return this.text;
  }
}
const masked = new Shown(MASK);

/**
 * Timers, and promises made while async hooks are on, carry async_hooks bookkeeping as
 * enumerable symbol properties, which inspect would print. Making them non-enumerable hides them
 * and leaves async_hooks working.
 */
function hideAsyncBookkeeping(value: object): object {
  for (const symbol of Object.getOwnPropertySymbols(value)) {
    if (/^(async_id_symbol|trigger_async_id_symbol|asyncId|triggerId|kResourceStore)$/.test(symbol.description ?? '')) {
      Object.defineProperty(value, symbol, { enumerable: false });
    }
  }
  return value;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype;
}

/**
 * A copy of `value` ready for `util.inspect`: plain objects and arrays are copied (cycles kept),
 * `$metadata` dropped, secret-named properties and PEM private keys masked, Dates made readable.
 * Class instances (resources, clients, Maps…) are left to their own printing.
 */
export function printable(value: unknown, seen = new Map<object, unknown>()): unknown {
  if (typeof value === 'string') return value.includes('PRIVATE KEY-----') ? new Shown(maskString(value)) : value;
  if (value instanceof Date) return new Shown(formatDate(value));
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  // Array subclasses (CloudWatch's Datapoints) are class instances with their own printing.
  if (Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(printable(item, seen));
    return copy;
  }
  // Class instances and objects with their own printing (an SSH command's result) print themselves.
  if (!isPlainObject(value) || inspect.custom in value) return hideAsyncBookkeeping(value);
  const copy: Record<string, unknown> = {};
  seen.set(value, copy);
  for (const [key, item] of Object.entries(value)) {
    if (key === '$metadata') continue;
    copy[key] = isSecretName(key) && item !== undefined && item !== null ? masked : printable(item, seen);
  }
  return copy;
}
