/**
 * Handing the local terminal to a remote session and giving it back: the one way in for every
 * shell (`shell(instance)`, `ssh(…).shell()`, `.shell`), so each leaves the terminal exactly as its
 * holder (the prompt) wants it (issue 12).
 *
 * The terminal's state at hand-over time is no guide: node's REPL turns raw mode off while an
 * input runs synchronously, so a shell started from `conn.shell()` would find it cooked and
 * "restore" that. The holder says what it wants instead. Keys are taken from the moment of the
 * hand-over, so what is typed while connecting goes to the remote shell, not to the prompt later.
 */

export interface TerminalIo {
  /** @default process.stdin */
  input?: NodeJS.ReadableStream & { isTTY?: boolean; isRaw?: boolean; setRawMode?(raw: boolean): unknown };
  /** @default process.stdout */
  output?: NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };
  /** @default $TERM, else xterm-256color */
  term?: string;
}

/** Whoever reads the terminal between remote sessions: the prompt. */
export interface TerminalHolder {
  /** Stops reading keys. */
  release(): void;
  /** Reads keys again, the terminal set as it wants it, and shows its prompt if nothing else will. */
  restore(): void;
}

let holder: TerminalHolder | undefined;

/** The prompt registers itself; unset, the terminal is given back in the mode it was found in. */
export function setTerminalHolder(next: TerminalHolder | undefined): void {
  holder = next;
}

export interface HandedTerminal {
  output: NonNullable<TerminalIo['output']>;
  term: string;
  size(): { rows: number; cols: number };
  /** Aborted by Ctrl-C typed before the keys go anywhere (while connecting). */
  signal: AbortSignal;
  /** From now on keys go to `write`, starting with those typed ahead. */
  sendKeysTo(write: (data: Buffer) => void): void;
}

const CTRL_C = 0x03;

/** Runs `use` with the terminal in raw mode, then gives the terminal back, whatever happened. */
export async function withTerminal<T>(io: TerminalIo, use: (terminal: HandedTerminal) => Promise<T>): Promise<T> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stdout;
  const ours = !io.input && holder;
  const wasRaw = input.isRaw ?? false;
  const wasPaused = input.isPaused();
  // readline reacts to keypresses even when paused, whenever someone else resumes the stream.
  const keypress = input.listeners('keypress') as ((...a: unknown[]) => void)[];
  if (ours) ours.release();
  for (const l of keypress) input.removeListener('keypress', l);

  const interrupt = new AbortController();
  const typedAhead: Buffer[] = [];
  let send: ((data: Buffer) => void) | undefined;
  const onData = (chunk: Buffer | string) => {
    const data = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    if (send) return send(data);
    if (data.includes(CTRL_C)) interrupt.abort();
    else typedAhead.push(data);
  };
  // Raw: Ctrl-C and Ctrl-Z are bytes for the remote, not signals for us.
  if (input.isTTY && input.setRawMode) input.setRawMode(true);
  input.on('data', onData);
  input.resume();
  try {
    return await use({
      output,
      term: io.term ?? process.env.TERM ?? 'xterm-256color',
      size: () => ({ rows: output.rows ?? 24, cols: output.columns ?? 80 }),
      signal: interrupt.signal,
      sendKeysTo: (write) => {
        send = write;
        for (const data of typedAhead.splice(0)) write(data);
      },
    });
  } finally {
    input.removeListener('data', onData);
    output.write('\x1b[?25h'); // the remote may have hidden the cursor
    for (const l of keypress) input.on('keypress', l);
    if (ours) {
      ours.restore();
    } else {
      if (input.isTTY && input.setRawMode) input.setRawMode(wasRaw);
      if (wasPaused) input.pause();
    }
  }
}
