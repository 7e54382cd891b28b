/**
 * What an SDK call takes of the evaluation in progress: its AbortSignal.
 * The REPL runs one evaluation at a time and names its signal here while it runs, so every SDK
 * call made meanwhile — however deep in a helper, however many awaits later — can be aborted by
 * Ctrl-C without the user passing a signal.
 * A variable, not an AsyncLocalStorage following each evaluation's promises: once one has run,
 * every promise in the process pays its hooks (~150 µs of a small PutObject's client CPU). The
 * difference shows only in work an evaluation leaves running after it ends: its later calls carry
 * the signal of whichever evaluation runs when they are made (Ctrl-C stops them with it), or none.
 */
interface Evaluation {
  signal: AbortSignal;
  /** The controllers of its SDK calls in flight (callSignal). */
  calls: Set<AbortController>;
}

let evaluation: Evaluation | undefined;

/** Called by the REPL as an evaluation begins (its signal) and ends (undefined). */
export function setEvaluationSignal(signal: AbortSignal | undefined): void {
  if (!signal) return void (evaluation = undefined);
  const calls = new Set<AbortController>();
  signal.addEventListener('abort', () => calls.forEach((call) => call.abort(signal.reason)), { once: true });
  evaluation = { signal, calls };
}

/**
 * Runs `fn` outside the evaluation's signal: clean-up after Ctrl-C must not be aborted by that
 * same Ctrl-C. The calls `fn` makes at once are outside (a call takes its signal as it is made).
 */
export function withoutSignal<T>(fn: () => T): T {
  const saved = evaluation;
  evaluation = undefined;
  try {
    return fn();
  } finally {
    evaluation = saved;
  }
}

export function currentSignal(): AbortSignal | undefined {
  return evaluation?.signal;
}

/**
 * A signal for one SDK call that aborts with the evaluation's, and `end` to call once the call
 * has settled. One of its own because the SDK adds listeners to the signal it is given, and
 * adding one to an EventTarget walks those already there: a Promise.all of n calls on the
 * evaluation's own signal cost O(n²) (with 5,000 in flight, ~9% of a small PutObject's CPU).
 */
export function callSignal(): { signal: AbortSignal; end: () => void } | undefined {
  const current = evaluation;
  if (!current) return undefined;
  if (current.signal.aborted) return { signal: current.signal, end: () => {} };
  const call = new AbortController();
  current.calls.add(call);
  return { signal: call.signal, end: () => current.calls.delete(call) };
}
