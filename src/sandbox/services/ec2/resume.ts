/**
 * After a restart: transitions that were under way when the sandbox stopped are finished by their
 * own state machines (their timers died with it) — a state saved before the sandbox had networking
 * first gets its network and the collections added since, then volumes, so that a termination finished
 * next releases settled volumes — and running instances get their hosts back.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { resumeInstances } from './instance-lifecycle.js';
import { addMissingNetwork } from './network-records.js';
import { addMissingCollections, SERVICE } from './state.js';
import type { Ec2RegionState } from './types.js';
import { resumeVolumes } from './volume-lifecycle.js';

export async function resume(runtime: SandboxRuntime): Promise<void> {
  const regions = runtime.store.all<Ec2RegionState>(SERVICE);
  for (const { state } of regions) {
    addMissingCollections(state);
    addMissingNetwork(state);
    resumeVolumes(state);
  }
  await Promise.all(regions.map(({ accountId, region, state }) => resumeInstances(runtime, accountId, region, state)));
  runtime.store.markDirty(SERVICE);
}
