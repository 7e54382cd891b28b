/**
 * Boots what makes a sandbox instance real: its root file system, its host keys and their console
 * lines, its sshd on the instance's loopback address, and on first boot its user-data scripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:net';
import { createRootFs, rootFsPath } from './root-fs.js';
import { hostKeyConsoleText, loadHostKeys } from './host-keys.js';
import { bwrapArgs, loginEnv, requireBwrap } from './isolate.js';
import { createSshServer } from './ssh-server.js';
import { defaultSshConfigDir, publishPort } from './ssh-config-entry.js';
import { userDataScripts } from './user-data.js';
import type { InstanceHost, InstanceHostOptions } from './types.js';

export interface BootedInstance extends InstanceHost {
  /** Settles when the first boot's user-data scripts have run (at once when there are none). */
  userDataDone: Promise<void>;
}

export async function bootInstance(opts: InstanceHostOptions): Promise<BootedInstance> {
  mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  createRootFs(opts.dir, opts.loginUser, opts.hostname);
  const hostKeys = await loadHostKeys(opts.dir);
  opts.appendConsole(`Cloud-init v. 22.2.2 running 'init' at ${new Date().toUTCString()}.\n`);
  opts.appendConsole(hostKeyConsoleText(hostKeys, opts.hostname));

  const { server, connections } = createSshServer({ ...opts, hostKeys });
  const port = await listen(server, opts.address, opts.port ?? 22);
  let unpublish = () => {};
  const scripts: UserDataRun = { running: new Set(), stopped: false };
  const stop = async () => {
    scripts.stopped = true;
    for (const child of scripts.running) child.kill('SIGKILL');
    for (const c of connections) c.end();
    unpublish();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    if (port !== 22) unpublish = publishPort(opts.sshConfigDir ?? defaultSshConfigDir(), opts.instanceId, opts.address, port, opts.loginUser);
    const userDataDone = opts.firstBoot && opts.userData ? runUserData(opts, scripts) : Promise.resolve();
    opts.appendConsole(`Cloud-init v. 22.2.2 finished. Up ${process.uptime().toFixed(2)} seconds\n`);
    return { address: opts.address, port, userDataDone, stop };
  } catch (e) {
    // A host that could not finish booting must not keep its port (or the process) alive.
    await stop();
    throw e;
  }
}

/** The user-data scripts of one boot: those running, and whether the host has stopped since. */
interface UserDataRun {
  running: Set<ChildProcess>;
  stopped: boolean;
}

function listen(server: Server, address: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      if (port !== 0 && (e.code === 'EACCES' || e.code === 'EADDRINUSE')) resolve(listen(server, address, 0));
      else reject(e);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as { port: number }).port);
    };
    server.once('error', onError).once('listening', onListening).listen(port, address);
  });
}

/** Runs each `#!` script as root inside the instance, once, as cloud-init's scripts-user does. */
async function runUserData(opts: InstanceHostOptions, run: UserDataRun): Promise<void> {
  let scripts: Buffer[];
  try {
    scripts = userDataScripts(opts.userData!);
    if (scripts.length) requireBwrap();
  } catch (e) {
    opts.appendConsole(`cloud-init: user data not run: ${(e as Error).message}\n`);
    return;
  }
  const scriptDir = join(rootFsPath(opts.dir), 'var', 'lib', 'cloud', 'instance', 'scripts');
  const outputLog = join(rootFsPath(opts.dir), 'var', 'log', 'cloud-init-output.log');
  mkdirSync(scriptDir, { recursive: true });
  const spec = { dir: opts.dir, hostname: opts.hostname, loginUser: opts.loginUser, tty: false, cwd: '/' };
  for (const [i, script] of scripts.entries()) {
    // The instance stopped while an earlier script ran: the rest never start.
    if (run.stopped) return;
    const name = `part-${String(i + 1).padStart(3, '0')}`;
    writeFileSync(join(scriptDir, name), script);
    chmodSync(join(scriptDir, name), 0o700);
    const child = spawn('bwrap', bwrapArgs(spec, [`/var/lib/cloud/instance/scripts/${name}`]), {
      env: loginEnv(spec, { HOME: '/root', USER: 'root', LOGNAME: 'root' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    run.running.add(child);
    const out = (data: Buffer) => {
      try {
        opts.appendConsole(data.toString());
        appendFileSync(outputLog, data);
      } catch {
        // The instance's files are gone (terminated and removed): its output has nowhere to go.
      }
    };
    child.stdout!.on('data', out);
    child.stderr!.on('data', out);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve).on('error', () => resolve(null)));
    run.running.delete(child);
    if (code !== 0) opts.appendConsole(`cloud-init: ${name} failed with status ${code}\n`);
  }
}
