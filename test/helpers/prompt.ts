/**
 * The paws prompt on fake streams (no terminal), as Node's own REPL tests drive theirs: lines go in
 * on a PassThrough, everything printed accumulates, and a line's answer is what was printed before
 * the next prompt. On a `sandboxSession` the service objects are real SDK clients on a sandbox.
 */
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import type { TestContext } from 'node:test';
import type { Session, SessionOptions } from '../../src/helpers/core/session.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { startRepl, type PawsRepl } from '../../src/repl/start.js';
import { testSandbox } from './index.js';
import { sandboxSession } from './session.js';

/** The end of the output when paws waits for a line: its prompt, or `... ` inside an unfinished input. */
export const AT_PROMPT = /(paws> |\.\.\. )$/;

export class Prompt {
  /** Everything printed so far. */
  text = '';
  readonly input = new PassThrough();
  readonly repl: PawsRepl;
  private readonly waiters = new Set<() => void>();

  constructor(readonly session: Session) {
    const output = new PassThrough();
    output.setEncoding('utf8').on('data', (chunk: string) => {
      this.text += chunk;
      for (const check of this.waiters) check();
    });
    // The test runner talks on this process's stdout: only the prompt's own output is recorded.
    this.repl = startRepl({ session, input: this.input, output, terminal: false, tapStdout: false });
  }

  /** Types `line`; resolves with what was printed until `until` ended the output (the next prompt), trimmed, that prompt removed. */
  async type(line: string, until: string | RegExp = AT_PROMPT, timeoutMs = 20_000): Promise<string> {
    const since = this.text.length;
    this.input.write(`${line}\n`);
    const printed = await this.waitFor(until, since, timeoutMs, line);
    return printed.replace(AT_PROMPT, '').trim();
  }

  /** Resolves with the output after `since` (a length of `text`) once it ends with `until` (a string) or matches it. */
  waitFor(until: string | RegExp, since = this.text.length, timeoutMs = 20_000, after = 'what was typed'): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const tail = this.text.slice(since);
        if (!(typeof until === 'string' ? tail.endsWith(until) : until.test(tail))) return;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(tail);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no ${until} after ${after}:\n${this.text.slice(since)}`));
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  close(): void {
    this.repl.server.close();
  }
}

/** A sandbox and a prompt on it for one test only (closed after it): what the session records is only what the test typed. */
export async function promptOnSandbox(t: TestContext, options: SessionOptions = {}): Promise<{ sandbox: RunningSandbox; prompt: Prompt }> {
  const sandbox = await testSandbox();
  const prompt = new Prompt(sandboxSession(sandbox, options));
  t.after(async () => {
    prompt.close();
    await sandbox.close();
  });
  return { sandbox, prompt };
}

/** Types each input in turn and asserts what it printed: equal to a string, or matching a RegExp. */
export async function assertTranscript(prompt: Prompt, table: readonly (readonly [input: string, expected: string | RegExp])[]): Promise<void> {
  for (const [input, expected] of table) {
    const printed = await prompt.type(input);
    if (typeof expected === 'string') assert.equal(printed, expected, input);
    else assert.match(printed, expected, input);
  }
}
