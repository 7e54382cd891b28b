/**
 * TypeScript at the prompt: each input is stripped of types by sucrase before node's own eval
 * runs it, so top-level await, `_` and completion keep working. sucrase is plain JavaScript in
 * this process: no helper process that a Ctrl-C in the terminal could kill (issue 12), and it
 * keeps line and column numbers as typed. It is required on first use and warmed up right after
 * the prompt appears.
 */
import { createRequire } from 'node:module';
import { Recoverable } from 'node:repl';
import { redeclarable } from './redeclare.js';

type Sucrase = typeof import('sucrase');
let sucrase: Sucrase | undefined;

function load(): Sucrase {
  return (sucrase ??= createRequire(import.meta.url)('sucrase') as Sucrase);
}

/** Loads sucrase before the user needs it. */
export function warmUpTypeScript(): void {
  strip('0');
}

function strip(code: string): string {
  // Only types go: node runs every modern JavaScript feature as written.
  return load().transform(code, { transforms: ['typescript'], disableESTransforms: true }).code;
}

interface SucraseFailure {
  message: string;
  /** Offset of the token the parser stopped at. */
  pos?: number;
}

/** Input that is not finished yet (open braces, a template literal): the REPL asks for more lines. */
function isUnfinished(error: SucraseFailure, code: string): boolean {
  // An open template literal or comment is reported where it opens, not at the end.
  if (/^Unterminated (template|comment)/.test(error.message)) return true;
  if (/^Unterminated/.test(error.message)) return false;
  return error.pos !== undefined && error.pos >= code.trimEnd().length;
}

/** sucrase's `Unexpected token (1:10)`, as one line naming the token: `Unexpected ";"`. */
function syntaxMessage(error: SucraseFailure, code: string): string {
  const token = error.pos === undefined ? undefined : /^(\w+|\S)/.exec(code.slice(error.pos))?.[0];
  const message = error.message.replace(/ \(\d+:\d+\)$/, '');
  return token ? message.replace(/^Unexpected token/, `Unexpected "${token}"`) : message;
}

/**
 * The JavaScript for one input. A lone `{...}` is tried as an object literal first, as node's
 * REPL does (it would otherwise be read as a block). Throws `Recoverable` for unfinished input
 * and a one-line SyntaxError otherwise.
 */
export function toJavaScript(code: string): string {
  const trimmed = code.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      return strip(`(${trimmed})`);
    } catch {
      // Not an object literal: a block. Fall through.
    }
  }
  try {
    return redeclarable(strip(code));
  } catch (error) {
    const failure = error as SucraseFailure;
    const text = syntaxMessage(failure, code);
    const [, line, column] = / \((\d+):(\d+)\)$/.exec(failure.message) ?? [];
    const syntaxError = Object.assign(new SyntaxError(text), { stack: `SyntaxError: ${text}`, line: Number(line), column: Number(column) });
    throw isUnfinished(failure, code) ? new Recoverable(syntaxError) : syntaxError;
  }
}

/** A syntax error in a script says where: `SyntaxError: Unexpected "}" (at broken.ts:3:1)`. */
export function located(error: unknown, file: string): unknown {
  const at = error as { line?: number; column?: number };
  if (!(error instanceof SyntaxError) || !Number.isFinite(at.line)) return error;
  const message = `${error.message} (at ${file}:${at.line}:${at.column})`;
  return Object.assign(new SyntaxError(message), { stack: `SyntaxError: ${message}` });
}
