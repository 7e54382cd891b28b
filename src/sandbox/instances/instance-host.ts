/**
 * Boots what makes a sandbox instance real: its root file system, its host keys and their console
 * lines, its sshd on the instance's loopback address, and on first boot its user-data scripts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:net';
import type { InstanceRoot } from './beneath.js';
import { createRootFs } from './root-fs.js';
import { hostKeyConsoleText, loadHostKeys } from './host-keys.js';
import { isolatedCommand, isolationBackend, loginEnv, trackInstanceProcess, type InstanceSpec } from './isolate.js';
import { instanceOwner } from './owner.js';
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
  const owner = instanceOwner(opts.dir);
  const root = createRootFs(opts.dir, opts.loginUser, opts.hostname, owner);
  const hostKeys = await loadHostKeys(root);
  opts.appendConsole(`Cloud-init v. 22.2.2 running 'init' at ${new Date().toUTCString()}.\n`);
  opts.appendConsole(hostKeyConsoleText(hostKeys, opts.hostname));

  const spec: InstanceSpec = { dir: opts.dir, hostname: opts.hostname, loginUser: opts.loginUser, owner };
  const { server, connections } = createSshServer({ ...opts, spec, hostKeys });
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
    const userDataDone = opts.firstBoot && opts.userData ? runUserData(opts, spec, root, scripts) : Promise.resolve();
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
async function runUserData(opts: InstanceHostOptions, spec: InstanceSpec, root: InstanceRoot, run: UserDataRun): Promise<void> {
  const scriptDir = 'var/lib/cloud/instance/scripts';
  let scripts: Buffer[];
  try {
    scripts = userDataScripts(opts.userData!);
    if (scripts.length) {
      isolationBackend();
      root.mkdirs(scriptDir);
    }
  } catch (e) {
    opts.appendConsole(`cloud-init: user data not run: ${(e as Error).message}\n`);
    return;
  }
  for (const [i, script] of scripts.entries()) {
    // The instance stopped while an earlier script ran: the rest never start.
    if (run.stopped) return;
    const name = `part-${String(i + 1).padStart(3, '0')}`;
    let command: string[];
    try {
      root.write(`${scriptDir}/${name}`, script, 0o700);
      command = isolatedCommand(spec, [`/${scriptDir}/${name}`], '/');
    } catch (e) {
      opts.appendConsole(`cloud-init: ${name} not run: ${(e as Error).message}\n`);
      continue;
    }
    const child = spawn(command[0], command.slice(1), {
      cwd: '/',
      env: loginEnv(spec, { HOME: '/root', USER: 'root', LOGNAME: 'root' }),
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // a session of its own: no controlling terminal of ours to inject input into
    });
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve).on('error', () => resolve(null)));
    trackInstanceProcess(opts.dir, child.pid, closed);
    run.running.add(child);
    const out = (data: Buffer) => {
      try {
        opts.appendConsole(data.toString());
        root.append('var/log/cloud-init-output.log', data);
      } catch {
        // The instance's files are gone (terminated and removed), or it put a link or FIFO where the log goes.
      }
    };
    child.stdout!.on('data', out);
    child.stderr!.on('data', out);
    const code = await closed;
    run.running.delete(child);
    if (code !== 0) opts.appendConsole(`cloud-init: ${name} failed with status ${code}\n`);
  }
}
