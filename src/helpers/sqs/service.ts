/**
 * The `sqs` service object: every operation of the SDK's aggregated SQS client, plus queues as
 * resources. Add conveniences as methods of SQSService — names that are not SDK operations (a test
 * checks) — and list them in ./description.ts for `.help`.
 */
import { SQS } from '@aws-sdk/client-sqs';
import type { Ref } from '../core/resource.js';
import { findQueue, listQueues, type Queue } from './queue.js';

export class SQSService extends SQS {
  /** Every queue (or those whose names start with `prefix`): `[Queue:orders, …]`. */
  queues(prefix?: string): Promise<Queue[]> {
    return listQueues(this, prefix);
  }

  /** A queue by name or URL; `{create: true}` creates it if needed. */
  queue(nameOrUrl: Ref<Queue>, options: { create?: boolean } = {}): Promise<Queue> {
    return findQueue(this, nameOrUrl, options.create);
  }
}

export function createService(config: Record<string, unknown>): SQSService {
  return new SQSService(config);
}
