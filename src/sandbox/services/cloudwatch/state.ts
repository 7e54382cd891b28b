/** Where the CloudWatch state lives, and the identity of a metric. */
import type { RequestContext, SandboxRuntime } from '../../core/types.js';
import type { CloudWatchState, Dimension, GivenDimension } from './types.js';

export const SERVICE = 'monitoring';

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): CloudWatchState {
  const state = runtime.store.get<CloudWatchState>(SERVICE, accountId, region, () => ({ alarms: {}, composites: {}, history: [], dashboards: {}, insightRules: {}, tags: {} }));
  // State saved before composite alarms, dashboards, insight rules and tags lacks them.
  state.composites ??= Object.create(null);
  state.dashboards ??= Object.create(null);
  state.insightRules ??= Object.create(null);
  state.tags ??= Object.create(null);
  return state;
}

/** Dashboards are global: every region of an account sees the same ones. */
export function dashboardsOf(ctx: Pick<RequestContext, 'sandbox' | 'accountId'>): CloudWatchState['dashboards'] {
  return stateOf(ctx.sandbox, ctx.accountId, 'global').dashboards;
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
