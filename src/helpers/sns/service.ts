/**
 * The `sns` service object: every operation of the SDK's aggregated SNS client. Add conveniences
 * as methods of SNSService — names that are not SDK operations (a test checks) — and list them in
 * ./globals.ts for `.help`.
 */
import { SNS } from '@aws-sdk/client-sns';

export class SNSService extends SNS {}

export function createService(config: Record<string, unknown>): SNSService {
  return new SNSService(config);
}
