/**
 * `paws kernel CONNECTION-FILE`: paws as a Jupyter kernel. Cells run through the prompt's own
 * evaluator (TypeScript, top-level await, the session's globals, secrets masked, dot-commands);
 * what they print arrives as stdout/stderr streams, their value as the prompt prints it (plus HTML
 * tables and SVG charts), their error as the prompt's one line. Completion and inspection are the
 * prompt's Tab and help; input prompts (`.cleanup`'s question) go through the stdin channel.
 */
import { randomUUID } from 'node:crypto';
import { Recoverable } from 'node:repl';
import { errorCode } from '../helpers/core/errors.js';
import type { Session } from '../helpers/core/session.js';
import { Evaluator, type Outcome } from '../repl/evaluator.js';
import { topicHelp } from '../repl/help.js';
import { failureLine } from '../repl/promise-hint.js';
import { toJavaScript } from '../repl/typescript.js';
import { watcher } from '../repl/watch.js';
import { createWriter } from '../repl/writer.js';
import { Channels, type Channel, type ConnectionInfo } from './channels.js';
import { mimeBundle } from './display.js';
import { encode, PROTOCOL_VERSION, type Message } from './wire.js';

export interface KernelOptions {
  session: Session;
  info: ConnectionInfo;
  /** The kernel's first words (the session's banner). */
  banner: string;
  /** Ends paws (the --ephemeral clean-up and the sandbox included); `say` reaches the kernel's log. */
  end(say: (text: string) => void): Promise<void>;
}

type Handler = (message: Message) => Promise<object | undefined> | object | undefined;
type Write = (chunk: any, ...rest: any[]) => boolean;

