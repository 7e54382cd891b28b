/**
 * For workflow tests: a session on an in-process sandbox, a prompt on fake streams that can be
 * typed at, and the paws CLI run as a child process (async: the sandbox lives in this process).
 */
import { execFile } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { serviceFolders } from '../../src/helpers/index.js';
import { Session, type SessionOptions } from '../../src/helpers/core/session.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { startRepl, type PawsRepl } from '../../src/repl/start.js';
import { PAWS_BIN, pawsEnv, sandboxEnv } from '../helpers/index.js';

const PROMPT = 'paws> ';

export function sandboxSession(sandbox: RunningSandbox, options: SessionOptions = {}): Session {
  const { accessKeyId, secretAccessKey } = sandbox.credentials;
  return new Session(
    {
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      credentials: async () => ({ accessKeyId, secretAccessKey }),
      forcePathStyle: true,
      sandbox: false,
      endpointLabel: sandbox.endpoint,
    },
    serviceFolders,
    { log: () => {}, ...options },
  );
}

/** A prompt on fake streams: `type` a line, get what was printed before the next prompt. */
export class Prompt {
  text = '';
  readonly input = new PassThrough();
  readonly repl: PawsRepl;

  constructor(readonly session: Session) {
    const output = new PassThrough();
    output.setEncoding('utf8').on('data', (chunk: string) => (this.text += chunk));
    // The test runner talks on this process's stdout: only the prompt's own output is recorded.
    this.repl = startRepl({ session, input: this.input, output, terminal: false, tapStdout: false });
  }

  async type(line: string, until: string | RegExp = PROMPT, timeoutMs = 20_000): Promise<string> {
    const since = this.text.length;
    this.input.write(`${line}\n`);
    const deadline = Date.now() + timeoutMs;
    const done = () => {
      const tail = this.text.slice(since);
      return typeof until === 'string' ? tail.endsWith(until) : until.test(tail);
    };
    while (!done()) {
      if (Date.now() > deadline) throw new Error(`no ${until} after ${line}:\n${this.text.slice(since)}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return this.text.slice(since).replace(/paws> $/, '').trim();
  }

  close(): void {
    this.repl.server.close();
  }
}

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
