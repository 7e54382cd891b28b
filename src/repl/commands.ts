/**
 * paws's dot-commands, one table: `.region`, `.debug`, `.help` (node's own `.break`, `.clear`,
 * `.editor`, `.exit`, `.load`, `.save` stay).
 */
import type { REPLServer } from 'node:repl';
import type { Session } from '../helpers/core/session.js';

interface Command {
  usage: string;
  help: string;
  action(server: REPLServer, session: Session, arg: string): void;
}

const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function region(server: REPLServer, session: Session, arg: string): void {
  if (!arg) {
    server.output.write(`region ${session.connection.region}\n`);
  } else if (!REGION.test(arg)) {
    server.output.write(`InvalidRegion: ${arg} is not a region name — e.g. .region eu-west-1\n`);
  } else {
    session.setRegion(arg);
    const names = session.registry.filter((g) => g.kind === 'service').map((g) => g.name);
    server.output.write(`region ${arg} (${names.join(', ')} now talk to ${arg})\n`);
  }
}

function debug(server: REPLServer, session: Session, arg: string): void {
  if (arg === 'on' || arg === 'off') session.debug = arg === 'on';
  else if (arg) {
    server.output.write('Usage: .debug on|off\n');
    return;
  }
  server.output.write(`debug ${session.debug ? 'on: HTTP requests and responses are logged, errors show stacks' : 'off'}\n`);
}

function column(rows: [string, string][]): string {
  const width = Math.max(...rows.map(([name]) => name.length)) + 2;
  return rows.map(([name, doc]) => `  ${name.padEnd(width)}${doc}`).join('\n');
}

function help(server: REPLServer, session: Session): void {
  const commands = Object.entries(server.commands)
    .map(([name, c]) => [`.${PAWS_COMMANDS[name]?.usage ?? name}`, c?.help ?? ''] as [string, string])
    .sort(([a], [b]) => a.localeCompare(b));
  const globals: [string, string][] = session.registry.flatMap((g) => [
    [g.name, g.doc] as [string, string],
    ...(g.kind === 'service' ? (g.members ?? []).map((m) => [`  ${g.name}.${m.name}`, m.doc] as [string, string]) : []),
  ]);
  server.output.write(
    `Dot-commands\n${column(commands)}\n\nAt the prompt (await the calls; Tab completes; Ctrl-C aborts a call)\n${column(globals)}\n`,
  );
}

export const PAWS_COMMANDS: Record<string, Command> = {
  region: { usage: 'region [NAME]', help: 'Show the region, or re-point every service object at NAME', action: region },
  debug: { usage: 'debug on|off', help: 'Log each HTTP request/response (secrets masked); show error stacks', action: debug },
  help: { usage: 'help', help: 'List dot-commands, service objects and helpers', action: help },
};

export function defineCommands(server: REPLServer, session: Session): void {
  for (const [name, command] of Object.entries(PAWS_COMMANDS)) {
    server.defineCommand(name, {
      help: command.help,
      action(arg: string) {
        command.action(server, session, arg.trim());
        server.displayPrompt();
      },
    });
  }
}
