/**
 * A member called by a wrong name (`ec2.describeInstance()`, `instance.termiante()`) fails with
 * node's `TypeError: ec2.describeInstance is not a function`; the prompt adds the method meant,
 * the nearest of the object's (`— did you mean ec2.describeInstances?`). The object is reached as
 * Tab reaches it: a service object through its handle, else its name, then data properties only.
 * A misspelt global of paws's (`lauchInstance()`: `ReferenceError: … is not defined`) gets the
 * helper or service object meant the same way.
 */
import { runInThisContext } from 'node:vm';
import { nearest } from '../helpers/core/nearest.js';
import type { Session } from '../helpers/core/session.js';
import { dataProperty, memberNames } from './members.js';

const NOT_DEFINED = /^([A-Za-z_$][\w$]*) is not defined$/;
const NOT_A_FUNCTION = /^([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\.([A-Za-z_$][\w$]*) is not a function$/;

/**
 * `error`, its message ending with the method meant when there is one near enough. At once: a line
 * typed meanwhile runs as soon as node hears of the error, and must come after its line. A service
 * object's method is called only once its module is loaded, so its current object is there.
 */
export function withMemberHint<E>(error: E, session: Session, globals: string[]): E {
  const undefinedName = error instanceof ReferenceError && NOT_DEFINED.exec(error.message);
  if (undefinedName) {
    // Only paws's own globals, and names of three letters or more: `x` or `data` undefined is
    // the user's own name not declared yet, not a misspelt `s3` or `Date`.
    const near = undefinedName[1].length >= 3 ? nearest(undefinedName[1], globals) : undefined;
    if (near) (error as ReferenceError).message += ` — did you mean ${near}?`;
    return error;
  }
  const match = error instanceof TypeError && NOT_A_FUNCTION.exec(error.message);
  if (!match) return error;
  const [, root, chain, name] = match;
  try {
    const handle = session.handle(root);
    // The prompt's globals, and what its inputs declared, are the script scope's: a name alone reads them.
    let value: unknown = handle ? handle.current() : runInThisContext(root);
    for (const key of chain.split('.').slice(1)) value = dataProperty(value, key);
    const methods = memberNames(value).filter((member) => member !== name && typeof dataProperty(value, member) === 'function');
    const near = nearest(name, methods);
    if (near) (error as TypeError).message += ` — did you mean ${root}${chain}.${near}?`;
  } catch {
    // A name no longer there (or one that cannot be loaded) gets no hint.
  }
  return error;
}
