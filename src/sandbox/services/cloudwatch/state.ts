/** Where the CloudWatch state lives, and the identity of a metric. */
import type { RequestContext, SandboxRuntime } from '../../core/types.js';
import type { CloudWatchState, Dimension, GivenDimension } from './types.js';

export const SERVICE = 'monitoring';

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): CloudWatchState {
  return runtime.store.get<CloudWatchState>(SERVICE, accountId, region, () => ({ alarms: {}, history: [] }));
}

export function regionState(ctx: Pick<RequestContext, 'sandbox' | 'accountId' | 'region'>): CloudWatchState {
  return stateOf(ctx.sandbox, ctx.accountId, ctx.region);
}

/** A metric's dimensions in their canonical order. */
export function sortDimensions(dimensions: GivenDimension[] = []): Dimension[] {
  return dimensions.map((d) => ({ Name: d.Name ?? '', Value: d.Value ?? '' })).sort((a, b) => a.Name.localeCompare(b.Name));
}

export function metricKey(namespace: string, name: string, dimensions: GivenDimension[] = []): string {
  return JSON.stringify([namespace, name, sortDimensions(dimensions).map((d) => [d.Name, d.Value])]);
}
