/**
 * Waiting for a resource's state with the SDK's own waiters, showing the state the waiter sees:
 * the waiter gets a client whose `send` also reports each answer to the progress line. Ctrl-C at
 * the prompt aborts the wait (the evaluation's signal).
 */
import type { EC2, waitUntilInstanceRunning } from '@aws-sdk/client-ec2';
import { currentSignal } from '../core/call-context.js';
import { Reporter, type Output } from './progress.js';

/** Seconds between polls: `ec2.pollSeconds = 0.1` against a fast sandbox. @default 2 */
export function pollSeconds(client: EC2): number {
  return (client as { pollSeconds?: number }).pollSeconds ?? 2;
}

export interface WaitOptions {
  /** Give up after this many seconds. @default 600 */
  maxWaitSeconds?: number;
  /** Where the progress line goes. @default process.stdout */
  out?: Output;
}

/** Any of the SDK's EC2 waiters. */
type Waiter<I> = (params: Parameters<typeof waitUntilInstanceRunning>[0], input: I) => Promise<unknown>;

/**
 * Runs `waiter` until it succeeds, printing `label: <state> (Ns)` as `stateOf` reads it from each
 * answer, then `label: done`.
 */
export async function waitWithProgress<I>(
  client: EC2,
  waiter: Waiter<I>,
  input: I,
  label: string,
  stateOf: (output: any) => string | undefined,
  options: WaitOptions = {},
): Promise<void> {
  const reporter = new Reporter(options.out);
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
  const poll = pollSeconds(client);
  try {
    await waiter({ client: observed, maxWaitTime: options.maxWaitSeconds ?? 600, minDelay: poll, maxDelay: Math.max(poll, Math.min(15, poll * 5)), abortSignal: currentSignal() }, input);
  } finally {
    reporter.end();
  }
  reporter.say(`${label}: done (${seconds()})`);
}
