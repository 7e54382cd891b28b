/**
 * `paws [--profile P] [--region R] [--endpoint URL] [--sandbox] [--timeout S] [--debug] [FILE.ts]`
 * `paws run FILE.ts` · `paws sandbox …`
 *
 * Opens the REPL on a terminal; runs FILE.ts, or the script piped on stdin, otherwise.
 */
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { promptGlobals } from './helpers/index.js';
import { errorLine } from './helpers/core/errors.js';
import { resolveConnection, type ResolvedConnection } from './helpers/core/resolve-connection.js';
import { Session } from './helpers/core/session.js';
import { bannerLine } from './repl/banner.js';
import { startSandboxProcess, type SandboxProcess } from './repl/sandbox-process.js';
import { runScript } from './repl/script.js';
import { startRepl } from './repl/start.js';
import { warmUpTypeScript } from './repl/typescript.js';

const USAGE = `Usage: paws [options] [FILE.ts]      open the prompt, or run FILE.ts (also: paws run FILE.ts)
       paws sandbox [--port 4566] [--state DIR] [--latency MS]   run the sandbox cloud alone
       paws sandbox outbox [--to ADDRESS] [--last N]              the e-mail the sandbox's SNS sent

Options:
  --profile NAME    shared config/credentials profile (AWS_PROFILE)
  --region NAME     region (AWS_REGION, AWS_DEFAULT_REGION, the profile's region; default us-east-1)
  --endpoint URL    one endpoint for every service (AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_<SERVICE>)
  --sandbox         use the embedded sandbox cloud (also the default when no credentials exist)
  --timeout SECS    connect and request timeout
  --debug           log every HTTP request and response (secrets masked); show error stacks
  -h, --help        this help
A script piped on stdin runs like FILE.ts. History: ~/.paws_history (PAWS_HISTORY).`;

const OPTIONS = {
  profile: { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  sandbox: { type: 'boolean' },
  timeout: { type: 'string' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parse(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    // node's message goes on about positionals after `--`; the first sentence is the point.
    throw usageError((error as Error).message.split('. ')[0]);
  }
  const { values, positionals } = parsed;
  const args = positionals[0] === 'run' ? positionals.slice(1) : positionals;
  if (positionals[0] === 'run' && args.length === 0) throw usageError('paws run needs a FILE');
  if (args.length > 1) throw usageError(`unexpected argument ${args[1]}`);
  const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw usageError(`--timeout takes a number of seconds, not ${values.timeout}`);
  if (values.endpoint !== undefined && !URL.canParse(values.endpoint)) throw usageError(`--endpoint takes a URL, not ${values.endpoint}`);
  return { ...values, timeout, file: args[0] as string | undefined };
}

function usageError(message: string): Error {
  return Object.assign(new Error(`${message} (paws --help)`), { name: 'Usage' });
}

/** Starts the sandbox if the connection needs it, and plugs its endpoint and keys in. */
function attachSandbox(resolved: ResolvedConnection): SandboxProcess | undefined {
  if (!resolved.sandboxReason) return undefined;
  // In the sandbox nothing may reach for real AWS, the metadata service included.
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const sandbox = startSandboxProcess();
  const info = sandbox.ready;
  resolved.connection.endpoint = async () => (await info).endpoint;
  resolved.connection.credentials = async () => {
    const { accessKeyId, secretAccessKey } = await info;
    return { accessKeyId, secretAccessKey };
  };
  return sandbox;
}

function readStdin(): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    process.stdin.setEncoding('utf8').on('data', (chunk) => (text += chunk)).on('end', () => resolve(text)).on('error', reject);
  });
}

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'sandbox') {
    const { runSandboxCommand } = await import('./sandbox/cli.js');
    return runSandboxCommand(argv.slice(1));
  }
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
  // The SDK's multi-line Node-version notice would land in the middle of the prompt; the
  // lockfile pins the SDK, so the notice has nothing to act on here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

  const resolved = await resolveConnection({
    profile: flags.profile,
    region: flags.region,
    endpoint: flags.endpoint,
    timeoutSeconds: flags.timeout,
    sandbox: flags.sandbox,
  });
  const sandbox = attachSandbox(resolved);
  const exit = (code: number) => {
    sandbox?.stop();
    process.exit(code);
  };
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) process.on(signal, () => exit(128 + (signal === 'SIGTERM' ? 15 : 1)));
  const session = new Session(resolved.connection, promptGlobals, { debug: flags.debug });
  void sandbox?.ready.then((info) => {
    session.connection = { ...session.connection, endpointLabel: info.endpoint };
  });

  if (flags.file || !process.stdin.isTTY) {
    try {
      const file = flags.file ? resolve(flags.file) : '[stdin]';
      const code = flags.file ? readFileSync(file, 'utf8') : await readStdin();
      await runScript(session, code, file);
      exit(0);
    } catch (error) {
      process.stderr.write(`${errorLine(error)}\n`);
      exit(1);
    }
    return;
  }

  const history = process.env.PAWS_HISTORY ?? join(homedir(), '.paws_history');
  const { server, print } = startRepl({
    session,
    input: process.stdin,
    output: process.stdout,
    terminal: true,
    historyPath: history || undefined,
  });
  session.log = print;
  server.on('exit', () => exit(0));
  // After the prompt is up: load esbuild, say who we are, then the clients people use first.
  setTimeout(() => {
    warmUpTypeScript();
    void bannerLine(session, resolved.sandboxReason)
      .then(print)
      .then(() => session.service('ec2'))
      .catch(() => {}); // A failed warm-up shows again, with its error, when the user calls ec2.
  }, 0);
}
