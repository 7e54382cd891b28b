/**
 * Runs notebook cells one at a time in a REPL of the session — the same globals, TypeScript and
 * top-level await as the prompt, and the same global scope, so what the cells define is still
 * defined at the prompt opened afterwards. Each cell's printed output (its value, console.log,
 * helpers' progress, its error line) is captured as the prompt would show it.
 */
import { PassThrough } from 'node:stream';
import type { Session } from '../helpers/core/session.js';
import { Evaluator } from '../repl/evaluator.js';
import { failureLine } from '../repl/promise-hint.js';
import { createWriter } from '../repl/writer.js';
import type { Cell } from './parse.js';

export interface CellResult {
  output: string;
  ok: boolean;
}

export interface RunnerOptions {
  /** Show outputs as they are printed. @default true */
  echo?: boolean;
  /**
   * Record the plain, not-a-terminal form of progress output (a line per state rather than one
   * line redrawn), so outputs written on a terminal compare with outputs checked in CI.
   * @default false
   */
  plain?: boolean;
}

export class NotebookRunner {
  private readonly evaluator: Evaluator;
  private readonly write: (value: unknown) => string = createWriter();

  constructor(
    readonly session: Session,
    private readonly options: RunnerOptions = {},
  ) {
    const echo = options.echo ?? true;
    // Quiet: the REPL prints into a stream nobody reads (resumed, so it never fills up).
    const output = echo ? process.stdout : new PassThrough().resume();
    this.evaluator = new Evaluator(session, { output });
    this.evaluator.repl.record.silent = !echo;
  }

  async run(cell: Cell): Promise<CellResult> {
    const { record, server } = this.evaluator.repl;
    const stdout = process.stdout as { isTTY?: boolean };
    const wasTTY = stdout.isTTY;
    if (this.options.plain) stdout.isTTY = false;
    record.begin(cell.code, cell.code);
    try {
      const outcome = await this.evaluator.evaluate(cell.code, `cell ${cell.number}`);
      if (!outcome.ok) {
        record.failed();
        server.output.write(`${failureLine(outcome.error)}\n`);
      } else if (outcome.value !== undefined) server.output.write(`${this.write(outcome.value)}\n`);
    } finally {
      stdout.isTTY = wasTTY;
      record.end();
    }
    const entry = record.entries[record.entries.length - 1];
    return { output: entry.output, ok: entry.ok };
  }

  close(): void {
    this.evaluator.close();
  }
}
