/**
 * What makes sandbox instances real while they run: a host per running instance (its root file
 * system and SSH server, from ../../instances) on a loopback address of its own, a console log
 * file, and the timers that move instances, volumes and monitoring through their transient states.
 * One registry per sandbox runtime, so several sandboxes can share a process (tests).
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsError, type SandboxRuntime } from '../../core/types.js';
import { bootInstance, type InstanceHost } from '../../instances/index.js';
import { regionImages } from './image-catalogue.js';
import { SERVICE, stateOf } from './state.js';
import type { Ec2RegionState, InstanceRecord } from './types.js';

interface Registry {
  hosts: Map<string, InstanceHost>;
  /** Instances whose host is starting (host keys are generated off the event loop). */
  booting: Set<string>;
  closed: boolean;
}

const registries = new WeakMap<SandboxRuntime, Registry>();

function registry(runtime: SandboxRuntime): Registry {
  let r = registries.get(runtime);
  if (!r) {
    r = { hosts: new Map(), booting: new Set(), closed: false };
    registries.set(runtime, r);
    runtime.onClose(async () => {
      r!.closed = true;
      await Promise.all([...r!.hosts.values()].map((h) => h.stop().catch(() => {})));
      r!.hosts.clear();
    });
  }
  return r;
}

/** Where an instance account/region lives, so timers can find it again after the request is done. */
export interface Where {
  runtime: SandboxRuntime;
  accountId: string;
  region: string;
}

/**
 * Runs `apply` on a record after a simulated (scaled) delay, if the sandbox is still open and the
 * record is still what `still` expects; then persists.
 */
export function later<T>(where: Where, ms: number, find: (s: Ec2RegionState) => T | undefined, still: (r: T) => boolean, apply: (r: T) => void | Promise<void>): void {
  const reg = registry(where.runtime);
  void where.runtime.delay(ms).then(async () => {
    if (reg.closed) return;
    const record = find(stateOf(where.runtime, where.accountId, where.region));
    if (!record || !still(record)) return;
    await apply(record);
    where.runtime.store.markDirty(SERVICE);
  });
}

/**
 * A free loopback address for an instance or an Elastic IP: 127.H.L.1 … 127.H.L.254, where H.L are
 * the two bytes of the sandbox's port. Sandboxes running side by side (tests, two users) listen on
 * different ports, so they never hand out the same address — a client would reach the other
 * sandbox's instance, and rightly refuse its host key.
 */
export function allocateLoopback(runtime: SandboxRuntime): string {
  const port = Number(new URL(runtime.endpoint).port);
  const used = new Set<string>();
  for (const { state } of runtime.store.all<Ec2RegionState>(SERVICE)) {
    for (const i of Object.values(state.instances)) if (i.publicIp) used.add(i.publicIp);
    for (const a of Object.values(state.addresses)) used.add(a.publicIp);
  }
  for (let n = 1; n <= 254; n++) {
    const address = `127.${port >> 8}.${port & 255}.${n}`;
    if (!used.has(address)) return address;
  }
  throw new AwsError('AddressLimitExceeded', 'The paws sandbox has no loopback address left for another running instance or Elastic IP (254 at most); release some first.');
}

export function instanceDir(runtime: SandboxRuntime, instanceId: string): string {
  return runtime.store.filesDir(SERVICE, 'instances', instanceId);
}

export function appendConsole(runtime: SandboxRuntime, instanceId: string, text: string): void {
  appendFileSync(join(instanceDir(runtime, instanceId), 'console.log'), text);
}

/** The last 64 KiB of the console, as GetConsoleOutput returns it. */
export function consoleText(runtime: SandboxRuntime, instanceId: string): string {
  const file = join(instanceDir(runtime, instanceId), 'console.log');
  if (!existsSync(file)) return '';
  const buf = readFileSync(file);
  return buf.subarray(Math.max(0, buf.length - 64 * 1024)).toString('utf8');
}

export function hostname(inst: InstanceRecord): string {
  return `ip-${inst.privateIp.replace(/\./g, '-')}`;
}

