/**
 * The one way paws ends, however the session ends: Ctrl-D or `.exit`, the end of a script or
 * notebook, SIGTERM, or SIGHUP (the terminal was closed). The last words (the --ephemeral
 * clean-up, stopping the sandbox) run once, whichever comes first; only kill -9 skips them.
 */

/** The exit code that says the terminal hung up: paws then ends by SIGHUP itself. */
export const HANG_UP = 129;

/** Ends paws with `code`, printing progress with `say` (default: stderr). */
export type ExitSession = (code: number, say?: (text: string) => void) => Promise<void>;

/** `lastWords` returns false when something could not be done; paws then exits 1. */
export function handleSessionEnd(lastWords: (say: (text: string) => void) => Promise<boolean>): ExitSession {
  let ending: Promise<void> | undefined;
  const exit: ExitSession = (code, say = (text) => void process.stderr.write(`${text}\n`)) =>
    (ending ??= (async () => {
      // A closed terminal answers writes with EIO; the clean-up must go on regardless.
      for (const stream of [process.stdout, process.stderr, process.stdin]) stream.on('error', () => {});
      const done = await lastWords((text) => {
        try {
          say(text);
        } catch {
          // Nowhere to say it.
        }
      }).catch(() => false);
      if (code === HANG_UP) {
        // node would put back the terminal's modes on exit and abort on the EIO of a closed one.
        // Ending by the hang-up's own default action skips that.
        process.removeAllListeners('SIGHUP');
        process.kill(process.pid, 'SIGHUP');
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
      process.exit(code || (done ? 0 : 1));
    })());
  const signals = { SIGTERM: 15, SIGHUP: 1 } as const;
  for (const [signal, number] of Object.entries(signals)) {
    // While the last words run, a further signal changes nothing: closing the terminal both
    // ends the prompt's input and sends SIGHUP, and the clean-up must not be cut short by either.
    // After a hang-up nobody reads the terminal.
    process.on(signal, () => void exit(128 + number, signal === 'SIGHUP' ? () => {} : undefined));
  }
  return exit;
}
