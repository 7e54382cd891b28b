/**
 * `paws sandbox [--port 4566] [--state DIR] [--latency MS] [--time-scale X] [--accounts N] [--reset] [--json]`:
 * runs the sandbox alone and prints how to point any SDK or the AWS CLI at it.
 * `paws sandbox outbox [--state DIR] [--to ADDRESS] [--last N]`: the e-mail SNS has sent.
 */
import type { Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { rmSync } from 'node:fs';
import { DEFAULT_STATE_DIR, SANDBOX_ACCOUNTS, startSandbox } from './index.js';
import { serveLeases, takeLease } from './core/leases.js';
import { assertFree, currentOwner, ownerGone, recordLeasePort, type Owner } from './core/owner.js';
import { runOutboxCommand } from './services/sns/outbox-command.js';

export async function runSandboxCommand(argv: string[]): Promise<void> {
  if (argv[0] === 'outbox') return runOutboxCommand(argv.slice(1), DEFAULT_STATE_DIR);
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '4566' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string', default: DEFAULT_STATE_DIR },
      latency: { type: 'string', default: '0' },
      'time-scale': { type: 'string', default: '1' },
      accounts: { type: 'string', default: '2' },
      reset: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
    },
  });
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
    port: Number(values.port),
    host: values.host,
    stateDir: values.state,
    latencyMs: Number(values.latency),
    timeScale: Number(values['time-scale']),
    verbose: values.verbose,
    accounts: Number(values.accounts),
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
