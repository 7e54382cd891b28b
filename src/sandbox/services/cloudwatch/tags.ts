/** Tags on alarms and Contributor Insights rules: TagResource, UntagResource, ListTagsForResource, and Tags given at creation. */
import { AwsError, type RequestContext } from '../../core/types.js';
import { regionState } from './state.js';
import type { CloudWatchState, Input, Output, Tag } from './types.js';

const MAX_TAGS = 50;

/** Sets tags on a resource, replacing the values of keys it has. */
export function putTags(state: CloudWatchState, arn: string, tags: Array<{ Key?: string; Value?: string }> = []): void {
  const byKey = new Map((state.tags[arn] ?? []).map((t) => [t.Key, t.Value]));
  for (const t of tags) {
    if (!t.Key || t.Key.length > 128 || t.Key.startsWith('aws:')) throw new AwsError('InvalidParameterValue', `The tag key ${t.Key ?? ''} is invalid: 1 to 128 characters, not starting with aws:.`);
    if ((t.Value ?? '').length > 256) throw new AwsError('InvalidParameterValue', `The value of tag ${t.Key} must be no longer than 256 characters.`);
    byKey.set(t.Key, t.Value ?? '');
  }
  if (byKey.size > MAX_TAGS) throw new AwsError('LimitExceeded', `A resource can have at most ${MAX_TAGS} tags.`);
  if (byKey.size) state.tags[arn] = [...byKey].map(([Key, Value]): Tag => ({ Key, Value }));
}

/** The resource an ARN names, if this account and region has it (an alarm or an insight rule). */
function resourceOf(ctx: RequestContext, arn: string | undefined): { state: CloudWatchState; arn: string } {
  const m = /^arn:aws:cloudwatch:([^:]+):(\d{12}):(alarm|insight-rule)[:/](.+)$/.exec(arn ?? '');
  if (!m) throw new AwsError('InvalidParameterValue', `Invalid value for the parameter ResourceARN: ${arn ?? ''}`);
  const state = regionState(ctx);
  const [, region, account, kind, name] = m;
  const exists = kind === 'alarm' ? state.alarms[name] ?? state.composites[name] : state.insightRules[name];
  if (region !== ctx.region || account !== ctx.accountId || !exists) throw new AwsError('ResourceNotFoundException', `${kind === 'alarm' ? 'Alarm' : 'Insight rule'} ${name} does not exist.`, 404);
  return { state, arn: arn! };
}

export function tagResource(input: Input<'TagResource'>, ctx: RequestContext): Output<'TagResource'> {
  const { state, arn } = resourceOf(ctx, input.ResourceARN);
  putTags(state, arn, input.Tags);
  return {};
}

export function untagResource(input: Input<'UntagResource'>, ctx: RequestContext): Output<'UntagResource'> {
  const { state, arn } = resourceOf(ctx, input.ResourceARN);
  const kept = (state.tags[arn] ?? []).filter((t) => !(input.TagKeys ?? []).includes(t.Key));
  if (kept.length) state.tags[arn] = kept;
  else delete state.tags[arn];
  return {};
}

export function listTagsForResource(input: Input<'ListTagsForResource'>, ctx: RequestContext): Output<'ListTagsForResource'> {
  const { state, arn } = resourceOf(ctx, input.ResourceARN);
  return { Tags: state.tags[arn] ?? [] };
}
