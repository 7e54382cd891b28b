/**
 * paws's dot-commands, one table: `.region`, `.profile`, `.debug`, `.help`, scripts (`.run`, `.recipes`,
 * `.save`, `.transcript`) and workshops (`.created`, `.cleanup`). node's own `.break`, `.clear`,
 * `.editor`, `.exit`, `.load` stay; paws's `.save` replaces node's.
 */
import type { REPLServer } from 'node:repl';
import { isRegionName } from '../helpers/core/connection.js';
import { errorLine } from '../helpers/core/errors.js';
import { profileLabel } from '../helpers/core/resolve-connection.js';
import { setProfile } from '../helpers/session/profile.js';
import type { Session } from '../helpers/core/session.js';
import type { AccountNames } from './account-names.js';
import type { Evaluations } from './evaluation.js';
import { fullHelp, topicHelp, type Row } from './help.js';
import { page } from './pager.js';
import { listRecipes } from './recipes.js';
import { recipes, run, save, transcript } from './script-commands.js';
import type { SessionRecord } from './session-record.js';
import { cleanupCommand, created } from './workshop-commands.js';

/** What a dot-command may use besides the server and the session. */
export interface CommandContext {
  server: REPLServer;
  session: Session;
  evaluations: Evaluations;
  record: SessionRecord;
}

interface Command {
  usage: string;
  help: string;
  /** May be async: the prompt returns when it settles; Ctrl-C aborts its calls. Errors print one line. */
  action(server: REPLServer, session: Session, arg: string, context: CommandContext): void | Promise<void>;
  /** Kept in `.save` (as a comment) and `.transcript`. */
  recorded?: boolean;
  /** What its argument may be, for Tab (`.region eu-w⇥`). */
  choices?(session: Session, names: AccountNames): string[];
}

async function region(server: REPLServer, session: Session, arg: string): Promise<void> {
  if (!arg) {
    server.output.write(`region ${session.connection.region}\n`);
  } else if (!isRegionName(arg)) {
    server.output.write(`InvalidRegion: ${arg} is not a region name — e.g. .region eu-west-1\n`);
  } else {
    session.setRegion(arg);
    server.output.write(`region ${arg} (${session.serviceNames().join(', ')} now talk to ${arg})\n`);
    // The SDK's endpoint data loads here, not before the prompt.
    const note = (await import('../helpers/session/region.js')).unlistedRegionNote(arg);
    if (note) server.output.write(`Note: ${note}\n`);
  }
}

/** `.profile NAME`: act as another profile of the shared config files (keys, or a role it assumes) without restarting. */
async function profile(server: REPLServer, session: Session, arg: string): Promise<void> {
  if (!arg) {
    server.output.write(`profile ${profileLabel(session.connection)}\n`);
    return;
  }
  const id = await setProfile(session, arg);
  server.output.write(`profile ${arg}: account ${id.Account} ${id.Arn} (${session.serviceNames().join(', ')} now act as it)\n`);
}

function debug(server: REPLServer, session: Session, arg: string): void {
  if (arg === 'on' || arg === 'off') session.debug = arg === 'on';
  else if (arg) {
    server.output.write('Usage: .debug on|off\n');
    return;
  }
  server.output.write(`debug ${session.debug ? 'on: HTTP requests and responses are logged, errors show stacks' : 'off'}\n`);
}

/** `.shell i-0abc` (or a Name tag): the instance's terminal, then this prompt again; `.shell` alone offers the running ones. */
async function shell(_server: REPLServer, session: Session, arg: string): Promise<void> {
  const ssh = await import('../helpers/ssh/commands.js');
  await ssh.shell(session, arg || undefined);
}

/** `.help` (everything, paged) or `.help TOPIC` (a service object, one of its methods, a helper). */
async function help(server: REPLServer, session: Session, arg: string): Promise<void> {
  const width = (server.output as { columns?: number }).columns ?? 80;
  if (arg) return page(topicHelp(session, arg, width), server.output);
  const commands = Object.entries(server.commands)
    .map(([name, c]): Row => [`.${PAWS_COMMANDS[name]?.usage ?? name}`, c?.help ?? ''])
    .sort(([a], [b]) => a.localeCompare(b));
  await page(fullHelp(session, commands, width), server.output);
}