/** What the instance's image runs (kept at launch; instances saved before that look it up). */
function osOf(inst: InstanceRecord, region: string): { pretty: string; kernel: string } {
  return inst.options?.os ?? regionImages(region).find((i) => i.imageId === inst.imageId)?.os ?? { pretty: 'Linux', kernel: '6.1.119' };
}

function kernelLines(inst: InstanceRecord, region: string): string {
  const os = osOf(inst, region);
  const t = (s: number, line: string) => `[${s.toFixed(6).padStart(12)}] ${line}\n`;
  return [
    t(0, `Linux version ${os.kernel}.${inst.architecture} (mockbuild@ip-10-0-50-208) (gcc (GCC) 11.4.1 20230605) #1 SMP Tue Dec 10 21:14:36 UTC 2024`),
    t(0, `Command line: BOOT_IMAGE=(hd0,gpt1)/boot/vmlinuz-${os.kernel}.${inst.architecture} root=UUID=3b9a7b2c-5d0e-4f6a-9c1b-0d2e8f7a6b54 ro console=tty0 console=ttyS0,115200n8 nvme_core.io_timeout=4294967295`),
    t(0, 'DMI: Amazon EC2 ' + inst.instanceType + '/, BIOS 1.0 10/16/2017'),
    t(0, 'Hypervisor detected: KVM'),
    t(0.412871, `EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode. Quota mode: none.`),
    t(1.873402, `systemd[1]: Detected virtualization amazon.`),
    t(1.874011, `systemd[1]: Set hostname to <${hostname(inst)}>.`),
    `         Starting cloud-init-local.service - Initial cloud-init job (pre-networking)...\n`,
    `[  OK  ] Started sshd.service - OpenSSH server daemon.\n`,
  ].join('');
}

function loginBanner(inst: InstanceRecord, region: string): string {
  const os = osOf(inst, region);
  return `\n${os.pretty}\nKernel ${os.kernel}.${inst.architecture} on an ${inst.architecture} (-)\n\n${hostname(inst)} login: `;
}

/** Boots the instance's host on its public address (first boot runs user data), console and all. */
export async function startHost(where: Where, inst: InstanceRecord): Promise<void> {
  const reg = registry(where.runtime);
  const address = inst.elasticIp ?? inst.publicIp;
  if (reg.closed || !address || reg.hosts.has(inst.instanceId) || reg.booting.has(inst.instanceId)) return;
  reg.booting.add(inst.instanceId);
  const { runtime } = where;
  const log = (text: string) => appendConsole(runtime, inst.instanceId, text);
  log(kernelLines(inst, where.region));
  const key = inst.keyName ? stateOf(runtime, where.accountId, where.region).keyPairs[inst.keyName] : undefined;
  try {
    const host = await bootInstance({
      instanceId: inst.instanceId,
      dir: instanceDir(runtime, inst.instanceId),
      loginUser: inst.loginUser,
      authorizedKey: key ? `${key.publicKey} ${key.keyName}` : undefined,
      hostname: hostname(inst),
      address,
      userData: inst.userData ? Buffer.from(inst.userData, 'base64') : undefined,
      firstBoot: !inst.booted,
      appendConsole: log,
    });
    // Stopped, terminated or the sandbox closed while the host was starting.
    if (reg.closed || inst.state !== 'running') return void (await host.stop());
    reg.hosts.set(inst.instanceId, host);
  } catch (e) {
    log(`sshd: could not start on ${address}: ${(e as Error).message}\n`);
  } finally {
    reg.booting.delete(inst.instanceId);
  }
  inst.booted = true;
  log(loginBanner(inst, where.region));
}

export async function stopHost(runtime: SandboxRuntime, instanceId: string): Promise<void> {
  const reg = registry(runtime);
  const host = reg.hosts.get(instanceId);
  reg.hosts.delete(instanceId);
  if (host) {
    appendConsole(runtime, instanceId, '\n[  OK  ] Stopped sshd.service - OpenSSH server daemon.\nreboot: Power down\n');
    await host.stop();
  }
}

/** Moves a running host to the instance's new public address (an Elastic IP came or went). */
export async function rehost(where: Where, inst: InstanceRecord): Promise<void> {
  if (!registry(where.runtime).hosts.has(inst.instanceId)) return;
  await stopHost(where.runtime, inst.instanceId);
  await startHost(where, inst);
}
