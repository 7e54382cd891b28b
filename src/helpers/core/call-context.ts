/**
 * The AbortSignal of the evaluation that made a call. The REPL runs each evaluation inside
 * `withSignal`, so every SDK call the evaluation starts — however deep in a helper, however many
 * awaits later — can be aborted by Ctrl-C without the user passing a signal.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<AbortSignal>();

export function withSignal<T>(signal: AbortSignal, fn: () => T): T {
  return storage.run(signal, fn);
}

/** Runs `fn` outside any evaluation's signal: clean-up after Ctrl-C must not be aborted by that same Ctrl-C. */
export function withoutSignal<T>(fn: () => T): T {
  return storage.exit(fn);
}

export function currentSignal(): AbortSignal | undefined {
  return storage.getStore();
}
