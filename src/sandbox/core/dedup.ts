/**
 * FIFO deduplication (SQS queues, SNS topics): a message whose deduplication id was seen within the
 * window is accepted, not delivered again, and answered with the earlier message's id. Ids are
 * plain keys, whatever they are called (`__proto__` too).
 */
export interface DedupEntry {
  /** When the id is forgotten (epoch ms). */
  until: number;
  messageId: string;
  sequenceNumber: string;
}

export type DedupWindow = Record<string, DedupEntry>;

/** The earlier message `id` names within the window (expired ids are forgotten first). */
export function duplicateOf(window: DedupWindow, id: string, now: number): DedupEntry | undefined {
  for (const [k, e] of Object.entries(window)) if (e.until <= now) delete window[k];
  return Object.hasOwn(window, id) ? window[id] : undefined;
}

export function remember(window: DedupWindow, id: string, entry: DedupEntry): void {
  Object.defineProperty(window, id, { value: entry, enumerable: true, writable: true, configurable: true });
}
