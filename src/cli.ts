/**
 * `paws [--profile P] [--region R] [--endpoint URL] [--sandbox] [--timeout S] [--debug] [FILE.ts]`
 * `paws run FILE.ts` · `paws notebook FILE.md` · `paws check FILE.md` · `paws kernel …` · `paws sandbox …`
 *
 * Opens the REPL on a terminal; runs FILE.ts, or the script piped on stdin, otherwise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseCommandLine, usageError as commandLineError } from './command-line.js';
import { serviceFolders } from './helpers/index.js';
import { isRegionName } from './helpers/core/connection.js';
import { DEFAULT_MAX_INSTANCES } from './helpers/core/cost-guard.js';
import { errorLine } from './helpers/core/errors.js';
import { resolveConnection, type ResolvedConnection } from './helpers/core/resolve-connection.js';
import { Session } from './helpers/core/session.js';
import { bannerLine, fitToWidth, scriptBanner } from './repl/banner.js';
import type { SandboxProcess } from './repl/sandbox-process.js';
import { HANG_UP, handleSessionEnd, type ExitSession } from './repl/session-end.js';
import { historyWritten, startRepl } from './repl/start.js';
import { warmUpTypeScript } from './repl/typescript.js';
import { cleanUpAll } from './repl/workshop-commands.js';

const USAGE = `Usage: paws [options] [FILE.ts]
         open the prompt, or run FILE.ts (also: paws run FILE.ts)
       paws notebook FILE.md|.ipynb [--auto] [--write [--out FILE]]
         step through a notebook's cells, then the prompt
       paws check FILE.md|.ipynb [--keep]
         run a notebook's cells and compare with the recorded outputs
       paws kernel install [--user] [options]
         make paws a Jupyter kernel (with these options)
       paws sandbox [--port 4566] [--state DIR] [--latency MS] [--accounts N]
         run the sandbox cloud alone
       paws sandbox outbox [--to ADDRESS] [--last N]
         the e-mail the sandbox's SNS sent

Options:
  --profile NAME    shared config/credentials profile (AWS_PROFILE)
  --region NAME     region (AWS_REGION, AWS_DEFAULT_REGION, the profile's
                    region; default us-east-1)
  --endpoint URL    one endpoint for every service (AWS_ENDPOINT_URL,
                    AWS_ENDPOINT_URL_<SERVICE>)
  --sandbox         use the embedded sandbox cloud (default without credentials)
  --accounts N      the embedded sandbox's number of accounts (default 2)
  --timeout SECS    connect and request timeout
  --debug           log every HTTP request and response (secrets masked); show
                    error stacks
  --ephemeral       delete everything the session created when it ends
  --max-instances N on real AWS, refuse to start more than N instances in this
                    session (default ${DEFAULT_MAX_INSTANCES})
  --auto            notebook: run every cell without asking
  --write           notebook: write each cell's output back into the notebook
                    (Markdown or .ipynb)
  --out FILE        notebook --write: write the notebook to FILE instead, as
                    .ipynb or Markdown by its name
  --keep            check: leave what the cells created (default: deleted
                    afterwards)
  --user            kernel install: into your Jupyter data directory
                    (default: /usr/local/share/jupyter)
  -h, --help        this help
A script piped on stdin runs like FILE.ts.
History: ~/.paws_history (PAWS_HISTORY).
Known hosts, ssh_config fragments, the sandbox's state: ~/.paws (PAWS_HOME).`;

const OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  sandbox: { type: 'boolean' },
  accounts: { type: 'string' },
  timeout: { type: 'string' },
  debug: { type: 'boolean' },
  ephemeral: { type: 'boolean' },
  'max-instances': { type: 'string' },
  auto: { type: 'boolean' },
  write: { type: 'boolean' },
  out: { type: 'string' },
  keep: { type: 'boolean' },
  user: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Subcommands that take a FILE. */
const MODES = ['run', 'notebook', 'check', 'kernel'] as const;
type Mode = (typeof MODES)[number] | 'prompt';

