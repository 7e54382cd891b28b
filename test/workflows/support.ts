/**
 * For workflow tests: the paws CLI run as a child process against an in-process sandbox (async:
 * the sandbox lives in this process). The prompt on fake streams is in ../helpers/prompt.ts.
 */
import { execFile } from 'node:child_process';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { PAWS_BIN, pawsEnv, sandboxEnv } from '../helpers/index.js';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `node bin/paws.js ARGS` against the sandbox, without a terminal. */
export function runPaws(args: string[], sandbox: RunningSandbox, home: string, cwd?: string, stdin?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [PAWS_BIN, '--endpoint', sandbox.endpoint, ...args],
      { env: pawsEnv(home, sandboxEnv(sandbox)), cwd, maxBuffer: 16 * 1024 * 1024, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}
