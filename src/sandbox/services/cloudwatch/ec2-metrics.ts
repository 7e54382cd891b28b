/**
 * AWS/EC2 metrics of running sandbox instances: a datapoint per metric every 5 minutes (basic
 * monitoring) or every minute (detailed), both scaled by timeScale. CPUUtilization is measured:
 * the CPU time of the instance's processes (its isolated trees: SSH sessions, user-data scripts)
 * over the interval, so a script that burns CPU moves it. Network bytes are a small idle baseline;
 * disk operations are 0, as for EBS-only instances on AWS.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { SandboxRuntime } from '../../core/types.js';
import { instanceDir } from '../ec2/hosts.js';
import { instanceProcesses } from '../../instances/index.js';
import type { Ec2RegionState, InstanceRecord } from '../ec2/index.js';
import type { Datapoints } from './datapoints.js';
import { point } from './statistics.js';

export const MINUTE_MS = 60_000;
const CLOCK_TICKS = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in clock ticks. */
  ticks: number;
}

function processes(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({ pid: Number(name), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** CPU ticks used so far by each instance's process trees (each rooted at a process its host started). */
function instanceTicks(dirs: Map<string, string>): Map<string, number> {
  const procs = processes();
  const byPid = new Map(procs.map((p) => [p.pid, p]));
  const children = new Map<number, ProcStat[]>();
  for (const p of procs) children.set(p.ppid, [...(children.get(p.ppid) ?? []), p]);
  const totals = new Map<string, number>();
  for (const [id, dir] of dirs) {
    let sum = 0;
    const stack = instanceProcesses(dir).flatMap((pid) => byPid.get(pid) ?? []);
    while (stack.length) {
      const p = stack.pop()!;
      sum += p.ticks;
      stack.push(...(children.get(p.pid) ?? []));
    }
    totals.set(id, sum);
  }
  return totals;
}

interface Sampler {
  /** Per instance: the last tick count seen, and the ticks since its last datapoint. */
  last: Map<string, { ticks: number; at: number }>;
  count: Map<string, number>;
}

/** Emits one round of datapoints; called every scaled minute. */
export function emitEc2Metrics(runtime: SandboxRuntime, sampler: Sampler, datapoints: Datapoints): void {
  const running: Array<{ accountId: string; region: string; inst: InstanceRecord }> = [];
  for (const { accountId, region, state } of runtime.store.all<Ec2RegionState>('ec2')) {
    for (const inst of Object.values(state.instances ?? {})) if (inst.state === 'running') running.push({ accountId, region, inst });
  }
  if (running.length === 0) return;
  const dirs = new Map(running.map(({ inst }) => [inst.instanceId, instanceDir(runtime, inst.instanceId)]));
  const ticks = instanceTicks(dirs);
  const now = Date.now();
  for (const { accountId, region, inst } of running) {
    const id = inst.instanceId;
    const n = (sampler.count.get(id) ?? 0) + 1;
    sampler.count.set(id, n);
    const detailed = inst.monitoring === 'enabled';
    if (!detailed && n % 5 !== 1) continue;
    const used = ticks.get(id) ?? 0;
    const prev = sampler.last.get(id);
    sampler.last.set(id, { ticks: used, at: now });
    const seconds = prev ? (now - prev.at) / 1000 : 0;
    const busy = prev && seconds > 0 ? Math.max(0, used - prev.ticks) / CLOCK_TICKS / seconds : 0;
    // An idle instance still shows a little CPU, as on AWS.
    const cpu = Math.min(100, Math.round((busy * 100 + 0.2 + Math.random() * 0.4) * 1000) / 1000);
    const minutes = detailed ? 1 : 5;
    const dims = [{ Name: 'InstanceId', Value: id }];
    const values: Array<[string, string, number]> = [
      ['CPUUtilization', 'Percent', cpu],
      ['NetworkIn', 'Bytes', Math.round(minutes * (800 + Math.random() * 600))],
      ['NetworkOut', 'Bytes', Math.round(minutes * (500 + Math.random() * 400))],
      ['NetworkPacketsIn', 'Count', minutes * 10],
      ['NetworkPacketsOut', 'Count', minutes * 8],
      ['DiskReadOps', 'Count', 0],
      ['DiskWriteOps', 'Count', 0],
      ['DiskReadBytes', 'Bytes', 0],
      ['DiskWriteBytes', 'Bytes', 0],
    ];
    for (const [name, unit, value] of values) {
      datapoints.record(accountId, region, 'AWS/EC2', name, dims, [point(now, unit, value)], now).catch((e: Error) => console.error(`paws sandbox: could not store AWS/EC2 metrics: ${e.message}`));
    }
  }
  for (const id of sampler.count.keys()) if (!dirs.has(id)) (sampler.count.delete(id), sampler.last.delete(id));
}

export function newSampler(): Sampler {
  return { last: new Map(), count: new Map() };
}
