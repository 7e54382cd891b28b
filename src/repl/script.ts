/**
 * `paws FILE.ts` and scripts piped on stdin: the whole text is evaluated at once with the
 * prompt's globals (TypeScript, top-level await), like one big input at the prompt. A final
 * value other than undefined is printed; the first error rejects.
 */
import { PassThrough } from 'node:stream';
import { Recoverable } from 'node:repl';
import type { Session } from '../helpers/core/session.js';
import { startRepl } from './start.js';
import { located } from './typescript.js';
import { createWriter } from './writer.js';

export async function runScript(session: Session, code: string, filename: string, output: NodeJS.WritableStream = process.stdout): Promise<void> {
  // An error thrown in a callback, or a promise left rejected: it fails the script as node would.
  let stray: { error: unknown } | undefined;
  let fail: (error: unknown) => void = () => {};
  const { server } = startRepl({ session, input: new PassThrough(), output, terminal: false, prompt: '', onError: (e) => fail(e) });
  try {
    const result = await new Promise<unknown>((resolve, reject) => {
      fail = reject;
      server.eval(code, server.context, filename, (error, value) => {
        // At the end of a script, "unfinished input" is a syntax error.
        if (error) reject(located(error instanceof Recoverable ? error.err : error, filename));
        else resolve(value);
      });
    });
    fail = (error) => (stray ??= { error });
    const value = await result;
    if (value !== undefined) output.write(`${createWriter()(value)}\n`);
    // node reports a rejection nobody handled once the microtasks have run: a turn for it.
    await new Promise((resolve) => setImmediate(resolve));
    if (stray) throw stray.error;
  } finally {
    server.close();
  }
}
