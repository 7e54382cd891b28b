/**
 * The prompt's evaluation without a terminal, one piece of code at a time: what notebooks and the
 * Jupyter kernel run cells with. It is a REPL of the session (the same globals, TypeScript,
 * top-level await, masking and global scope as the prompt), fed by calls instead of typed lines;
 * a cell that is a dot-command (`.region eu-west-1`, `.cleanup`) runs as one.
 */
import { PassThrough } from 'node:stream';
import type { Session } from '../helpers/core/session.js';
import { dotCommand } from './commands.js';
import { evaluateIn } from './script-commands.js';
import { startRepl, type PawsRepl } from './start.js';

export type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

export interface EvaluatorOptions {
  /** Where the REPL prints (dot-commands, help). */
  output: NodeJS.WritableStream;
  /** Also record what is printed on process.stdout. @default true */
  tapStdout?: boolean;
}

/** What an interrupted cell fails with: it prints as a Ctrl-C at the prompt does. */
function interruption(): Error {
  return Object.assign(new Error('aborted'), { name: 'AbortError' });
}

export class Evaluator {
  readonly repl: PawsRepl;
  /** Fails the cell being run: node hands most evaluation errors to the REPL, not to the eval's callback. */
  private failCell: (error: unknown) => void = () => {};

  constructor(
    readonly session: Session,
    options: EvaluatorOptions,
  ) {
    this.repl = startRepl({ session, input: new PassThrough(), output: options.output, terminal: false, prompt: '', tapStdout: options.tapStdout, onError: (e) => this.failCell(e) });
  }

  /** Runs `code`, named `name` in syntax errors; never throws. */
  async evaluate(code: string, name: string): Promise<Outcome> {
    const failed = new Promise<never>((_, reject) => (this.failCell = reject));
    const context = { ...this.repl, session: this.session };
    try {
      const command = dotCommand(context, code);
      if (command) return { ok: true, value: await Promise.race([command, failed]) };
      const { value } = await Promise.race([evaluateIn(context, code, name), failed]);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error };
    } finally {
      this.failCell = () => {};
    }
  }

  /** As Ctrl-C at the prompt: aborts the calls of the cell being run, which fails at once. */
  interrupt(): void {
    this.repl.evaluations.abort();
    this.failCell(interruption());
  }

  /** The prompt's Tab completion of `line`: the candidates and the part of `line` they replace. */
  complete(line: string): Promise<[string[], string]> {
    const completer = (this.repl.server as unknown as { completer: (line: string, cb: (error: Error | null, result?: [string[], string]) => void) => void }).completer;
    return new Promise((resolve) => completer(line, (error, result) => resolve(error || !result ? [[], ''] : result)));
  }

  close(): void {
    this.repl.server.close();
  }
}