function parse(argv: string[]) {
  const { values, positionals } = parseCommandLine({ args: argv, allowPositionals: true, options: OPTIONS }, HELP);
  const named = (MODES as readonly string[]).includes(positionals[0]);
  const args = named ? positionals.slice(1) : positionals;
  const mode: Mode = named ? (positionals[0] as Mode) : args.length ? 'run' : 'prompt';
  if (named && args.length === 0) throw usageError(mode === 'kernel' ? 'paws kernel needs the connection file Jupyter gives it; paws kernel install --user sets that up' : `paws ${mode} needs a FILE`);
  if (args.length > 1) throw usageError(`unexpected argument ${args[1]}`);
  // `paws --port 4566 sandbox`: the subcommand goes first (a script of that name is still run).
  if (!named && args[0] === 'sandbox' && !existsSync(args[0])) throw usageError('sandbox comes first, its options after it: paws sandbox [--port N] [--state DIR] …');
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw usageError(`--timeout takes a number of seconds, not ${values.timeout}`);
  if (values.region !== undefined && !isRegionName(values.region)) throw usageError(`--region takes a region name such as eu-west-1, not ${values.region}`);
  if (values.endpoint !== undefined && !URL.canParse(values.endpoint)) throw usageError(`--endpoint takes a URL, not ${values.endpoint}`);
  const maxInstances = values['max-instances'] === undefined ? undefined : Number(values['max-instances']);
  if (maxInstances !== undefined && !(Number.isInteger(maxInstances) && maxInstances >= 0)) {
    throw usageError(`--max-instances takes a whole number, not ${values['max-instances']}`);
  }
  if (values.accounts !== undefined && !/^\d+$/.test(values.accounts)) throw usageError(`--accounts takes a number of sandbox accounts, not ${values.accounts}`);
  return { ...values, timeout, maxInstances, mode, file: args[0] as string | undefined };
}

const HELP = 'paws --help';

function usageError(message: string): Error {
  return commandLineError(message, HELP);
}

/**
 * Starts the sandbox if the connection needs it, and plugs its endpoint and keys in. `say` hears of a restart; `listening` gets the endpoint of each sandbox started (for the banner's label). */
async function attachSandbox(resolved: ResolvedConnection, accounts: string | undefined, say: (text: string) => void, listening: (endpoint: string) => void): Promise<SandboxProcess | undefined> {
  if (!resolved.sandboxReason) return undefined;
  // In the sandbox nothing may reach for real AWS, the metadata service included.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const { startSandboxProcess } = await import('./repl/sandbox-process.js');
  const sandbox = startSandboxProcess((reason) => say(`paws: ${reason}`), accounts === undefined ? [] : ['--accounts', accounts]);
  const { connection } = resolved;
  void sandbox.info().then(({ endpoint }) => listening(endpoint), () => {});
  connection.endpoint = async () => {
    const { endpoint } = await sandbox.info();
    listening(endpoint);
    return endpoint;
  };
  connection.credentials = async () => {
    const { accessKeyId, secretAccessKey } = await sandbox.info();
    return { accessKeyId, secretAccessKey };
  };
  connection.sandboxStateDir = async () => (await sandbox.info()).stateDir;
  return sandbox;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
  });
}

