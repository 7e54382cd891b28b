/**
 * Shared test helpers: temp dirs, an in-process sandbox, and the built paws CLI in a real
 * pseudo-terminal. Tests use real parts (SDK over HTTP, node-pty), never mocks.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { after, type TestContext } from 'node:test';
import pty from 'node-pty';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import type { SandboxOptions } from '../../src/sandbox/core/types.js';
import assert from 'node:assert/strict';

// The SDK's Node-version notice would clutter every test's output (paws's CLI silences it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
export const PAWS_BIN = join(REPO, 'bin', 'paws.js');

/**
 * A fresh temp dir, removed by the returned `remove()` (register it with `t.after`). Removal never
 * throws: a process still writing there (a sandbox stopping) can make one pass fail, and a failing
 * `after` hook would skip the hooks after it, such as the one that ends that process.
 */
export function tempDir(prefix = 'paws-test-'): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return {
    path,
    remove: () => {
      try {
        rmSync(path, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
      } catch {
        // A leftover temp dir harms nothing; the test's own assertions have already spoken.
      }
    },
  };
}

/** A sandbox on a free port with its own state dir and a small time scale; `close()` removes the state too. */
export async function testSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const dir = tempDir('paws-sandbox-');
  const sandbox = await startSandbox({ port: 0, stateDir: dir.path, timeScale: 0.02, ...options });
  return {
    ...sandbox,
    close: async () => {
      await sandbox.close();
      dir.remove();
    },
  };
}

/** Polls `probe` until it returns something truthy, and returns that (sandbox timers run at timeScale 0.02). */
export async function eventually<T>(probe: () => Promise<T | undefined | false> | T | undefined | false, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The environment for a paws child: only loopback, a temp HOME, no inherited AWS settings. */
export function pawsEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  // Not CI's markers either: under them ink draws only a live view's last frame, and these children are a user's terminal.
  // Nor PAWS_HOME: paws's own directory (the sandbox's state, known hosts) is the test's HOME's unless it says otherwise.
  const dropped = new Set(['CI', 'CONTINUOUS_INTEGRATION', 'PAWS_HOME']);
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('AWS_') && !dropped.has(k)) env[k] = v;
  return {
    ...env,
    HOME: home,
    PAWS_HISTORY: join(home, '.paws_history'),
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
    TERM: 'xterm-256color',
    ...extra,
  };
}

/** The env that points paws at a running sandbox with its keys. */
export function sandboxEnv(sandbox: RunningSandbox): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
    AWS_REGION: sandbox.region,
  };
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[>=]|\r/g;

export interface PtySession {
  /** Everything printed so far, ANSI sequences and carriage returns removed. */
  readonly output: string;
  write(text: string): void;
  /** Resizes the terminal, as a user dragging the window does. */
  resize(cols: number, rows: number): void;
  /** Waits until the output after `since` (an output length) matches. */
  waitFor(pattern: string | RegExp, options?: { since?: number; timeoutMs?: number }): Promise<string>;
  /** The exit code, once paws has ended; rejects, with what was printed, after `timeoutMs`. */
  exitCode(timeoutMs?: number): Promise<number>;
  /**
   * Sends `signal` (default SIGHUP, as a closing terminal does) to paws; resolves once it has
   * ended, after a SIGKILL if it has not within 5 s.
   */
  kill(signal?: string): Promise<void>;
}

/** Every paws in a pseudo-terminal not yet ended: a live one would keep its test file running forever. */
const livePtys = new Set<pty.IPty>();
after(() => {
  for (const term of livePtys) term.kill('SIGKILL');
});

/** Runs `node bin/paws.js ARGS` in a pseudo-terminal. */
export function spawnPaws(args: string[], env: Record<string, string>, cwd = REPO, cols = 120): PtySession {
  return spawnInPty(process.execPath, [PAWS_BIN, ...args], { env, cwd, cols });
}

