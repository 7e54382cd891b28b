/**
 * After a restart: transitions that were under way when the sandbox stopped are completed at
 * once (their timers died with it), and running instances get their hosts back.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { startHost } from './hosts.js';
import { SERVICE } from './state.js';
import type { Ec2RegionState } from './types.js';

export async function resume(runtime: SandboxRuntime): Promise<void> {
  const boots: Array<Promise<void>> = [];
  for (const { accountId, region, state } of runtime.store.all<Ec2RegionState>(SERVICE)) {
    for (const inst of Object.values(state.instances)) {
      if (inst.state === 'pending') inst.state = 'running';
      if (inst.state === 'stopping') Object.assign(inst, { state: 'stopped', publicIp: undefined });
      if (inst.state === 'shutting-down') Object.assign(inst, { state: 'terminated', terminatedAt: new Date().toISOString(), publicIp: undefined, elasticIp: undefined });
      if (inst.monitoring === 'pending') inst.monitoring = 'enabled';
      if (inst.monitoring === 'disabling') inst.monitoring = 'disabled';
      if (inst.state === 'running') boots.push(startHost({ runtime, accountId, region }, inst));
    }
    for (const v of Object.values(state.volumes)) {
      if (v.state === 'creating') v.state = 'available';
      if (v.attachment?.state === 'attaching') v.attachment.state = 'attached';
      if (v.attachment?.state === 'detaching') Object.assign(v, { attachment: undefined, state: 'available' });
    }
  }
  await Promise.all(boots);
  runtime.store.markDirty(SERVICE);
}
