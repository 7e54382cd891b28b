/** The EC2 state of one account and region, created with a default VPC (./vpcs.ts) and a subnet per zone. */
import type { RequestContext, SandboxRuntime } from '../../core/types.js';
import { initialState } from './network-records.js';
import type { Ec2RegionState } from './types.js';

export const SERVICE = 'ec2';

export { newId } from './ids.js';

export function regionState(ctx: Pick<RequestContext, 'sandbox' | 'accountId' | 'region'>): Ec2RegionState {
  return stateOf(ctx.sandbox, ctx.accountId, ctx.region);
}

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): Ec2RegionState {
  return runtime.store.get<Ec2RegionState>(SERVICE, accountId, region, () => initialState(accountId, region));
}

/** A collection added after the first release, created on first use in states saved before it. */
export function owned<K extends 'launchTemplates' | 'images' | 'volumeModifications'>(state: Ec2RegionState, key: K): NonNullable<Ec2RegionState[K]> {
  return (state[key] ??= {}) as NonNullable<Ec2RegionState[K]>;
}

export function defaultVpc(state: Ec2RegionState) {
  return Object.values(state.vpcs).find((v) => v.isDefault)!;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');
}
