/**
 * A sandbox in its own process, started as the REPL starts its own (same V8 flags): its endpoint
 * and keys. PAWS_BENCH_SANDBOX_FLAGS adds node flags to profile it under a bench, e.g.
 * `PAWS_BENCH_SANDBOX_FLAGS='--cpu-prof --cpu-prof-dir=/tmp/prof' node bench/sandbox.mjs`.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { SANDBOX_NODE_FLAGS } from '../dist/src/repl/sandbox-process.js';

const BIN = fileURLToPath(new URL('../bin/paws.js', import.meta.url));

export async function startSandboxChild(stateDir) {
  const child = spawn(process.execPath, [...SANDBOX_NODE_FLAGS, ...(process.env.PAWS_BENCH_SANDBOX_FLAGS?.split(' ').filter(Boolean) ?? []), BIN, 'sandbox', '--json', '--port', '0', '--state', stateDir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const info = JSON.parse(await new Promise((resolve) => createInterface({ input: child.stdout }).once('line', resolve)));
  if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(info.endpoint)) throw new Error(`not a local sandbox: ${info.endpoint}`);
  return { child, info };
}
