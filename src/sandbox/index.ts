/**
 * The sandbox cloud: an AWS-compatible endpoint on loopback. Imported only by the CLI and tests.
 */
import { pawsHome } from '../home-paths.js';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { Store } from './core/store.js';
import { KeyRing, MAX_SANDBOX_ACCOUNTS, sandboxAccounts } from './core/keys.js';
import { assertFree, claim } from './core/owner.js';
import type { SandboxOptions, SandboxRuntime } from './core/types.js';
import { createSandboxServer } from './server.js';
import { allServices } from './services/index.js';

export type { SandboxOptions } from './core/types.js';
export { MAX_SANDBOX_ACCOUNTS, SANDBOX_ACCOUNTS } from './core/keys.js';

export interface RunningSandbox {
  endpoint: string;
  region: string;
  /** The first sandbox account's root key. */
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Every account and its root key, the first's first. */
  accounts: Array<{ accountId: string; accessKeyId: string; secretAccessKey: string }>;
  stateDir: string;
  close(): Promise<void>;
}

/** The sandbox's state unless told otherwise: under paws's own directory (PAWS_HOME, else ~/.paws). */
export function defaultStateDir(): string {
  return join(pawsHome(), 'sandbox');
}

export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const opts: Required<SandboxOptions> = {
    port: options.port ?? 4566,
    host: options.host ?? '127.0.0.1',
    stateDir: options.stateDir ?? defaultStateDir(),
    latencyMs: options.latencyMs ?? 0,
    timeScale: options.timeScale ?? 1,
    verbose: options.verbose ?? false,
    accounts: options.accounts ?? 2,
  };
  if (!Number.isInteger(opts.accounts) || opts.accounts < 1 || opts.accounts > MAX_SANDBOX_ACCOUNTS) {
    throw new RangeError(`the sandbox has 1 to ${MAX_SANDBOX_ACCOUNTS} accounts, not ${opts.accounts}`);
  }
  const accounts = sandboxAccounts(opts.accounts);
  assertFree(opts.stateDir);
  const store = new Store(opts.stateDir);
  const closers: Array<() => void | Promise<void>> = [];
  const runtime: SandboxRuntime = {
    store,
    keys: new KeyRing(store, accounts),
    options: opts,
    endpoint: '',
    delay: (ms) => new Promise((resolve) => setTimeout(resolve, ms * opts.timeScale).unref()),
    onClose: (fn) => void closers.push(fn),
  };
  const services = allServices();
  const server = createSandboxServer(runtime, services);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  runtime.endpoint = `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${port}`;
  const release = claim(opts.stateDir, runtime.endpoint);
  for (const s of services) await s.start?.(runtime);
  const root = accounts[0];
  return {
    endpoint: runtime.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: root.accessKeyId, secretAccessKey: root.secretAccessKey },
    accounts,
    stateDir: opts.stateDir,
    async close() {
      for (const fn of closers.reverse()) await fn();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await store.close();
      release();
    },
  };
}
