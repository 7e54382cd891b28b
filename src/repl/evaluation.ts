/**
 * Runs each input: TypeScript stripped, then node's own eval (top-level await, `_`), with the
 * AbortSignal of this evaluation as the calls' signal, so Ctrl-C can abort the SDK calls it started.
 */
import { setMaxListeners } from 'node:events';
import { Recoverable, type REPLEval, type REPLServer } from 'node:repl';
import { setEvaluationSignal } from '../helpers/core/call-context.js';
import { page, PagedText } from './pager.js';
import type { SessionRecord } from './session-record.js';
import { toJavaScript } from './typescript.js';

/** The evaluation in progress, if any. */
export class Evaluations {
  private pending: AbortController | undefined;
  private readonly waiting: (() => void)[] = [];

  get busy(): boolean {
    return this.pending !== undefined;
  }

  begin(): AbortController {
    this.pending = new AbortController();
    // Its waiters listen to its signal: an all-region fan-out makes dozens.
    setMaxListeners(0, this.pending.signal);
    setEvaluationSignal(this.pending.signal);
    return this.pending;
  }

  /** Ends the given evaluation, or whichever is pending (an evaluation that threw). */
  end(controller?: AbortController): void {
    if (controller && this.pending !== controller) return;
    this.pending = undefined;
    setEvaluationSignal(undefined);
    for (const resolve of this.waiting.splice(0)) resolve();
  }

  /** Resolves when no evaluation is pending: now, or once the pending one ends. */
  idle(): Promise<void> {
    return this.busy ? new Promise((resolve) => this.waiting.push(resolve)) : Promise.resolve();
  }

  /** Ctrl-C: aborts every call the pending evaluation made. */
  abort(): void {
    this.pending?.abort();
  }
}

export function installEval(server: REPLServer, evaluations: Evaluations, record: SessionRecord): void {
  const base = server.eval;
  const evaluate: REPLEval = (code, context, file, callback) => {
    let js: string;
    try {
      js = toJavaScript(code);
    } catch (error) {
      if (!(error instanceof Recoverable)) {
        record.begin(code.trimEnd(), code);
        record.failed();
      }
      callback(error as Error, undefined);
      return;
    }
    record.begin(code.trimEnd(), code);
    const controller = evaluations.begin();
    const finish = (error: Error | null, result: unknown) => {
      evaluations.end(controller);
      if (error && !(error instanceof Recoverable)) record.failed();
      callback(error, result);
    };
    base.call(server, js, context, file, (error, result) => {
      // Paged before the next prompt, which its last key brings back (q, or the end of the text).
      if (!error && result instanceof PagedText) void page(result.text, server.output).then(() => finish(null, undefined), (e: Error) => finish(e, undefined));
      else finish(error, result);
    });
  };
  // node's eval is replaced after construction: passing `eval` to repl.start would forbid
  // breakEvalOnSigint, and we need node's own eval underneath for top-level await.
  (server as { eval: REPLEval }).eval = evaluate;
}
