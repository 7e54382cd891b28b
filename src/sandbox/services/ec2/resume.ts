/**
 * After a restart: transitions that were under way when the sandbox stopped are finished (their
 * timers died with it) — instances through their one state machine (./lifecycle.ts), volumes at
 * once — and running instances get their hosts back.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { resumeInstances } from './lifecycle.js';
import { SERVICE } from './state.js';
import type { Ec2RegionState } from './types.js';

export async function resume(runtime: SandboxRuntime): Promise<void> {
  const regions = runtime.store.all<Ec2RegionState>(SERVICE);
  for (const { state } of regions) {
    for (const v of Object.values(state.volumes)) {
      if (v.state === 'creating') v.state = 'available';
      if (v.attachment?.state === 'attaching') v.attachment.state = 'attached';
      if (v.attachment?.state === 'detaching') Object.assign(v, { attachment: undefined, state: 'available' });
    }
  }
  await Promise.all(regions.map(({ accountId, region, state }) => resumeInstances(runtime, accountId, region, state)));
  runtime.store.markDirty(SERVICE);
}
