/** Where the SNS state lives, and SNS's own errors. */
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import type { SnsState, TopicRecord } from './types.js';

export const SERVICE = 'sns';

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): SnsState {
  return runtime.store.get<SnsState>(SERVICE, accountId, region, () => ({ topics: {}, subscriptions: {} }));
}

export function regionState(ctx: Pick<RequestContext, 'sandbox' | 'accountId' | 'region'>): SnsState {
  return stateOf(ctx.sandbox, ctx.accountId, ctx.region);
}

export function invalidParameter(what: string): AwsError {
  return new AwsError('InvalidParameter', `Invalid parameter: ${what}`);
}

/** `arn:aws:sns:REGION:ACCOUNT:NAME` split into its parts, or an InvalidParameter error naming `param`. */
export function parseArn(arn: string | undefined, param: string): { region: string; accountId: string; name: string } {
  const m = /^arn:aws:sns:([a-z0-9-]+):(\d{12}):([A-Za-z0-9_-]{1,256}(?:\.fifo)?)(?::[0-9a-f-]{36})?$/.exec(arn ?? '');
  if (!m) throw invalidParameter(`${param} Reason: An ARN must have at least 6 elements, not ${(arn ?? '').split(':').length}`);
  return { region: m[1], accountId: m[2], name: m[3] };
}

export function findTopic(state: SnsState, arn: string | undefined): TopicRecord {
  parseArn(arn, 'TopicArn');
  const topic = state.topics[arn!];
  if (!topic) throw new AwsError('NotFound', 'Topic does not exist', 404);
  return topic;
}
