/**
 * The `iam` service object: every operation of the SDK's aggregated IAM client. Add conveniences
 * as methods of IAMService — names that are not SDK operations (a test checks) — and list them in
 * ./globals.ts for `.help`.
 */
import { IAM } from '@aws-sdk/client-iam';

export class IAMService extends IAM {}

export function createService(config: Record<string, unknown>): IAMService {
  return new IAMService(config);
}
