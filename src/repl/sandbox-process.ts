/**
 * The embedded sandbox, run as a child process (`paws sandbox --port 0 --json`) so the REPL never
 * imports src/sandbox and the prompt does not wait for it: the endpoint and keys arrive on the
 * child's first stdout line, and the service objects await them on their first call.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { pawsError } from '../helpers/core/errors.js';

export interface SandboxInfo {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stateDir?: string;
}

export interface SandboxProcess {
  /** The sandbox's endpoint and keys, once it listens; a sandbox that has died is started again first. */
  info(): Promise<SandboxInfo>;
  stop(): void;
}

const BIN = fileURLToPath(new URL('../../../bin/paws.js', import.meta.url));

/**
 * The V8 flags the sandbox runs with. Every request body reaches it as short-lived buffers (node's
 * HTTP parser copies each chunk), and V8 weighs their bytes against a small first old-generation
 * limit: by default that forces a full collection every few MiB received, about 1.5 s of CPU per
 * GiB uploaded. A larger initial old space removes nearly all of them, and the sandbox's peak
 * memory stays where it was (bench/s3.mjs).
 */
export const SANDBOX_NODE_FLAGS = ['--initial-old-space-size=64'];

/**
 * Starts the sandbox child; `onRestart` hears, in one line, why a sandbox that died was started again.
 * The child runs in a session of its own (detached): the terminal's Ctrl-C and hang-up go to
 * paws's process group, and the sandbox must outlive neither a Ctrl-C nor paws's own clean-up
 * after a hang-up (issue 12). Its stdin stays a pipe from paws: it exits when that closes, so it
 * never outlives paws, even after kill -9.
 */
export function startSandboxProcess(onRestart: (reason: string) => void = () => {}, args: string[] = []): SandboxProcess {
  let current = spawnSandbox(args);
  let stopped = false;
  return {
    info: () => {
      if (current.exited && !stopped) {
        const reason = current.exited;
        current = spawnSandbox(args);
        onRestart(`${reason}; started it again`);
      }
      return current.ready;
    },
    stop: () => {
      stopped = true;
      current.stop();
    },
  };
}

interface SandboxChild {
  ready: Promise<SandboxInfo>;
  /** Why the child is gone, once it is. */
  exited?: string;
  stop(): void;
}

/** `args`: more of `paws sandbox`'s options (`--accounts N`). */
function spawnSandbox(args: string[]): SandboxChild {
  const child = spawn(process.execPath, [...SANDBOX_NODE_FLAGS, BIN, 'sandbox', '--port', '0', '--json', ...args], {
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const handle: SandboxChild = {
    ready: new Promise<SandboxInfo>((resolve, reject) => {
      let stdout = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const newline = stdout.indexOf('\n');
        if (newline < 0) return;
        try {
          resolve(JSON.parse(stdout.slice(0, newline)) as SandboxInfo);
        } catch {
          reject(sandboxError(`unexpected output: ${stdout.slice(0, 200)}`));
        }
      });
      child.on('error', (error) => reject(sandboxError(error.message)));
      child.on('exit', (code, signal) => {
        // The line naming the error (`SandboxBusy: …`, or a crash's `TypeError: …` above its stack).
        const lines = stderr.trim().split('\n');
        const last = lines.filter((line) => /^\w+: /.test(line)).pop() ?? lines.pop() ?? '';
        // Its state directory cannot be written: say where it is kept and how to move it.
        const fix = /^(EACCES|EROFS|EPERM|ENOTDIR): /.test(last) ? ' — the sandbox keeps its state under PAWS_HOME (else ~/.paws): set PAWS_HOME to a directory you can write' : '';
        handle.exited = `the sandbox exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}${fix}`;
        reject(sandboxError(handle.exited));
      });
    }),
    // Not a signal: a sandbox other sessions still hold leases on stays up for them (src/sandbox/core/leases.ts).
    stop: () => void child.stdin.end(),
  };
  handle.ready.catch(() => {}); // Reported where it is awaited (the banner, the first call).
  return handle;
}

function sandboxError(message: string): Error {
  return pawsError('SandboxFailed', message);
}