export async function main(argv: string[]): Promise<void> {
  let flags: ReturnType<typeof parse>;
  try {
    flags = parse(argv);
  } catch (error) {
    process.stderr.write(`${errorLine(error)}\n`);
    process.exit(2);
  }
  if (flags.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (flags.mode === 'kernel' && flags.file === 'install') {
    const { installKernelspec } = await import('./kernel/kernelspec.js');
    const options = argv.filter((a) => a !== 'kernel' && a !== 'install' && a !== '--user');
    process.stdout.write(`Installed the paws kernelspec in ${installKernelspec(Boolean(flags.user), options)} (jupyter lab, then pick "paws")\n`);
    return;
  }
  // The SDK's multi-line Node-version notice would land in the middle of the prompt; the
  // lockfile pins the SDK, so the notice has nothing to act on here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  let resolved: ResolvedConnection;
  try {
    resolved = await resolveConnection({
      profile: flags.profile,
      region: flags.region,
      endpoint: flags.endpoint,
      timeoutSeconds: flags.timeout,
      sandbox: flags.sandbox,
    });
  } catch (error) {
    process.stderr.write(`${errorLine(error)}\n`);
    process.exit(2);
  }
  // The sandbox is attached before the session copies the connection, and reports to it later.
  let session!: Session;
  const sandbox = await attachSandbox(
    resolved,
    flags.accounts,
    (text) => session.log(text),
    (endpoint) => {
      if (session.connection.endpointLabel !== endpoint) session.connection = { ...session.connection, endpointLabel: endpoint };
    },
  );
  session = new Session(resolved.connection, serviceFolders, { debug: flags.debug, maxInstances: flags.maxInstances });
  const exit = handleSessionEnd(async (say) => {
    // With --ephemeral, delete what the session created; the sandbox goes last, it serves the clean-up.
    const cleaned = !flags.ephemeral || (await cleanUpAll(session, say));
    sandbox?.stop();
    return cleaned;
  });

  // A script's own output stays clean when piped; on a terminal, say where its calls go.
  if ((flags.mode === 'run' || flags.mode === 'notebook') && process.stderr.isTTY) process.stderr.write(`${scriptBanner(session, resolved.sandboxReason)}\n`);
  if (flags.mode === 'kernel') return startKernel(session, resolved, flags.file!, exit);
  // What only some modes use loads when one of them runs: the prompt comes up without it.
  if (flags.mode === 'check') {
    const { checkNotebook } = await import('./notebook/check.js');
    return exit((await checkNotebook(session, flags.file!, { keep: flags.keep })) ? 1 : 0);
  }
  if (flags.mode === 'notebook') {
    const { stepNotebook } = await import('./notebook/step.js');
    const outcome = await stepNotebook(session, resolve(flags.file!), { auto: flags.auto, write: flags.write, out: flags.out });
    if (!outcome.toPrompt || !process.stdin.isTTY) return exit(outcome.failed ? 1 : 0);
    return openPrompt(session, resolved, exit);
  }
  if (flags.mode === 'run' || !process.stdin.isTTY) {
    try {
      const file = flags.file ? resolve(flags.file) : '[stdin]';
      const code = flags.file ? readFileSync(file, 'utf8') : await readStdin();
      const { runScript } = await import('./repl/script.js');
      await runScript(session, code, file);
    } catch (error) {
      process.stderr.write(`${errorLine(error)}\n`);
      return exit(1);
    }
    return exit(0);
  }
  return openPrompt(session, resolved, exit);
}

/** The Jupyter kernel Jupyter started with this connection file (zeromq loads only here). */
async function startKernel(session: Session, resolved: ResolvedConnection, connectionFile: string, exit: ExitSession): Promise<void> {
  const [{ Kernel }, { readConnectionFile }] = await Promise.all([import('./kernel/kernel.js'), import('./kernel/channels.js')]);
  await Kernel.start({ session, info: readConnectionFile(connectionFile), banner: scriptBanner(session, resolved.sandboxReason), end: (say) => exit(0, say) });
}

/** The interactive prompt on this terminal. */
function openPrompt(session: Session, resolved: ResolvedConnection, exit: ExitSession): void {
  const history = process.env.PAWS_HISTORY ?? join(homedir(), '.paws_history');
  const { server, print, evaluations } = startRepl({
    session,
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historyPath: history || undefined,
  });
  session.log = print;
  server.on('exit', () => void historyWritten(server).then(() => exit(0, (text) => void process.stdout.write(`${text}\n`))));
  // A closed terminal (EIO) ends the session like Ctrl-D, the --ephemeral clean-up included.
  server.on('error', () => void exit(HANG_UP, () => {}));
  // After the prompt is up: load the TypeScript transform and the client people use first, then
  // say who we are. An input typed meanwhile goes first (it is read at the next turn of the event
  // loop): the banner's STS client and call would hold up its answer (bench/startup.mjs's quick test).
  setTimeout(() => {
    warmUpTypeScript();
    void session
      .service('ec2')
      .catch(() => {}) // A failed warm-up shows again, with its error, when the user calls ec2.
      .then(() => new Promise((resolve) => setImmediate(resolve)))
      .then(() => evaluations.idle())
      .then(() => bannerLine(session, resolved.sandboxReason))
      .then((line) => print(fitToWidth(line, process.stdout.isTTY ? process.stdout.columns : undefined)));
  }, 0);
}
