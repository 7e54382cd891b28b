/**
 * The `sts` service object: every operation of the SDK's aggregated STS client. Add conveniences
 * as methods of STSService — names that are not SDK operations (a test checks) — and list them in
 * ./description.ts for `.help`.
 */
import { STS } from '@aws-sdk/client-sts';

export class STSService extends STS {}

export function createService(config: Record<string, unknown>): STSService {
  return new STSService(config);
}
