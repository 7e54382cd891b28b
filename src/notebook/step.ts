/**
 * `paws notebook FILE.md`: shows each cell as if typed at the prompt, then waits — Enter runs it
 * (its output prints under it), `s` skips it, `q` leaves for the prompt with everything defined
 * so far. After a cell fails, Enter runs it again (fix what it needs at the prompt meanwhile with
 * `q`, or skip it). `--auto` runs every cell without asking; `--write` writes each output back into the
 * notebook under its cell (Markdown or .ipynb), or with `--out OTHER` into a copy in either form.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Session } from '../helpers/core/session.js';
import { convertNotebook } from './convert.js';
import { cellName, parseNotebook, withOutputs, type Cell } from './parse.js';
import { NotebookRunner } from './runner.js';

export interface NotebookOptions {
  /** Run every cell without asking. @default false */
  auto?: boolean;
  /** Write the outputs back into the file. @default false */
  write?: boolean;
  /** With `write`: write the notebook with its outputs here instead, as .ipynb or Markdown by its name. */
  out?: string;
  input?: NodeJS.ReadStream;
  output?: NodeJS.WritableStream;
}

export interface NotebookOutcome {
  /** The user pressed q (or reached the end stepping): open the prompt. */
  toPrompt: boolean;
  ran: number;
  failed: number;
}

type Choice = 'run' | 'skip' | 'quit' | 'abort';

/** One key press (a line, when stdin is no terminal). */
function readChoice(input: NodeJS.ReadStream): Promise<Choice> {
  return new Promise((resolve) => {
    const raw = input.isTTY;
    if (raw) input.setRawMode(true);
    input.resume();
    input.once('data', (data: Buffer | string) => {
      if (raw) input.setRawMode(false);
      input.pause();
      const key = String(data).trim().toLowerCase();
      if (String(data) === '\x03' || String(data) === '\x04') resolve('abort');
      else if (key.startsWith('q')) resolve('quit');
      else if (key.startsWith('s')) resolve('skip');
      else resolve('run');
    });
  });
}

/** The cell as the prompt would show it being typed. */
function showCell(cell: Cell, total: number): string {
  const [first, ...more] = cell.code.replace(/\n+$/, '').split('\n');
  const typed = [`paws> ${first}`, ...more.map((l) => `... ${l}`)].join('\n');
  return `\n── ${cellName(cell).replace(/^cell (\d+)/, `cell $1/${total}`)} ──\n${typed}\n`;
}

export async function stepNotebook(session: Session, file: string, options: NotebookOptions = {}): Promise<NotebookOutcome> {
  const input = options.input ?? process.stdin;
  const out = options.output ?? process.stdout;
  const notebook = parseNotebook(readFileSync(file, 'utf8'));
  const runner = new NotebookRunner(session, { echo: true, plain: options.write });
  const outputs = new Map<number, string>();
  const failed = new Set<number>();
  const outcome = (toPrompt: boolean): NotebookOutcome => ({ toPrompt, ran: outputs.size, failed: failed.size });
  try {
    cells: for (const cell of notebook.cells) {
      out.write(showCell(cell, notebook.cells.length));
      for (let attempt = 0; ; attempt++) {
        let choice: Choice = 'run';
        if (!options.auto) {
          out.write(`[Enter] ${attempt ? 'retry' : 'run'} · s skip · q quit to the prompt `);
          choice = await readChoice(input);
          out.write('\r\x1b[K');
        }
        if (choice === 'abort') return outcome(false);
        if (choice === 'quit') break cells;
        if (choice === 'skip') {
          out.write('(skipped)\n');
          break;
        }
        const result = await runner.run(cell);
        outputs.set(cell.number, result.output);
        if (!result.ok) failed.add(cell.number);
        else failed.delete(cell.number);
        // A failed cell: run it again, skip it, or go to the prompt to look into it.
        if (result.ok || options.auto) break;
      }
    }
  } finally {
    runner.close();
  }
  // Converting (--out) writes the recorded outputs of the cells not run, even when none ran.
  if (options.write && (outputs.size || options.out)) {
    const target = options.out ?? file;
    writeFileSync(target, options.out ? convertNotebook(notebook, outputs, options.out) : withOutputs(notebook, outputs));
    const cells = `${outputs.size} cell${outputs.size === 1 ? '' : 's'}`;
    out.write(options.out ? `\nWrote ${target} (the output of ${cells} run, the others as recorded)\n` : `\nWrote the output of ${cells} into ${target}\n`);
  }
  return outcome(!options.auto);
}
