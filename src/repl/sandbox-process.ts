/**
 * The embedded sandbox, run as a child process (`paws sandbox --port 0 --json`) so the REPL never
 * imports src/sandbox and the prompt does not wait for it: the endpoint and keys arrive on the
 * child's first stdout line, and the service objects await them on their first call.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface SandboxInfo {
  endpoint: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  stateDir?: string;
}

export interface SandboxProcess {
  ready: Promise<SandboxInfo>;
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

export function startSandboxProcess(): SandboxProcess {
  // stdin stays open: the child exits when it closes, so it never outlives paws.
  const child = spawn(process.execPath, [...SANDBOX_NODE_FLAGS, BIN, 'sandbox', '--port', '0', '--json'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, AWS_EC2_METADATA_DISABLED: 'true' },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000);
  });
  const ready = new Promise<SandboxInfo>((resolve, reject) => {
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
      const last = stderr.trim().split('\n').pop() ?? '';
      reject(sandboxError(`the sandbox exited (${signal ?? `code ${code}`})${last ? `: ${last}` : ''}`));
    });
  });
  ready.catch(() => {}); // Reported where it is awaited (the banner, the first call).
  return {
    ready,
    stop: () => {
      if (child.exitCode === null) child.kill();
    },
  };
}

function sandboxError(message: string): Error {
  return Object.assign(new Error(message), { name: 'SandboxFailed' });
}
