/**
 * Waiting for a resource's state with the SDK's own waiters, showing the state the waiter sees:
 * the waiter gets a client whose `send` also reports each answer to the progress line. Where the
 * SDK has no waiter (a group still in use), `retryWhile` runs the SDK's waiter machinery on a
 * check of paws's own — the one polling loop. Ctrl-C at the prompt aborts the wait.
 */
import type { EC2, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { checkExceptions, createWaiter, WaiterState } from '@smithy/core/client';
import { currentSignal } from '../core/call-context.js';
import { errorCode } from '../core/errors.js';
import { reporterFor, type Output } from '../core/reporter.js';

/** Seconds between polls: `ec2.pollSeconds = 0.1` against a fast sandbox. @default 2 */
export function pollSeconds(client: EC2): number {
  return (client as { pollSeconds?: number }).pollSeconds ?? 2;
}

export interface WaitOptions {
  /** Give up after this many seconds. @default 600 */
  maxWaitSeconds?: number;
  /** Where the progress line goes. @default the session's reporter */
  out?: Output;
  /** No progress line (`.cleanup` prints a line per resource instead). */
  quiet?: boolean;
}

/** Any of the SDK's EC2 waiters. */
type Waiter<I> = (params: Parameters<typeof waitUntilInstanceRunning>[0], input: I) => Promise<unknown>;

/** The waiter parameters for `client`: its poll interval, the caller's deadline, the evaluation's Ctrl-C. */
function waiterParams(client: EC2, options: WaitOptions) {
  const poll = pollSeconds(client);
  return { maxWaitTime: options.maxWaitSeconds ?? 600, minDelay: poll, maxDelay: Math.max(poll, Math.min(15, poll * 5)), abortSignal: currentSignal() };
}

/**
 * Runs `waiter` until it succeeds, printing `label: <state> (Ns)` as `stateOf` reads it from each
 * answer, then `label: done (Ns)`.
 */
export async function waitWithProgress<I>(
  client: EC2,
  waiter: Waiter<I>,
  input: I,
  label: string,
  stateOf: (output: any) => string | undefined,
  options: WaitOptions = {},
): Promise<void> {
  if (options.quiet) {
    await waiter({ client, ...waiterParams(client, options) }, input);
    return;
  }
  const reporter = reporterFor(client, options.out);
  const started = Date.now();
  const seconds = () => `${Math.round((Date.now() - started) / 1000)}s`;
  let state = '…';
  const observed = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: unknown, ...rest: unknown[]) => {
        const output = await (target.send as (...a: unknown[]) => Promise<unknown>)(command, ...rest);
        state = stateOf(output) ?? state;
        reporter.progress(`${label}: ${state} (${seconds()})`, state);
        return output;
      };
    },
  });
  try {
    await waiter({ client: observed, ...waiterParams(client, options) }, input);
    // On a terminal the live line becomes the result, rather than staying above it.
    reporter.progress(`${label}: done (${seconds()})`, 'done');
  } finally {
    reporter.end();
  }
}

/** Calls `attempt` until it stops failing with `code` (what AWS answers while something still hangs on). */
export async function retryWhile(client: EC2, code: string, attempt: () => Promise<unknown>, options: WaitOptions = {}): Promise<void> {
  const result = await createWaiter({ client, ...waiterParams(client, options) }, undefined, async () => {
    try {
      await attempt();
      return { state: WaiterState.SUCCESS };
    } catch (error) {
      if (errorCode(error) === code) return { state: WaiterState.RETRY, reason: error };
      throw error;
    }
  });
  checkExceptions(result);
}
