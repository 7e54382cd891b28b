/**
 * The `cw` service object: every operation of the SDK's aggregated CloudWatch client. Add conveniences
 * as methods of CloudWatchService — names that are not SDK operations (a test checks) — and list them in
 * ./globals.ts for `.help`.
 */
import { CloudWatch } from '@aws-sdk/client-cloudwatch';

export class CloudWatchService extends CloudWatch {}

export function createService(config: Record<string, unknown>): CloudWatchService {
  return new CloudWatchService(config);
}
