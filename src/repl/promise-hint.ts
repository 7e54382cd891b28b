/**
 * A Promise used without `await` is the commonest slip at an async prompt: `c.shell is not a
 * function` when `c` is still a Promise, or `Promise { <pending> }` as a result. Both say to await.
 */
import { runInThisContext } from 'node:vm';
import { errorLine } from '../helpers/core/errors.js';

export const AWAIT_HINT = 'a Promise: put await before the call (const x = await …) to get its result';

/** The hint for `X.y is not a function` when the variable X holds a Promise. */
export function promiseHint(error: unknown): string | undefined {
  if (!(error instanceof TypeError)) return undefined;
  const [, name] = /^([A-Za-z_$][\w$]*)\.[\w$]+ is not a function$/.exec(error.message) ?? [];
  if (!name) return undefined;
  // A variable is read, never a getter of the global object (which could do anything).
  const own = Object.getOwnPropertyDescriptor(globalThis, name);
  if (own && !('value' in own)) return undefined;
  let value: unknown;
  try {
    value = own ? own.value : runInThisContext(name);
  } catch {
    return undefined;
  }
  return value instanceof Promise ? `${name} is ${AWAIT_HINT}` : undefined;
}

/** An evaluation's error as the prompt prints it: one line, with the await hint when it applies. */
export function failureLine(error: unknown): string {
  const hint = promiseHint(error);
  return `${errorLine(error)}${hint ? ` — ${hint}` : ''}`;
}
