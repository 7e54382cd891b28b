/**
 * The batch operations of SQS and SNS (SendMessageBatch, PublishBatch…): checks on the whole batch
 * (empty, more than ten entries, ids malformed or repeated) answered with the service's own error,
 * then each entry run alone — an entry's AwsError fails that entry, the others go on.
 */
import { AwsError } from './types.js';

export type BatchProblem = 'empty' | 'too-many' | 'invalid-id' | 'repeated-id';

export interface BatchResult<S> {
  Successful: Array<S & { Id: string }>;
  Failed: Array<{ Id: string; SenderFault: boolean; Code: string; Message: string }>;
}

export const MAX_BATCH = 10;

export function runBatch<E extends { Id?: string }, S>(entries: E[] | undefined, problem: (kind: BatchProblem, detail: string) => AwsError, one: (entry: E) => S): BatchResult<S> {
  const list = entries ?? [];
  if (!list.length) throw problem('empty', '');
  if (list.length > MAX_BATCH) throw problem('too-many', String(list.length));
  const seen = new Set<string>();
  for (const e of list) {
    const id = e.Id ?? '';
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(id)) throw problem('invalid-id', id);
    if (seen.has(id)) throw problem('repeated-id', id);
    seen.add(id);
  }
  const result: BatchResult<S> = { Successful: [], Failed: [] };
  for (const e of list) {
    const r = attempt(() => one(e));
    if (r instanceof AwsError) result.Failed.push({ Id: e.Id!, SenderFault: r.senderFault, Code: r.code, Message: r.message });
    else result.Successful.push({ ...r, Id: e.Id! });
  }
  return result;
}

/** What `fn` returns, or the AwsError it throws (other errors propagate). */
export function attempt<T>(fn: () => T): T | AwsError {
  try {
    return fn();
  } catch (err) {
    if (err instanceof AwsError) return err;
    throw err;
  }
}
