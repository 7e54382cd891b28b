/**
 * Live views on a terminal, drawn by ink: a few lines redrawn in place (a wait's state, an
 * upload's bars, a watched listing, a list to pick from). ink and react load on first use — the
 * prompt starts without them. ink never reads the terminal here: keys reach a view through the
 * terminal hand-over (src/ssh/terminal.ts), so raw mode and the prompt's line editing come back
 * exactly as they were. Off a terminal there is no live view: callers print plain lines.
 */
import { PassThrough } from 'node:stream';
import { WriteStream } from 'node:tty';
import type { Instance } from 'ink';

type Modules = [typeof import('ink'), typeof import('react')];
let modules: Promise<Modules> | undefined;

/** ink and react, imported once. */
function load(): Promise<Modules> {
  return (modules ??= Promise.all([import('ink'), import('react')]));
}

/** Whether `out` is a terminal ink can draw on. */
export function isTerminal(out: unknown): out is WriteStream {
  return out instanceof WriteStream && out.isTTY;
}

/** ink's input, which it never reads (no view asks it for keys). */
function noInput(): NodeJS.ReadStream {
  return Object.assign(new PassThrough(), { isTTY: false, setRawMode: () => {} }) as unknown as NodeJS.ReadStream;
}

/** Lines redrawn in place until `end()`, which leaves the last ones on the screen. */
export class LiveLines {
  private instance: Instance | undefined;
  private lines: string[] = [];
  private ended = false;
  private readonly ready: Promise<void>;

  constructor(private readonly out: WriteStream) {
    this.ready = load().then(([ink, react]) => {
      if (this.ended) return;
      this.element = (lines) => react.createElement(ink.Box, { flexDirection: 'column' }, ...lines.map((line, i) => react.createElement(ink.Text, { key: i, wrap: 'truncate-end' }, line)));
      this.instance = ink.render(this.element(this.lines), { stdout: this.out, stdin: noInput(), patchConsole: false, exitOnCtrlC: false });
    });
  }

  private element: (lines: string[]) => React.ReactElement = () => null as unknown as React.ReactElement;

  show(lines: string[]): void {
    this.lines = lines;
    this.instance?.rerender(this.element(lines));
  }

  /** Resolves once the view is drawn (ink loaded). */
  shown(): Promise<void> {
    return this.ready;
  }

  end(): void {
    this.ended = true;
    this.instance?.unmount();
    this.instance = undefined;
  }
}
