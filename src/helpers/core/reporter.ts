/**
 * What the helpers print while they work: plain lines (`Creating keypair: paws`), and for waits a
 * single line that updates in place on a terminal, or a line per change elsewhere (logs, pipes).
 * The session holds one (`session.reporter`) and hands it to its service objects, so helpers,
 * recipes and resource objects' waits all print to the same place.
 */
export interface Output {
  write(text: string): unknown;
  isTTY?: boolean;
}

export class Reporter {
  private live = false;
  private lastKey?: string;

  constructor(private readonly out: Output = process.stdout) {}

  /** A line of its own, as the book's `print`. */
  say(text: string): void {
    this.end();
    this.out.write(`${text}\n`);
  }

  /**
   * The current state of a wait. Off a terminal a line is printed only when `key` (the state,
   * without the elapsed time) changes.
   */
  progress(text: string, key = text): void {
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[K${text}`);
      this.live = true;
    } else if (key !== this.lastKey) {
      this.out.write(`${text}\n`);
    }
    this.lastKey = key;
  }

  /** Closes an updating line. */
  end(): void {
    if (this.live) this.out.write('\n');
    this.live = false;
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
