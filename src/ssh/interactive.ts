/**
 * The interactive session: the local terminal becomes the remote one until the remote shell exits
 * or the connection drops, and is then put back exactly as it was.
 *
 * The REPL owns stdin, so the streams are passed in, and readline is kept out of the way twice
 * over: the caller's `pause`/`resume` hooks, and the input's 'keypress' listeners (readline's) are
 * detached for the session, since a paused readline still reacts to keypresses when someone else
 * resumes the stream.
 */
import type { Client } from 'ssh2';

export interface TerminalIo {
  /** @default process.stdin */
  input?: NodeJS.ReadableStream & { isTTY?: boolean; isRaw?: boolean; setRawMode?(raw: boolean): unknown };
  /** @default process.stdout */
  output?: NodeJS.WritableStream & { isTTY?: boolean; rows?: number; columns?: number };
  /** Called before the session takes the terminal (the REPL pauses readline). */
  pause?: () => void;
  /** Called after the terminal is restored (the REPL resumes readline and redraws its prompt). */
  resume?: () => void;
  /** @default $TERM, else xterm-256color */
  term?: string;
}

/** Runs a remote shell on the terminal; resolves with its exit code (null when the connection dropped). */
export async function interactiveShell(client: Client, io: TerminalIo = {}): Promise<number | null> {
  const input = io.input ?? process.stdin;
  const output = io.output ?? process.stdout;
  const size = () => ({ rows: output.rows ?? 24, cols: output.columns ?? 80 });
  const wasRaw = input.isRaw ?? false;
  const wasPaused = input.isPaused();
  const keypress = input.listeners('keypress') as ((...a: unknown[]) => void)[];

  io.pause?.();
  for (const l of keypress) input.removeListener('keypress', l);
  const restore: Array<() => void> = [];
  try {
    const stream = await new Promise<import('ssh2').ClientChannel>((resolve, reject) =>
      client.shell({ term: io.term ?? process.env.TERM ?? 'xterm-256color', ...size(), height: 0, width: 0 }, (err, ch) => (err ? reject(err) : resolve(ch))),
    );
    if (input.isTTY && input.setRawMode) {
      // Raw: Ctrl-C and Ctrl-Z are bytes for the remote, not signals for us.
      input.setRawMode(true);
      restore.push(() => input.setRawMode!(wasRaw));
    }
    const onInput = (data: Buffer | string) => stream.write(data);
    const onResize = () => stream.setWindow(size().rows, size().cols, 0, 0);
    input.on('data', onInput);
    output.on('resize', onResize);
    restore.push(() => input.removeListener('data', onInput), () => output.removeListener('resize', onResize));
    input.resume();

    return await new Promise<number | null>((resolve) => {
      let code: number | null = null;
      stream.on('data', (d: Buffer) => output.write(d));
      stream.stderr.on('data', (d: Buffer) => output.write(d));
      stream.on('exit', (c: number | null) => (code = c));
      stream.on('close', () => resolve(code));
      // A dropped connection may never close the channel.
      const onGone = () => {
        output.write('\r\nConnection closed by the remote host.\r\n');
        resolve(code);
      };
      client.once('close', onGone);
      restore.push(() => client.removeListener('close', onGone));
    });
  } finally {
    for (const undo of restore.reverse()) undo();
    if (wasPaused) input.pause();
    output.write('\x1b[?25h'); // the remote may have hidden the cursor
    for (const l of keypress) input.on('keypress', l);
    io.resume?.();
  }
}