export const PAWS_COMMANDS: Record<string, Command> = {
  region: { usage: 'region [NAME]', help: 'Show the region, or re-point every service object at NAME', action: region, choices: (_, names) => names.of('regions') },
  profile: { usage: 'profile [NAME]', help: 'Show the profile, or act as profile NAME of ~/.aws/config (its keys or the role it assumes)', action: profile, choices: (_, names) => names.of('profiles') },
  debug: { usage: 'debug on|off', help: 'Log each HTTP request/response (secrets masked); show error stacks', action: debug, choices: () => ['on', 'off'] },
  help: {
    usage: 'help [NAME]',
    help: 'List dot-commands, service objects and helpers; .help s3, .help ec2.describeInstances, .help launchInstance tell more',
    action: help,
    choices: (session) => session.help().map((h) => h.name.trim().replace(/\(.*$/, '')),
  },
  shell: { usage: 'shell [INSTANCE-ID]', help: "Open the instance's terminal (without one: pick a running instance); exit brings you back here", action: shell, choices: (_, names) => names.of('instances') },
  run: {
    usage: 'run FILE|RECIPE',
    help: 'Run a script in this session (what it defines stays defined)',
    action: (_s, _x, arg, ctx) => run(ctx, arg),
    // `ec2/launch-instance`, or just `launch-instance` (.run finds either).
    choices: () => listRecipes().flatMap((r) => [r.name.replace(/\.ts$/, ''), r.name.replace(/\.ts$/, '').split('/').pop()!]),
  },
  recipes: { usage: 'recipes', help: "List the book's recipes (run one with .run NAME)", action: (_s, _x, _a, ctx) => recipes(ctx) },
  save: { usage: 'save FILE', help: "Save this session's successful inputs as a script for paws run", action: (_s, _x, arg, ctx) => save(ctx, arg) },
  transcript: { usage: 'transcript FILE', help: 'Write a transcript: each input after paws>, then its output', action: (_s, _x, arg, ctx) => transcript(ctx, arg) },
  created: { usage: 'created', help: 'List what this session created and has not deleted', action: (_s, _x, _a, ctx) => created(ctx) },
  cleanup: { usage: 'cleanup [-y]', help: 'Delete what this session created, dependents first (asks first)', action: (_s, _x, arg, ctx) => cleanupCommand(ctx, arg), recorded: true, choices: () => ['-y'] },
};

/** Runs one command; async ones as an evaluation, so Ctrl-C aborts their calls and logs print plainly. */
async function perform(context: CommandContext, name: string, command: Command, arg: string): Promise<void> {
  const { server, session, evaluations, record } = context;
  if (command.recorded || name === 'region' || name === 'profile') record.begin(`.${name}${arg ? ` ${arg}` : ''}`);
  const controller = evaluations.begin();
  try {
    await command.action(server, session, arg, context);
  } catch (error) {
    record.failed();
    server.output.write(`${errorLine(error)}\n`);
  } finally {
    evaluations.end(controller);
  }
}

/**
 * A cell that is one of paws's dot-commands (notebooks, the kernel), run as the prompt runs it;
 * undefined for anything else.
 */
export function dotCommand(context: CommandContext, code: string): Promise<void> | undefined {
  const [, name, arg = ''] = /^\s*\.(\w+)(?:[ \t]+(.*))?\s*$/.exec(code) ?? [];
  const command = name !== undefined && Object.hasOwn(PAWS_COMMANDS, name) ? PAWS_COMMANDS[name] : undefined;
  return command && perform(context, name, command, arg.trim());
}

export function defineCommands(context: CommandContext): void {
  const { server } = context;
  for (const [name, command] of Object.entries(PAWS_COMMANDS)) {
    server.defineCommand(name, {
      help: command.help,
      action(arg: string) {
        void perform(context, name, command, arg.trim()).then(() => server.displayPrompt());
      },
    });
  }
}