/** Any program in a pseudo-terminal, 40 rows high; `waitFor` waits `waitMs` unless told otherwise. */
export function spawnInPty(file: string, args: string[], options: { env: Record<string, string>; cwd: string; cols?: number; waitMs?: number }): PtySession {
  const { env, cwd, cols = 120, waitMs = 10_000 } = options;
  const term = pty.spawn(file, args, { name: 'xterm-256color', cols, rows: 40, cwd, env });
  let raw = '';
  let output = '';
  const waiters = new Set<() => void>();
  term.onData((data) => {
    raw += data;
    output = raw.replace(ANSI, '');
    for (const check of waiters) check();
  });
  livePtys.add(term);
  const exited = new Promise<number>((resolve) =>
    term.onExit(({ exitCode }) => {
      livePtys.delete(term);
      resolve(exitCode);
    }),
  );
  const within = (timeoutMs: number) =>
    Promise.race([exited, sleep(timeoutMs, undefined, { ref: false }).then(() => undefined)]);
  return {
    get output() {
      return output;
    },
    write: (text) => term.write(text),
    resize: (cols, rows) => term.resize(cols, rows),
    waitFor(pattern, { since = 0, timeoutMs = waitMs } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const tail = output.slice(since);
          const found = typeof pattern === 'string' ? tail.includes(pattern) : pattern.test(tail);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(tail);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output so far:\n${output}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    async exitCode(timeoutMs = 20_000) {
      const code = await within(timeoutMs);
      if (code === undefined) throw new Error(`${basename(file)} had not exited after ${timeoutMs} ms; output so far:\n${output}`);
      return code;
    },
    async kill(signal) {
      const send = (name?: string) => livePtys.has(term) && term.kill(name);
      send(signal);
      if ((await within(5000)) === undefined) send('SIGKILL');
      await within(5000);
    },
  };
}

/** paws in a pseudo-terminal in a fresh HOME (`pawsEnv` plus `extra`); when the test ends paws is ended, then the HOME removed. */
export function pawsInFreshHome(t: TestContext, args: string[], options: { extra?: Record<string, string>; cols?: number } = {}): { paws: PtySession; home: string } {
  const home = tempDir();
  const paws = spawnPaws(args, pawsEnv(home.path, options.extra), REPO, options.cols);
  t.after(async () => {
    await paws.kill();
    home.remove();
  });
  return { paws, home: home.path };
}

/**
 * paws in a pseudo-terminal, in a fresh HOME, on a sandbox of its own, waiting at its first
 * prompt; the terminal, the sandbox and the HOME go when the test ends.
 */
export async function pawsOnSandbox(
  t: TestContext,
  options: { sandbox?: SandboxOptions; args?: string[] } = {},
): Promise<{ paws: PtySession; sandbox: RunningSandbox; home: string }> {
  const sandbox = await testSandbox(options.sandbox);
  const { paws, home } = pawsInFreshHome(t, [...(options.args ?? []), '--endpoint', sandbox.endpoint], { extra: sandboxEnv(sandbox) });
  t.after(() => sandbox.close()); // After paws has ended: hooks run in the order they were added.
  // The banner prints once the prompt's first input has been answered: waited for, it lands
  // before what the test types instead of amid an answer the test reads.
  await paws.waitFor(/paws: account [^]*?profile default\n/, { timeoutMs: 20_000 });
  return { paws, sandbox, home };
}

/** Asserts the call fails as the service would answer: the SDK's error name (the code), the HTTP status and, given one, the message; answers the error. */
export async function refused(call: Promise<unknown>, code: string, status = 400, message?: RegExp): Promise<any> {
  let error: any;
  await assert.rejects(call, (e: any) => {
    assert.equal(e.name, code, e.message);
    assert.equal(e.$metadata?.httpStatusCode, status);
    if (message) assert.match(e.message, message);
    error = e;
    return true;
  });
  return error;
}
