/**
 * Tab completion. Members of service objects complete even before their SDK module is loaded:
 * the first Tab on `ec2.` loads it, then lists its operations and conveniences. Everything else
 * (globals, other objects, dot-commands) goes to node's own completer.
 */
import type { REPLServer } from 'node:repl';
import type { Session } from '../helpers/core/session.js';

/** `ec2.desc`, `ec2.config.reg`: a service global, a member chain, and the partial last name. */
const MEMBER = /(?:^|[^\w$.\])])([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/;

/** Public members along the prototype chain (SDK operations live on the class prototype). */
export function memberNames(value: unknown): string[] {
  const names = new Set<string>();
  for (let o = value; o !== null && o !== undefined && o !== Object.prototype && o !== Function.prototype; o = Object.getPrototypeOf(o)) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (name !== 'constructor' && !name.startsWith('_')) names.add(name);
    }
  }
  return [...names].sort();
}

type CompleterCallback = (error: Error | null, result?: [string[], string]) => void;

export function installCompleter(server: REPLServer, session: Session): void {
  const base = (server as any).completer.bind(server) as (line: string, cb: CompleterCallback) => void;
  (server as any).completer = (line: string, callback: CompleterCallback) => {
    const match = MEMBER.exec(line);
    const handle = match && session.handle(match[1]);
    if (!match || !handle) return base(line, callback);
    const [, root, chain, partial] = match;
    handle.load().then(
      (service: any) => {
        let value = service;
        for (const key of chain.split('.').slice(1)) value = value?.[key];
        const head = `${root}${chain}.`;
        const names = memberNames(value).filter((n) => n.startsWith(partial));
        callback(null, [names.map((n) => head + n), head + partial]);
      },
      () => callback(null, [[], line]),
    );
  };
}
