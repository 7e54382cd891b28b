/** Where the SQS state lives, queue URLs and ARNs, and SQS's own errors (query codes; JSON names them by the model). */
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { MAX_BATCH, type BatchProblem } from '../../core/batch.js';
import { sandboxAccounts } from '../../core/keys.js';
import { queueAllows } from './access.js';
import type { QueueRecord, SqsState } from './types.js';

export const SERVICE = 'sqs';

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): SqsState {
  return runtime.store.get<SqsState>(SERVICE, accountId, region, () => ({ queues: {} }));
}

/** A queue of any sandbox account by name; an account the sandbox does not have has none (and gets no state). */
function queueNamed(runtime: SandboxRuntime, accountId: string, region: string, name: string): QueueRecord | undefined {
  if (!sandboxAccounts(runtime.options.accounts).some((a) => a.accountId === accountId)) return undefined;
  const queues = stateOf(runtime, accountId, region).queues;
  return Object.hasOwn(queues, name) ? queues[name] : undefined;
}

/** `http://127.0.0.1:4566/123456789012/name`: the sandbox's endpoint, then account and name, as AWS's path. */
export function queueUrl(runtime: SandboxRuntime, queue: QueueRecord): string {
  return `${runtime.endpoint}/${queue.accountId}/${queue.name}`;
}

/**
 * The queue a QueueUrl names: its path (`/ACCOUNT/NAME`) counts, whatever the host (an AWS URL works
 * too). Another account's queue answers only when its policy allows `action` (`SendMessage`).
 */
export function findQueue(ctx: RequestContext, url: string | undefined, action: string): QueueRecord {
  if (!url) throw missingParameter('QueueUrl');
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    path = url;
  }
  const m = /^\/(\d{12})\/([^/]+)$/.exec(path);
  if (!m) throw new AwsError('InvalidAddress', `The address ${url} is not valid for this endpoint.`, 404);
  const queue = queueNamed(ctx.sandbox, m[1], ctx.region, m[2]);
  if (!queue) throw nonExistentQueue();
  if (!queueAllows(queue, { accountId: ctx.accountId }, `sqs:${action}`)) throw new AwsError('AccessDenied', `Access to the resource ${url} is denied.`, 403);
  return queue;
}

/** The queue an ARN names (`arn:aws:sqs:REGION:ACCOUNT:NAME`), or undefined. */
export function queueByArn(runtime: SandboxRuntime, arn: string): QueueRecord | undefined {
  const m = /^arn:aws:sqs:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_.-]{1,80})$/.exec(arn);
  return m ? queueNamed(runtime, m[2], m[1], m[3]) : undefined;
}

/** The queue of GetQueueUrl: by name, in the caller's account or the owner's it names. */
export function queueByName(ctx: RequestContext, name: string, owner = ctx.accountId): QueueRecord {
  const queue = queueNamed(ctx.sandbox, owner, ctx.region, name);
  if (!queue) throw nonExistentQueue();
  return queue;
}

export function nonExistentQueue(): AwsError {
  return new AwsError('AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.');
}

export function missingParameter(name: string): AwsError {
  return new AwsError('MissingParameter', `The request must contain the parameter ${name}.`);
}

export function invalidParameterValue(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

/** `Value X for parameter P is invalid. Reason: …` */
export function invalidValue(param: string, value: unknown, reason?: string): AwsError {
  return invalidParameterValue(`Value ${String(value)} for parameter ${param} is invalid.${reason ? ` Reason: ${reason}` : ''}`);
}

export function isFifo(queue: QueueRecord): boolean {
  return queue.attributes.FifoQueue === 'true';
}

/** A queue's durations (visibility, delay, retention) in the sandbox's time: seconds scaled by `--time-scale`. */
export function scaledMs(runtime: SandboxRuntime, seconds: number): number {
  return seconds * 1000 * runtime.options.timeScale;
}

/** SQS's words for a batch it refuses whole. */
export function batchProblem(entryName: string) {
  return (kind: BatchProblem, detail: string): AwsError => {
    switch (kind) {
      case 'empty':
        return new AwsError('AWS.SimpleQueueService.EmptyBatchRequest', `There should be at least one ${entryName} in the request.`);
      case 'too-many':
        return new AwsError('AWS.SimpleQueueService.TooManyEntriesInBatchRequest', `Maximum number of entries per request are ${MAX_BATCH}. You have sent ${detail}.`);
      case 'invalid-id':
        return new AwsError('AWS.SimpleQueueService.InvalidBatchEntryId', 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.');
      case 'repeated-id':
        return new AwsError('AWS.SimpleQueueService.BatchEntryIdsNotDistinct', `Id ${detail} repeated.`);
    }
  };
}
