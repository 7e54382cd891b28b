/**
 * Builds a paws REPL on node:repl: the session's globals, TypeScript eval with abortable calls,
 * the writer, one-line errors, completion, dot-commands and history. Interactive use, scripts and
 * tests all go through here.
 */
import { start, type ReplOptions as NodeReplOptions, type REPLServer } from 'node:repl';
import { maskOutput, maskText, rememberEnvironmentSecrets } from '../helpers/core/secrets.js';
import type { Session } from '../helpers/core/session.js';
import { defineCommands } from './commands.js';
import { installCompleter } from './completer.js';
import { ErrorChannel } from './error-channel.js';
import { Evaluations, installEval } from './evaluation.js';
import { withMemberHint } from './member-hint.js';
import { maskWrites, revealer } from './masked-output.js';
import { topicHelp, topicOf } from './help.js';
import { PagedText } from './pager.js';
import { failureLine } from './promise-hint.js';
import { SessionRecord } from './session-record.js';
import { holdTerminal } from './terminal-holder.js';
import { watcher } from './watch.js';
import { createWriter, printErrorsAsOneLine } from './writer.js';

export interface ReplOptions {
  session: Session;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A real terminal: raw keys, Ctrl-C handling, colors, history. */
  terminal: boolean;
  /** @default 'paws> ' */
  prompt?: string;
  /** The history file; unset: no history. */
  historyPath?: string;
  /**
   * Also record what is printed on process.stdout (helpers' progress, console.log) for
   * `.transcript` and notebooks, when the REPL's output is another stream. @default true
   */
  tapStdout?: boolean;
  /** Replaces the default handling of an evaluation's error (print one line, show the prompt). */
  onError?: (error: unknown) => void;
}

export interface PawsRepl {
  server: REPLServer;
  evaluations: Evaluations;
  /** Inputs and what they printed, for `.save` and `.transcript`. */
  record: SessionRecord;
  /** Prints a line that arrives on its own (banner, debug log) without disturbing what is being typed. */
  print(text: string): void;
}

export function startRepl(options: ReplOptions): PawsRepl {
  const { session, input, output, terminal } = options;
  const tty = output as NodeJS.WritableStream & { columns?: number; hasColors?: () => boolean };
  const colors = terminal && (tty.hasColors?.() ?? false);
  const errors = new ErrorChannel();
  const server = start({
    domain: errors,
    prompt: options.prompt ?? 'paws> ',
    input,
    output,
    terminal,
    useColors: colors,
    useGlobal: true,
    ignoreUndefined: true,
    // Lets Ctrl-C interrupt a pending await (node then rejects it; we also abort its calls).
    breakEvalOnSigint: terminal,
    // The preview would evaluate getters of service objects as you type.
    preview: false,
    writer: createWriter({ colors, screen: tty }),
  } as NodeReplOptions);
  const evaluations = new Evaluations();
  const record = new SessionRecord();
  printErrorsAsOneLine(() => session.debug);
  // Helpers and console.log print to stdout directly; the transcript wants that too.
  const tapStdout = output !== process.stdout && (options.tapStdout ?? true);
  const untaps = [record.tap(output), ...(tapStdout ? [record.tap(process.stdout)] : [])];
  server.on('exit', () => untaps.forEach((untap) => untap()));
  // After the taps: what is printed is masked, and the record masks what it keeps again. The
  // process's own streams are the session's when it prints there (the CLI) or records them.
  rememberEnvironmentSecrets();
  const processStreams = output === process.stdout || tapStdout ? [process.stdout, process.stderr] : [];
  for (const stream of [output, ...processStreams]) maskWrites(stream);
  const displayPrompt = server.displayPrompt.bind(server);
  server.displayPrompt = (preserveCursor?: boolean) => {
    record.end();
    displayPrompt(preserveCursor);
  };

  const help = (topic: unknown) => new PagedText(topicHelp(session, topicOf(session, topic), tty.columns ?? 80));
  const watch = watcher(output, createWriter({ colors, screen: tty }));
  const globals = { ...session.globals(), reveal: revealer(output), help, watch };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }
  installEval(server, evaluations, record);
  installCompleter(server, session);
  defineCommands({ server, session, evaluations, record });
  server.on('SIGINT', () => evaluations.abort());
  if (terminal) holdTerminal(server, evaluations);

  const print = (text: string) => {
    if (!terminal || evaluations.busy) {
      output.write(`${text}\n`);
    } else {
      output.write(`\r\x1b[K${text}\n`);
      server.displayPrompt(true);
    }
  };

  // node prints evaluation errors with `Uncaught` and a stack; paws prints one line.
  errors.removeAllListeners('error');
  /** An error's one line; with `.debug on`, its stack's frames too. */
  const failureText = (error: unknown) => {
    const frames = session.debug && error instanceof Error ? (error.stack ?? '').split('\n').slice(1) : [];
    return [failureLine(error), ...frames.map(maskText)].join('\n');
  };
  const failed = (error: unknown) => {
    evaluations.end();
    record.failed();
    if (options.onError) return options.onError(error);
    (server as unknown as { lastError: unknown }).lastError = error;
    output.write(`${failureText(error)}\n`);
    server.clearBufferedCommand();
    (server as unknown as { lines: { level: unknown[] } }).lines.level = [];
    server.displayPrompt();
  };
  // node reports a typed line's errors on its error channel rather than to the eval's callback.
  errors.on('error', (error: unknown) => failed(withMemberHint(error, session, Object.keys(globals))));
  // An error thrown later in a callback (a timer, a stream with no 'error' listener, a promise
  // left rejected) prints its line like any other, and an evaluation still pending goes on
  // (Ctrl-C ends it); a script or a notebook cell fails with it.
  const stray = (error: unknown) => (options.onError ? failed(error) : print(failureText(error)));
  process.on('uncaughtException', stray);
  server.on('exit', () => process.off('uncaughtException', stray));

  if (options.historyPath) {
    server.setupHistory(options.historyPath, (error) => {
      if (error) print(`History: ${error.message} — history is not saved this session`);
    });
    // readline has just added the line; node writes the history file a moment later.
    // (setupHistory replaces the array once the file is read.)
    const lines = server as unknown as { history: string[] };
    server.on('line', () => {
      if (lines.history.length) lines.history[0] = maskOutput(lines.history[0]);
    });
  }
  return { server, evaluations, record, print };
}

/**
 * Resolves once node has written the last line typed to the history file (it writes 15 ms after a
 * line, and closes the file only after): paws exits with process.exit, which would drop a write
 * still to come. Reads node's own flag; without it, at once.
 */
export function historyWritten(server: REPLServer, timeoutMs = 1000): Promise<void> {
  if (!(server as unknown as { _flushing?: boolean })._flushing) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    server.once('flushHistory', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
