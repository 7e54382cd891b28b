/** The numeric attributes of a queue: their bounds, and the value a queue has when none is set. */
import type { QueueRecord } from './types.js';

export const NUMERIC: Record<string, { min: number; max: number; default: number }> = {
  DelaySeconds: { min: 0, max: 900, default: 0 },
  MaximumMessageSize: { min: 1024, max: 1_048_576, default: 1_048_576 },
  MessageRetentionPeriod: { min: 60, max: 1_209_600, default: 345_600 },
  ReceiveMessageWaitTimeSeconds: { min: 0, max: 20, default: 0 },
  VisibilityTimeout: { min: 0, max: 43_200, default: 30 },
  KmsDataKeyReusePeriodSeconds: { min: 60, max: 86_400, default: 300 },
};

/** A number of seconds an attribute of the queue holds (its default when unset). */
export function numberAttribute(queue: QueueRecord, name: string): number {
  return Number(queue.attributes[name] ?? NUMERIC[name].default);
}
