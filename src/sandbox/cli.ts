/**
 * `paws sandbox [--port 4566] [--state DIR] [--latency MS] [--time-scale X] [--accounts N] [--reset] [--json]`:
 * runs the sandbox alone and prints how to point any SDK or the AWS CLI at it.
 * `paws sandbox outbox [--state DIR] [--to ADDRESS] [--last N]`: the e-mail SNS has sent.
 */
import type { Socket } from 'node:net';
import { rmSync } from 'node:fs';
import { defaultStateDir, SANDBOX_ACCOUNTS, startSandbox } from './index.js';
import { MAX_SANDBOX_ACCOUNTS } from './core/keys.js';
import { serveLeases, takeLease } from './core/leases.js';
import { assertFree, currentOwner, ownerGone, recordLeasePort, type Owner } from './core/owner.js';
import { runOutboxCommand } from './services/sns/outbox-command.js';
import { parseCommandLine, usageError as commandLineError } from '../command-line.js';

const USAGE = `Usage: paws sandbox [options]
         the sandbox cloud alone, for any SDK or the AWS CLI
       paws sandbox outbox [--state DIR] [--to ADDRESS] [--last N]
         the e-mail the sandbox's SNS has sent
Options:
  --port N          the port to listen on (default 4566; 0: any free one)
  --host ADDRESS    the address to listen on (default 127.0.0.1)
  --state DIR       where its state is kept (default $PAWS_HOME/sandbox, else
                    ~/.paws/sandbox)
  --latency MS      added before every answer (default 0)
  --time-scale X    boots and state changes take X times as long (default 1;
                    0.1: ten times faster)
  --accounts N      accounts, each with its root keys (1 to ${MAX_SANDBOX_ACCOUNTS}, default 2)
  --reset           delete the state first
  --json            print one JSON line (endpoint, keys) instead of the exports
  --verbose         log every request`;

const HELP = 'paws sandbox --help';
const usageError = (message: string) => commandLineError(message, HELP);

/** A number option's value, or the usage error naming what it takes. */
function numberOption(name: string, value: string, takes: string, ok: (n: number) => boolean): number {
  const n = value.trim() === '' ? NaN : Number(value);
  if (!ok(n)) throw usageError(`--${name} takes ${takes}, not ${value}`);
  return n;
}

function parse(argv: string[]) {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        help: { type: 'boolean', short: 'h', default: false },
        port: { type: 'string', default: '4566' },
        host: { type: 'string', default: '127.0.0.1' },
        state: { type: 'string', default: defaultStateDir() },
        latency: { type: 'string', default: '0' },
        'time-scale': { type: 'string', default: '1' },
        accounts: { type: 'string', default: '2' },
        reset: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
      },
    },
    HELP,
  );
  return {
    ...values,
    port: numberOption('port', values.port, 'a port number from 0 to 65535', (n) => Number.isInteger(n) && n >= 0 && n <= 65535),
    latency: numberOption('latency', values.latency, 'milliseconds (0 or more)', (n) => n >= 0 && Number.isFinite(n)),
    timeScale: numberOption('time-scale', values['time-scale'], 'a factor above 0', (n) => n > 0 && Number.isFinite(n)),
    accounts: numberOption('accounts', values.accounts, `a number of accounts from 1 to ${MAX_SANDBOX_ACCOUNTS}`, (n) => Number.isInteger(n) && n >= 1 && n <= MAX_SANDBOX_ACCOUNTS),
  };
}

export async function runSandboxCommand(argv: string[]): Promise<void> {
  if (argv[0] === 'outbox') return runOutboxCommand(argv.slice(1), defaultStateDir(), HELP);
  const values = parse(argv);
  if (values.help) return void console.log(USAGE);
  const owner = currentOwner(values.state);
  if (owner && values.json && !values.reset) {
    // The REPL's embedded sandbox: share the one already serving this state rather than fight it.
    const lease = await takeLease(owner);
    if (lease || !owner.leasePort) return share(owner, values.state, lease);
    // It refuses leases: it is stopping. Take its place once it is gone.
    await ownerGone(values.state, owner);
  }
  assertFree(values.state);
  if (values.reset) {
    rmSync(values.state, { recursive: true, force: true });
    if (!values.json) console.log(`sandbox state reset: ${values.state}`);
  }
  const sandbox = await startSandbox({
    port: values.port,
    host: values.host,
    stateDir: values.state,
    latencyMs: values.latency,
    timeScale: values.timeScale,
    verbose: values.verbose,
    accounts: values.accounts,
  });
  const { accessKeyId, secretAccessKey } = sandbox.credentials;
  if (values.json) {
    // One line for a parent process (the REPL's embedded sandbox) to read.
    console.log(JSON.stringify({ endpoint: sandbox.endpoint, region: sandbox.region, accessKeyId, secretAccessKey, stateDir: sandbox.stateDir }));
  } else {
    console.log(`paws sandbox listening on ${sandbox.endpoint} (state: ${sandbox.stateDir})`);
    console.log('These well-known sandbox keys open only this local sandbox:');
    console.log(`  export AWS_ENDPOINT_URL=${sandbox.endpoint}`);
    console.log(`  export AWS_ACCESS_KEY_ID=${accessKeyId}`);
    console.log(`  export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`);
    console.log(`  export AWS_REGION=${sandbox.region}`);
    // Roles assumed across accounts (the book's "all accounts", recipe 2.11) need more than one.
    for (const { accountId, accessKeyId: id, secretAccessKey: secret } of sandbox.accounts.slice(1)) {
      console.log(`Account ${accountId} (roles there can trust account ${sandbox.accounts[0].accountId}): AWS_ACCESS_KEY_ID=${id} AWS_SECRET_ACCESS_KEY=${secret}`);
    }
  }
  const leases = await serveLeases();
  recordLeasePort(sandbox.stateDir, leases.port);
  const stop = () => {
    leases.close();
    void sandbox.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // A parent that dies closes our stdin: don't outlive it, nor the other sessions sharing this sandbox.
  if (values.json) {
    process.stdin
      .on('end', () => {
        for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {}); // nobody reads them now
        leases.whenNoneHeld(stop);
      })
      .resume();
  }
}

/** Serves a paws with the sandbox `owner` runs, holding `lease` on it until that paws goes. */
function share(owner: Owner, stateDir: string, lease: Socket | undefined): void {
  const root = SANDBOX_ACCOUNTS[0];
  console.log(JSON.stringify({ endpoint: owner.endpoint, region: 'us-east-1', accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey, stateDir }));
  process.stdin.on('end', () => process.exit(0)).resume();
  lease?.on('close', () => {
    // Stopped by hand or killed: paws starts a sandbox of its own on its next call.
    process.stderr.write(`the shared sandbox (pid ${owner.pid}) stopped\n`);
    process.exit(1);
  });
}
