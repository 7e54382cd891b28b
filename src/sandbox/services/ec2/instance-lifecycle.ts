/**
 * The one state machine of an instance's lifecycle: pending → running, stopping → stopped,
 * shutting-down → terminated (and monitoring: pending → enabled, disabling → disabled). A request
 * enters a transient state through `launch`, `start`, `stop` or `terminate`, and FINISH ends it
 * after its simulated duration. After a restart `resumeInstances` ends each transient state at
 * once with the same FINISH (its timer died with the process), so a termination that a crash
 * interrupted still releases the instance's volumes, as a live one does.
 */
import type { SandboxRuntime } from '../../core/types.js';
import { allocateLoopback, later, startHost, stopHost, type Where } from './hosts.js';
import { getsPublicIp, releaseInterfaces } from './network-interfaces.js';
import { nowIso, stateOf } from './state.js';
import { releaseFromInstance } from './volume-lifecycle.js';
import type { Ec2RegionState, InstanceRecord, InstanceStateName } from './types.js';

/** Simulated durations at timeScale 1. */
const DURATION_MS = { pending: 12_000, stopping: 15_000, 'shutting-down': 10_000 } as const;
const MONITOR_MS = 5_000;

type Transient = keyof typeof DURATION_MS;

/** What finishing each transient state does (a boot resolves once the instance's host is up). */
const FINISH: Record<Transient, (where: Where, inst: InstanceRecord) => void | Promise<void>> = {
  // As on AWS, the instance is `running` before its sshd answers: clients retry until it does.
  pending: (where, inst) => {
    setState(inst, 'running');
    return startHost(where, inst);
  },
  stopping: (_where, inst) => {
    setState(inst, 'stopped');
    inst.publicIp = undefined;
  },
  'shutting-down': (where, inst) => {
    const state = stateOf(where.runtime, where.accountId, where.region);
    setState(inst, 'terminated');
    inst.terminatedAt = nowIso();
    inst.publicIp = undefined;
    inst.elasticIp = undefined;
    releaseFromInstance(state, inst.instanceId);
    releaseInterfaces(state, inst.instanceId);
  },
};

function setState(inst: InstanceRecord, state: InstanceStateName): void {
  inst.state = state;
  inst.stateSince = nowIso();
}

function isTransient(state: InstanceStateName): state is Transient {
  return Object.hasOwn(DURATION_MS, state);
}

/** The reason AWS gives from the moment a user stops or terminates an instance. */
const USER_SHUTDOWN = { code: 'Client.UserInitiatedShutdown', message: 'Client.UserInitiatedShutdown: User initiated shutdown' };

/** `User initiated (2026-11-28 14:03:07 GMT)` */
function userInitiated(): string {
  return `User initiated (${new Date().toISOString().slice(0, 19).replace('T', ' ')} GMT)`;
}

/** Finishes the instance's transient state after its duration (scaled), if it is still in it then. */
function schedule(where: Where, inst: InstanceRecord): void {
  const from = inst.state;
  if (!isTransient(from)) return;
  later(where, DURATION_MS[from], (s) => s.instances[inst.instanceId], (r) => r.state === from, (r) => void FINISH[from](where, r));
}

function monitoringTarget(inst: InstanceRecord): InstanceRecord['monitoring'] | undefined {
  return inst.monitoring === 'pending' ? 'enabled' : inst.monitoring === 'disabling' ? 'disabled' : undefined;
}

function scheduleMonitoring(where: Where, inst: InstanceRecord): void {
  const from = inst.monitoring;
  const to = monitoringTarget(inst);
  if (to) later(where, MONITOR_MS, (s) => s.instances[inst.instanceId], (r) => r.monitoring === from, (r) => void (r.monitoring = to));
}

/** A new instance (state `pending`, monitoring as asked) begins to boot. */
export function launch(where: Where, inst: InstanceRecord): void {
  schedule(where, inst);
  scheduleMonitoring(where, inst);
}

/** stopped → pending → running */
export function start(where: Where, inst: InstanceRecord): void {
  setState(inst, 'pending');
  inst.stateTransitionReason = '';
  inst.stateReason = undefined;
  if (!inst.elasticIp && getsPublicIp(stateOf(where.runtime, where.accountId, where.region), inst)) inst.publicIp = allocateLoopback(where.runtime);
  schedule(where, inst);
}

/** running → stopping → stopped */
export function stop(where: Where, inst: InstanceRecord): void {
  setState(inst, 'stopping');
  inst.stateTransitionReason = userInitiated();
  inst.stateReason = { ...USER_SHUTDOWN };
  void stopHost(where.runtime, inst.instanceId);
  schedule(where, inst);
}

/** → shutting-down → terminated; its Elastic IPs are released from it at once. */
export function terminate(where: Where, state: Ec2RegionState, inst: InstanceRecord): void {
  setState(inst, 'shutting-down');
  inst.stateTransitionReason = userInitiated();
  inst.stateReason = { ...USER_SHUTDOWN };
  void stopHost(where.runtime, inst.instanceId);
  for (const a of Object.values(state.addresses)) {
    if (a.instanceId === inst.instanceId) Object.assign(a, { instanceId: undefined, associationId: undefined });
  }
  schedule(where, inst);
}

/** monitoring: disabled → pending → enabled, or enabled → disabling → disabled */
export function setMonitoring(where: Where, inst: InstanceRecord, on: boolean): void {
  if (on && (inst.monitoring === 'disabled' || inst.monitoring === 'disabling')) inst.monitoring = 'pending';
  else if (!on && (inst.monitoring === 'enabled' || inst.monitoring === 'pending')) inst.monitoring = 'disabling';
  else return;
  scheduleMonitoring(where, inst);
}

/** After a restart: each instance in a transient state finishes it now; running instances get their hosts back. */
export async function resumeInstances(runtime: SandboxRuntime, accountId: string, region: string, state: Ec2RegionState): Promise<void> {
  const where = { runtime, accountId, region };
  const boots: Array<Promise<void>> = [];
  for (const inst of Object.values(state.instances)) {
    const wasRunning = inst.state === 'running';
    if (isTransient(inst.state)) boots.push(Promise.resolve(FINISH[inst.state](where, inst)));
    inst.monitoring = monitoringTarget(inst) ?? inst.monitoring;
    if (wasRunning) boots.push(startHost(where, inst));
  }
  await Promise.all(boots);
}
