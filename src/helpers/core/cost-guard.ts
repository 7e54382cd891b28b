/**
 * The cost guard for real AWS (never the sandbox or another endpoint): before a call that starts
 * something billed, paws says what it is about to create, and it refuses to start more instances
 * in one session than `--max-instances` allows — a workshop's typo should not launch fifty.
 */
import type { Connection } from './connection.js';
import type { Tracker } from './tracking.js';

/** @default for `--max-instances` */
export const DEFAULT_MAX_INSTANCES = 3;

/** True when calls go to AWS itself: no sandbox, no `--endpoint`, no AWS_ENDPOINT_URL. */
export function isRealAws(connection: Connection): boolean {
  return !connection.sandbox && connection.endpointLabel === 'AWS';
}

/** What a billable call creates, in words; undefined for calls that bill nothing by themselves. */
function billableCreation(operation: string, input: any, region: string): string | undefined {
  switch (operation) {
    case 'RunInstances':
      return `${input.MaxCount ?? 1} ${input.InstanceType ?? 'default-type'} instance(s) of ${input.ImageId ?? 'a launch template'} in ${region}, billed until terminated`;
    case 'CreateVolume':
      return `a ${input.Size ?? '?'} GiB ${input.VolumeType ?? 'gp'} EBS volume in ${input.AvailabilityZone ?? region}, billed until deleted`;
    case 'CreateSnapshot':
      return `a snapshot of ${input.VolumeId} in ${region}, billed for its storage until deleted`;
    case 'AllocateAddress':
      return `an Elastic IP address in ${region}, billed until released`;
    case 'PutMetricAlarm':
      return `the CloudWatch alarm ${input.AlarmName}, billed monthly until deleted`;
    default:
      return undefined;
  }
}

export class CostLimit extends Error {
  override name = 'InstanceLimit';
}

export interface CostGuardOptions {
  tracker: Tracker;
  maxInstances: () => number;
  /** Where the statement goes (the prompt's print). */
  say(text: string): void;
}

/** The `before` hook of the tracking middleware. */
export function costGuard(options: CostGuardOptions) {
  return (operation: string, input: any, region: string): void => {
    const what = billableCreation(operation, input ?? {}, region);
    if (!what) return;
    if (operation === 'RunInstances') {
      const running = options.tracker.count('Instance');
      const wanted = Number(input?.MaxCount ?? 1);
      const max = options.maxInstances();
      if (running + wanted > max) {
        throw new CostLimit(
          `starting ${wanted} more would make ${running + wanted} instances in this session, over --max-instances ${max}; .cleanup or terminate some, or restart paws with a higher --max-instances`,
        );
      }
    }
    options.say(`paws: creating ${what} (real AWS)`);
  };
}
