/**
 * What the helpers print while they work: plain lines (`Creating keypair: paws`), and for waits
 * and transfers a live view — lines redrawn in place by ink on a terminal, a line per change
 * elsewhere (logs, pipes, notebooks). The session holds one (`session.reporter`) and hands it to
 * its service objects, so helpers, recipes and resource objects' waits all print to the same place.
 */
import { isTerminal, LiveLines } from './live-view.js';

export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Reporter {
  private live: LiveLines | undefined;
  private lastKey?: string;

  constructor(private readonly out: Output = process.stdout) {}

  /** A line of its own, as the book's `print`. */
  say(text: string): void {
    this.end();
    this.out.write(`${text}\n`);
  }

  /**
   * The current state of a wait or a transfer, in one or more lines, the summary last. Off a
   * terminal only the summary is printed, and only when `key` (the state, without the elapsed
   * time or the bytes) changes.
   */
  progress(text: string | string[], key = String(text)): void {
    const lines = typeof text === 'string' ? [text] : text;
    if (isTerminal(this.out)) (this.live ??= new LiveLines(this.out)).show(lines);
    else if (key !== this.lastKey) this.out.write(`${lines[lines.length - 1]}\n`);
    this.lastKey = key;
  }

  /** Ends the live view, its last lines left on the screen. */
  end(): void {
    this.live?.end();
    this.live = undefined;
    this.lastKey = undefined;
  }
}

/** The session, or a service object it built: both hold the session's reporter. */
interface Reporting {
  reporter?: Reporter;
}

/** The reporter for one call: the caller's own `out` if it names one, else the session's, else stdout. */
export function reporterFor(holder: unknown, out?: Output): Reporter {
  return out ? new Reporter(out) : ((holder as Reporting | undefined)?.reporter ?? new Reporter());
}
