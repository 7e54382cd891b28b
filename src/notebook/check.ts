/**
 * `paws check FILE.md`: doctest for cloud sessions. Runs every cell quietly, compares what each
 * printed with the output recorded under it (placeholders for ids, times and the like; `...` for
 * anything), reports each difference naming the cell, then deletes what the check created.
 */
import { readFileSync } from 'node:fs';
import type { Session } from '../helpers/core/session.js';
import { cleanUpAll } from '../repl/workshop-commands.js';
import { cellName, parseNotebook } from './parse.js';
import { firstDifference, outputsMatch } from './placeholders.js';
import { NotebookRunner } from './runner.js';

export interface CheckOptions {
  /** Leave what the cells created. @default false */
  keep?: boolean;
  output?: NodeJS.WritableStream;
}

/** Returns the number of problems (0: every recorded output matched and nothing failed). */
export async function checkNotebook(session: Session, file: string, options: CheckOptions = {}): Promise<number> {
  const out = options.output ?? process.stdout;
  const say = (text: string) => void out.write(`${text}\n`);
  const notebook = parseNotebook(readFileSync(file, 'utf8'));
  const runner = new NotebookRunner(session, { echo: false, plain: true });
  let problems = 0;
  let compared = 0;
  try {
    for (const cell of notebook.cells) {
      const result = await runner.run(cell);
      if (cell.expected !== undefined) {
        compared++;
        if (outputsMatch(cell.expected, result.output)) {
          say(`✔ ${cellName(cell)}`);
        } else {
          problems++;
          say(`✘ ${cellName(cell)}: the output differs from the one recorded\n${firstDifference(cell.expected, result.output)}`);
        }
      } else if (!result.ok) {
        problems++;
        say(`✘ ${cellName(cell)} failed: ${result.output.split('\n').pop()}`);
      } else {
        say(`✔ ${cellName(cell)} (ran; no output recorded)`);
      }
    }
  } finally {
    runner.close();
  }
  const cells = notebook.cells.length;
  say(
    problems === 0
      ? `check: ${file}: ${cells} cell${cells === 1 ? '' : 's'}, ${compared} output${compared === 1 ? '' : 's'} compared, all match`
      : `check: ${file}: ${problems} of ${cells} cells differ or failed`,
  );
  if (!options.keep && session.tracker.list().length) {
    if (!(await cleanUpAll(session, () => {}))) {
      problems++;
      say(`check: some resources the cells created could not be deleted: ${session.tracker.list().map((r) => `${r.kind}:${r.id}`).join(', ')}`);
    } else {
      say('check: deleted what the cells created');
    }
  }
  return problems;
}
