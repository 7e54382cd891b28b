/**
 * Tab completion. Members of service objects complete even before their SDK module is loaded:
 * the first Tab on `ec2.` loads it, then lists its operations and conveniences. Dot-commands
 * complete their arguments (`.region eu-w⇥`, `.run launch⇥`, `.shell i-⇥`, `.help s3.put⇥`), and a
 * quoted string completes names from the account (`ec2.instance('i-⇥`, `s3.bucket('my⇥`); as the
 * value of an SDK input member, only the names it takes (`{InstanceIds: ['⇥` instance ids).
 * Everything else (globals, other objects, dot-command names) goes to node's own completer.
 * No getter is called: member chains are walked through data properties only.
 */
import type { REPLServer } from 'node:repl';
import type { Session } from '../helpers/core/session.js';
import { AccountNames } from './account-names.js';
import { dataProperty, memberNames } from './members.js';
import { PAWS_COMMANDS } from './commands.js';

/** `ec2.desc`, `ec2.config.reg`: a service global, a member chain, and the partial last name. */
const MEMBER = /(?:^|[^\w$.\])])([A-Za-z_$][\w$]*)((?:\.[A-Za-z_$][\w$]*)*)\.([\w$]*)$/;
/** `.region eu-w`: a dot-command and its partial argument. */
const COMMAND_ARGUMENT = /^\s*\.(\w+)\s+(\S*)$/;
/** `('i-0a`, `["my-b`: an open string literal and what it holds so far. */
const OPEN_STRING = /(['"`])([\w.:/@+=,-]*)$/;
/** `{InstanceIds: ['i-1', ` before an open string: the SDK input member it is a value of. */
const MEMBER_VALUE = /\b([A-Z][A-Za-z0-9]*)\s*:\s*(?:\[(?:\s*(['"`])[^'"`]*\2\s*,)*\s*)?$/;

type CompleterCallback = (error: Error | null, result?: [string[], string]) => void;

export function installCompleter(server: REPLServer, session: Session): void {
  const base = (server as any).completer.bind(server) as (line: string, cb: CompleterCallback) => void;
  const names = new AccountNames(session);
  (server as any).completer = (line: string, callback: CompleterCallback) => {
    names.refresh();
    const argument = COMMAND_ARGUMENT.exec(line);
    const command = argument && Object.hasOwn(PAWS_COMMANDS, argument[1]) ? PAWS_COMMANDS[argument[1]] : undefined;
    const choices = command?.choices?.(session, names);
    if (argument && choices) return callback(null, [choices.filter((c) => c.startsWith(argument[2])), argument[2]]);
    const quoted = OPEN_STRING.exec(line);
    // Open only if its quote is the odd one: `f('a'⇥` has closed its string.
    if (quoted && line.split(quoted[1]).length % 2 === 0) {
      const member = MEMBER_VALUE.exec(line.slice(0, quoted.index));
      const taken = member && names.forMember(member[1]);
      const found = (taken ?? names.all()).filter((n) => n.startsWith(quoted[2]));
      if (found.length || taken) return callback(null, [found, quoted[2]]);
    }
    const match = MEMBER.exec(line);
    const handle = match && session.handle(match[1]);
    if (!match || !handle) return base(line, callback);
    const [, root, chain, partial] = match;
    handle.load().then(
      (service: any) => {
        let value = service;
        for (const key of chain.split('.').slice(1)) value = dataProperty(value, key);
        const head = `${root}${chain}.`;
        const found = memberNames(value).filter((n) => n.startsWith(partial));
        callback(null, [found.map((n) => head + n), head + partial]);
      },
      () => callback(null, [[], line]),
    );
  };
}
