/**
 * A pager for long help on a terminal: a screenful, then Space for the next page, Enter for one
 * more line, q to stop — keys taken through src/ssh/terminal.ts, the one way the prompt lends its
 * terminal. Elsewhere (pipes, tests without a terminal) the text is written whole.
 */
import { inspect } from 'node:util';
import { withTerminal } from '../ssh/terminal.js';

/**
 * Text an evaluation answers to be paged, as `help(x)` does: the prompt's eval pages it before the
 * next prompt (a function called without await cannot take the terminal itself); kept in a
 * variable and printed elsewhere, it is its text.
 */
export class PagedText {
  constructor(readonly text: string) {}

  [inspect.custom](): string {
    return this.text;
  }
}

interface Screen extends NodeJS.WritableStream {
  isTTY?: boolean;
  rows?: number;
}

const STATUS = (shown: number, total: number) => `-- ${shown}/${total} lines · Space: next page · Enter: next line · q: stop --`;

export async function page(text: string, output: Screen): Promise<void> {
  const lines = text.split('\n');
  const rows = output.rows ?? 24;
  if (!output.isTTY || lines.length < rows) {
    output.write(`${text}\n`);
    return;
  }
  await withTerminal({ output }, (terminal) =>
    new Promise<void>((done) => {
      let shown = 0;
      const more = (count: number) => {
        const next = lines.slice(shown, shown + count);
        shown += next.length;
        output.write(`\r\x1b[K${next.join('\n')}\n`);
        if (shown < lines.length) output.write(STATUS(shown, lines.length));
        else done();
      };
      const stop = () => {
        output.write('\r\x1b[K');
        done();
      };
      more(rows - 1);
      terminal.signal.addEventListener('abort', stop);
      terminal.sendKeysTo((data) => {
        const key = data.toString();
        if (key === 'q' || key === 'Q' || key === '\x03' || key === '\x1b') stop();
        else if (key === '\r' || key === '\n') more(1);
        else more(rows - 1);
      });
    }),
  );
}
