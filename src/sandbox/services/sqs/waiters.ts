/**
 * Long polling: a ReceiveMessage with WaitTimeSeconds waits here until a message is sent to its
 * queue, a delayed or invisible one becomes visible, the wait ends, or the client goes away.
 */
import type { IncomingMessage } from 'node:http';
import type { SandboxRuntime } from '../../core/types.js';

const waiting = new WeakMap<SandboxRuntime, Map<string, Set<() => void>>>();

function waitersOf(runtime: SandboxRuntime, queueArn: string): Set<() => void> {
  let byQueue = waiting.get(runtime);
  if (!byQueue) waiting.set(runtime, (byQueue = new Map()));
  let set = byQueue.get(queueArn);
  if (!set) byQueue.set(queueArn, (set = new Set()));
  return set;
}

/** Wakes every receive waiting on the queue (a message arrived). */
export function wake(runtime: SandboxRuntime, queueArn: string): void {
  const set = waiting.get(runtime)?.get(queueArn);
  if (!set) return;
  waiting.get(runtime)!.delete(queueArn);
  for (const fn of set) fn();
}

/** Resolves at `until` (epoch ms), on a wake of the queue, or when the request's connection closes. */
export function waitForMessages(runtime: SandboxRuntime, queueArn: string, until: number, req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    const set = waitersOf(runtime, queueArn);
    const done = () => {
      clearTimeout(timer);
      set.delete(done);
      req.socket?.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, until - Date.now()));
    set.add(done);
    req.socket?.once('close', done);
  });
}
