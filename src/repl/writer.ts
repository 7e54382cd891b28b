/**
 * How values print at the prompt: resources boto-style (`[Zone:us-east-1a, Zone:us-east-1b]`),
 * long lists of one kind of resource as a table, SDK responses without `$metadata`, secrets
 * masked at any depth, dates readable, errors as one line.
 */
import { inspect, stripVTControlCharacters } from 'node:util';
import { errorLine } from '../helpers/core/errors.js';
import { isResourceList } from '../helpers/core/resource.js';
import { renderTable } from '../helpers/core/table.js';
import { maskInspected } from '../helpers/core/secrets.js';
import { printable } from '../helpers/core/values.js';
import { AWAIT_HINT } from './promise-hint.js';

/** Lists longer than this print as a table. */
export const LIST_LIMIT = 8;

export interface WriterOptions {
  colors?: boolean;
  /**
   * The terminal: its width, read at each value (a resize counts), breaks long lines. Without one
   * (a pipe, a transcript) a short list stays on one line and inspect breaks at 80.
   */
  screen?: { columns?: number };
}

/**
 * Errors print as one line wherever inspect meets them — inside a rejected promise, an array, a
 * console.log — not only as an evaluation's result; with `.debug on`, with their stack.
 */
export function printErrorsAsOneLine(showStack: () => boolean): void {
  Object.defineProperty(Error.prototype, inspect.custom, {
    configurable: true,
    writable: true,
    value(this: Error, _depth: number, options: object) {
      return showStack() ? inspect(this, { ...options, customInspect: false }) : errorLine(this);
    },
  });
}

/**
 * `[Zone:us-east-1a, Zone:us-east-1b]` as the book prints it; wider than the screen, it breaks
 * between names (never inside one), each line filled: `[a, b,\n c]`.
 */
function shortList(names: string[], columns = Infinity): string {
  const lines: string[] = [];
  names.forEach((name, i) => {
    const item = `${i === 0 ? '[' : ''}${name}${i === names.length - 1 ? ']' : ','}`;
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + 1 + item.length <= columns) lines[last] += ` ${item}`;
    else lines.push(last < 0 ? item : ` ${item}`);
  });
  return lines.join('\n') || '[]';
}

export function createWriter(options: WriterOptions = {}): (value: unknown) => string {
  return (value) => {
    const columns = options.screen?.columns;
    if (value instanceof Error) return errorLine(value);
    // Text of several lines (a table, a command's output) is shown as text, not as a quoted literal.
    if (typeof value === 'string' && value.includes('\n')) return maskInspected(value.replace(/\n$/, ''));
    if (isResourceList(value)) return value.length > LIST_LIMIT ? renderTable(value, columns) : shortList(value.map(String), columns);
    const text = inspect(printable(value), {
      colors: options.colors ?? false,
      depth: 6,
      breakLength: columns ?? 80,
      maxArrayLength: 200,
    });
    if (value instanceof Promise) {
      // Compared without colours: a terminal's writer paints the state.
      const plain = stripVTControlCharacters(text);
      const rejected = /^Promise \{\s*<rejected>/.test(plain);
      // Its error is shown here: it is not reported again as a rejection nobody handled.
      if (rejected) value.catch(() => {});
      if (plain === 'Promise { <pending> }' || rejected) return `${maskInspected(text)} — ${AWAIT_HINT}`;
    }
    return maskInspected(text);
  };
}
