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

/** Collections added after the first release, given to a state saved before them (./resume.ts). */
export function addMissingCollections(state: Ec2RegionState): void {
  state.launchTemplates ??= {};
  state.images ??= {};
  state.volumeModifications ??= {};
}

export function defaultVpc(state: Ec2RegionState) {
  return Object.values(state.vpcs).find((v) => v.isDefault)!;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');
}