const HELP_QUESTION = /^\s*([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?)\?\s*$/;
const LANGUAGE_INFO = { name: 'typescript', version: '5', mimetype: 'text/typescript', file_extension: '.ts', pygments_lexer: 'typescript', codemirror_mode: 'text/typescript' };

/** The identifier chain around `cursor` (`ec2.describeInstances`), for inspection. */
function nameAt(code: string, cursor: number): string | undefined {
  const before = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*\.?$/.exec(code.slice(0, cursor))?.[0] ?? '';
  const after = /^[\w$]*/.exec(code.slice(cursor))?.[0] ?? '';
  return `${before}${after}`.replace(/\.$/, '') || undefined;
}

/** Jupyter counts cursor positions in code points; JavaScript strings in UTF-16 units. */
const toUnits = (code: string, points: number) => [...code].slice(0, points).join('').length;
const toPoints = (text: string) => [...text].length;

export class Kernel {
  private readonly id = randomUUID();
  private readonly evaluator: Evaluator;
  private readonly write = createWriter();
  private executionCount = 0;
  private readonly history: { count: number; code: string; output: string }[] = [];
  /** The execute request whose cell prints now (late output stays with the last cell). */
  private current: Message | undefined;
  private answer: ((text: string) => void) | undefined;
  private shellQueue = Promise.resolve();
  private readonly log: (text: string) => void;

  private constructor(
    private readonly channels: Channels,
    private readonly options: KernelOptions,
  ) {
    this.log = this.captureProcessStreams();
    this.evaluator = new Evaluator(options.session, { output: process.stdout });
    this.takeQuestions();
    // `display(value)` shows a value in the cell's output now, as its result would be shown.
    const display = (value: unknown) => void this.publish('display_data', { data: mimeBundle(value, this.write(value)), metadata: {}, transient: {} }, this.current);
    // `watch(fn)` redraws its listing in the cell's output: each replaces the last.
    const watch = watcher(process.stdout, this.write, () => this.publish('clear_output', { wait: true }, this.current));
    for (const [name, value] of Object.entries({ display, watch })) Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  }

  static async start(options: KernelOptions): Promise<Kernel> {
    const kernel = new Kernel(await Channels.open(options.info), options);
    kernel.channels.listen('shell', (m) => (kernel.shellQueue = kernel.shellQueue.then(() => kernel.handle('shell', m))));
    kernel.channels.listen('control', (m) => void kernel.handle('control', m));
    kernel.channels.listen('stdin', (m) => kernel.answered(m));
    // Jupyter interrupts by message (the kernelspec says so); a SIGINT, from a terminal's Ctrl-C, does the same.
    process.on('SIGINT', () => kernel.evaluator.interrupt());
    kernel.publish('status', { execution_state: 'starting' });
    return kernel;
  }

  /**
   * Writes to process.stdout and stderr (console.log, helpers' progress, the REPL's own output)
   * become the current cell's streams; the returned function writes to the kernel's log instead.
   */
  private captureProcessStreams(): (text: string) => void {
    const log = process.stderr.write.bind(process.stderr) as Write;
    for (const [stream, name] of [[process.stdout, 'stdout'], [process.stderr, 'stderr']] as const) {
      const own = stream.write.bind(stream) as Write;
      (stream as unknown as { write: Write }).write = (chunk, ...rest) => {
        if (!this.current) return own(chunk, ...rest);
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        this.publish('stream', { name, text }, this.current);
        const done = rest.find((a) => typeof a === 'function');
        if (done) process.nextTick(done);
        return true;
      };
    }
    return (text) => void log(`${text}\n`);
  }

  /** A question asked in a cell (`.cleanup`'s) becomes an input request to the notebook. */
  private takeQuestions(): void {
    const server = this.evaluator.repl.server as unknown as { question: (query: string, ...rest: unknown[]) => void };
    server.question = (query, ...rest) => {
      const callback = rest.find((a) => typeof a === 'function') as (answer: string) => void;
      const request = this.current;
      if (!request?.content.allow_stdin) return callback('');
      this.answer = callback;
      void this.channels.send('stdin', encode(this.channels.signer, this.id, 'input_request', { prompt: query, password: false }, request, request.identities));
    };
  }

  private answered(message: Message): void {
    if (message.header.msg_type !== 'input_reply') return;
    const answer = this.answer;
    this.answer = undefined;
    answer?.(String(message.content.value ?? ''));
  }

  private publish(type: string, content: object, parent?: Message): void {
    void this.channels.send('iopub', encode(this.channels.signer, this.id, type, content, parent, [Buffer.from(type)]));
  }

  private async handle(channel: Exclude<Channel, 'iopub'>, message: Message): Promise<void> {
    const type = message.header.msg_type;
    const handler = this.handlers[type];
    if (!handler) return this.log(`paws kernel: ${type} is not handled`);
    this.publish('status', { execution_state: 'busy' }, message);
    try {
      const content = await handler(message);
      if (content) await this.channels.send(channel, encode(this.channels.signer, this.id, type.replace(/_request$/, '_reply'), content, message, message.identities));
    } catch (error) {
      this.log(`paws kernel: ${type} failed: ${failureLine(error)}`);
    } finally {
      this.publish('status', { execution_state: 'idle' }, message);
    }
  }

  private readonly handlers: Record<string, Handler> = {
    kernel_info_request: () => ({
      status: 'ok',
      protocol_version: PROTOCOL_VERSION,
      implementation: 'paws',
      implementation_version: '0.1.0',
      language_info: LANGUAGE_INFO,
      banner: this.options.banner,
      help_links: [],
      debugger: false,
    }),
    execute_request: (m) => this.execute(m),
    complete_request: async (m) => {
      const code = String(m.content.code);
      const cursor = toUnits(code, m.content.cursor_pos ?? toPoints(code));
      const line = code.slice(code.lastIndexOf('\n', cursor - 1) + 1, cursor);
      const [matches, partial] = await this.evaluator.complete(line);
      const end = toPoints(code.slice(0, cursor));
      return { status: 'ok', matches, cursor_start: end - toPoints(partial), cursor_end: end, metadata: {} };
    },
    inspect_request: (m) => {
      const code = String(m.content.code);
      const name = nameAt(code, toUnits(code, m.content.cursor_pos ?? toPoints(code)));
      const outcome = name ? this.help(name) : undefined;
      const help = outcome?.ok ? String(outcome.value) : undefined;
      return { status: 'ok', found: help !== undefined, data: help ? { 'text/plain': help } : {}, metadata: {} };
    },
    is_complete_request: (m) => {
      try {
        toJavaScript(String(m.content.code));
        return { status: 'complete' };
      } catch (error) {
        return error instanceof Recoverable ? { status: 'incomplete', indent: '' } : { status: 'invalid' };
      }
    },
    history_request: (m) => ({ status: 'ok', history: this.historyFor(m.content) }),
    comm_info_request: () => ({ status: 'ok', comms: {} }),
    connect_request: () => {
      const { shell_port, iopub_port, stdin_port, control_port, hb_port } = this.options.info;
      return { shell_port, iopub_port, stdin_port, control_port, hb_port };
    },
    interrupt_request: () => {
      this.evaluator.interrupt();
      return { status: 'ok' };
    },
    shutdown_request: (m) => {
      // The reply goes first; ending (the --ephemeral clean-up) follows, its words in the kernel's log.
      setImmediate(() => void this.shutDown());
      return { status: 'ok', restart: Boolean(m.content.restart) };
    },
  };

  private async execute(request: Message): Promise<object> {
    const { code, silent, store_history: storeHistory = true } = request.content as { code: string; silent?: boolean; store_history?: boolean };
    if (!silent && storeHistory) this.executionCount++;
    const count = this.executionCount;
    if (!silent) this.publish('execute_input', { code, execution_count: count }, request);
    this.current = request;
    // `ec2.describeInstances?`, as in IPython: the help in the pager.
    const asked = HELP_QUESTION.exec(code)?.[1];
    const outcome = asked ? this.help(asked) : await this.evaluator.evaluate(code, `In [${count}]`);
    if (asked && outcome.ok) return { status: 'ok', execution_count: count, payload: [{ source: 'page', data: { 'text/plain': outcome.value }, start: 0 }], user_expressions: {} };
    let output = '';
    if (outcome.ok && outcome.value !== undefined && !silent) {
      const data = mimeBundle(outcome.value, this.write(outcome.value));
      output = data['text/plain'];
      this.publish('execute_result', { execution_count: count, data, metadata: {} }, request);
    }
    if (!silent && storeHistory) this.history.push({ count, code, output });
    if (outcome.ok) return { status: 'ok', execution_count: count, payload: [], user_expressions: {} };
    const line = failureLine(outcome.error);
    const ename = /^([\w.]+): /.exec(line)?.[1] ?? errorCode(outcome.error);
    const error = { ename, evalue: line.startsWith(`${ename}: `) ? line.slice(ename.length + 2) : line, traceback: [line] };
    this.publish('error', error, request);
    return { status: 'error', execution_count: count, ...error };
  }

  private help(topic: string): Outcome {
    try {
      return { ok: true, value: topicHelp(this.options.session, topic, 100) };
    } catch (error) {
      return { ok: false, error };
    }
  }

  private historyFor(request: Record<string, any>): [number, number, string | [string, string]][] {
    const shown = (h: (typeof this.history)[number]): [number, number, string | [string, string]] => [0, h.count, request.output ? [h.code, h.output] : h.code];
    let entries = this.history;
    if (request.hist_access_type === 'range') entries = entries.filter((h) => h.count >= (request.start ?? 0) && h.count < (request.stop ?? Infinity));
    if (request.hist_access_type === 'search') {
      const glob = new RegExp(`^${String(request.pattern ?? '*').replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 's');
      entries = entries.filter((h) => glob.test(h.code));
      if (request.unique) entries = entries.filter((h, i) => entries.findIndex((o) => o.code === h.code) === i);
    }
    if (request.n) entries = entries.slice(-request.n);
    return entries.map(shown);
  }

  private async shutDown(): Promise<void> {
    this.current = undefined;
    await this.channels.close();
    await this.options.end(this.log);
  }
}
