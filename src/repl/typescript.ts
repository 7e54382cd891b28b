/**
 * TypeScript at the prompt: each input is stripped of types by esbuild before node's own eval
 * runs it, so top-level await, `_` and completion keep working. esbuild is required on first use
 * (it costs more than a bare node start) and warmed up right after the prompt appears.
 */
import { createRequire } from 'node:module';
import { Recoverable } from 'node:repl';

type Esbuild = typeof import('esbuild');
let esbuild: Esbuild | undefined;

function load(): Esbuild {
  return (esbuild ??= createRequire(import.meta.url)('esbuild') as Esbuild);
}

/** Loads esbuild and its worker before the user needs them. */
export function warmUpTypeScript(): void {
  load().transformSync('0', { loader: 'ts' });
}

interface EsbuildFailure {
  errors?: { text: string }[];
}

/** Input that is not finished yet (open braces, a template literal): the REPL asks for more lines. */
function isUnfinished(error: unknown, code: string): boolean {
  const text = (error as EsbuildFailure).errors?.[0]?.text ?? '';
  if (/end of file/.test(text)) return true;
  // esbuild reports an open `template literal` as an unterminated string.
  return /Unterminated string literal/.test(text) && (code.match(/`/g)?.length ?? 0) % 2 === 1;
}

/**
 * The JavaScript for one input. A lone `{...}` is tried as an object literal first, as node's
 * REPL does (esbuild would otherwise read it as a block). Throws `Recoverable` for unfinished
 * input and a one-line SyntaxError otherwise.
 */
export function toJavaScript(code: string): string {
  const { transformSync } = load();
  const trimmed = code.trim();
  if (trimmed.startsWith('{') && trimmed.endsWith('}')) {
    try {
      return transformSync(`(${trimmed})`, { loader: 'ts' }).code;
    } catch {
      // Not an object literal: a block. Fall through.
    }
  }
  try {
    return transformSync(code, { loader: 'ts' }).code;
  } catch (error) {
    const text = (error as EsbuildFailure).errors?.[0]?.text ?? String(error);
    const syntaxError = Object.assign(new SyntaxError(text), { stack: `SyntaxError: ${text}` });
    throw isUnfinished(error, code) ? new Recoverable(syntaxError) : syntaxError;
  }
}
