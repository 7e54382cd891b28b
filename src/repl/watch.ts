/**
 * `watch(fn, {every})` at the prompt: re-runs a listing and redraws it in place until `q` (or
 * Ctrl-C) — instances while they boot, alarms while they change state. The value prints as the
 * prompt prints it. Off a terminal (a script, a notebook) each listing that differs from the last
 * is printed (in a notebook, in place of the last), until Ctrl-C (the stop button) or `times` runs.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { currentSignal } from '../helpers/core/call-context.js';
import { pawsError } from '../helpers/core/errors.js';
import { isTerminal, LiveLines } from '../helpers/core/live-view.js';
import { withTerminal } from '../ssh/terminal.js';

export interface WatchOptions {
  /** Seconds between runs. @default 2 */
  every?: number;
  /** Stop after this many runs. @default until q or Ctrl-C */
  times?: number;
}

const USAGE = 'watch(() => ec2.instances(), {every: 2}) — a function to re-run; q stops';
const STOP_KEYS = ['q', 'Q', '\x03', '\x1b'];

/**
 * The `watch` global for a prompt printing on `output` with `write`. Off a terminal, `clear` (a
 * notebook's clear_output) lets each listing replace the last instead of following it.
 */
export function watcher(output: NodeJS.WritableStream, write: (value: unknown) => string, clear?: () => void) {
  return async (fn: () => unknown, options: WatchOptions = {}): Promise<void> => {
    if (typeof fn !== 'function') throw pawsError('Usage', USAGE);
    const every = options.every ?? 2;
    if (!(every > 0)) throw pawsError('Usage', `watch: every takes a number of seconds, not ${options.every}`);
    const signal = currentSignal();
    const stop = new AbortController();
    signal?.addEventListener('abort', () => stop.abort(), { once: true });
    const listing = async () => write(await fn());
    const runs = async (each: (text: string) => void) => {
      for (let run = 1; !stop.signal.aborted; run++) {
        each(await listing());
        if (run === options.times) return;
        await sleep(every * 1000, undefined, { signal: stop.signal }).catch(() => {});
      }
    };
    if (!isTerminal(output)) {
      let last: string | undefined;
      return runs((text) => {
        if (text === last) return;
        clear?.();
        output.write(`${text}\n`);
        last = text;
      });
    }
    await withTerminal({}, async (terminal) => {
      terminal.sendKeysTo((data) => {
        if (STOP_KEYS.some((key) => data.includes(key))) stop.abort();
      });
      const view = new LiveLines(output);
      try {
        await runs((text) => view.show([`every ${every}s · q stops · ${new Date().toLocaleTimeString()}`, ...text.split('\n')]));
      } finally {
        view.end();
      }
    });
  };
}
