/** Who may use a queue besides its own account: its policy decides (core/resource-policy.ts). */
import { resourcePolicyAllows, type Sender } from '../../core/resource-policy.js';
import type { QueueRecord } from './types.js';

/** Whether the queue's policy lets `sender` perform `action` (`sqs:SendMessage`) on it. */
export function queueAllows(queue: QueueRecord, sender: Sender, action: string): boolean {
  return resourcePolicyAllows(queue.attributes.Policy, queue.arn, queue.accountId, sender, action);
}
