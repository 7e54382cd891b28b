/**
 * The cost guard for real AWS (never the sandbox or another endpoint): before a call that starts
 * something billed, paws says what it is about to create, and it refuses to start more instances
 * in one session than `--max-instances` allows — a workshop's typo should not launch fifty.
 */
import type { Connection } from './connection.js';
import { PawsError } from './errors.js';
import type { Billable, ServiceFolder } from './folder.js';
import type { Tracker } from './tracking.js';

/** @default for `--max-instances` */
export const DEFAULT_MAX_INSTANCES = 3;

/** True when calls go to AWS itself: no sandbox, no `--endpoint`, no AWS_ENDPOINT_URL. */
export function isRealAws(connection: Connection): boolean {
  return !connection.sandbox && connection.endpointLabel === 'AWS';
}

export class CostLimit extends PawsError {
  constructor(message: string) {
    super('InstanceLimit', message);
  }
}

export interface CostGuardOptions {
  tracker: Tracker;
  maxInstances: () => number;
  /** Where the statement goes (the prompt's print). */
  say(text: string): void;
}

/** The billable calls the folders declare, by SDK command name. */
export function billableCalls(folders: readonly ServiceFolder[]): Map<string, Billable> {
  return new Map(folders.flatMap((f) => Object.entries(f.billable ?? {})));
}

/** The `before` hook of the tracking middleware. */
export function costGuard(billable: ReadonlyMap<string, Billable>, options: CostGuardOptions) {
  return (operation: string, input: any, region: string): void => {
    const call = billable.get(operation);
    if (!call) return;
    if (call.instances) {
      const wanted = call.instances.count(input ?? {});
      const running = options.tracker.count(call.instances.kind);
      const max = options.maxInstances();
      if (running + wanted > max) {
        throw new CostLimit(
          `starting ${wanted} more would make ${running + wanted} instances in this session, over --max-instances ${max}; .cleanup or terminate some, or restart paws with a higher --max-instances`,
        );
      }
    }
    options.say(`paws: creating ${call.says(input ?? {}, region)} (real AWS)`);
  };
}
