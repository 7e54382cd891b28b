/**
 * Everything a user runs in a sandbox instance runs under bubblewrap: the instance's own root,
 * home, etc, tmp, var and /usr/local over the host's read-only /usr, with every namespace unshared
 * (no network, own hostname, own pids) and uid 0 inside, mapped to us outside.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT_DIRS, homeOf, rootFsPath } from './root-fs.js';

const BWRAP = 'bwrap';

let bwrapChecked: boolean | undefined;

/** Refuse to run user code on the host: without bwrap nothing runs. */
export function requireBwrap(): void {
  bwrapChecked ??= spawnSync(BWRAP, ['--version'], { stdio: 'ignore' }).status === 0;
  if (!bwrapChecked) {
    throw new Error('BwrapMissing: sandbox instances run user code under bubblewrap; install it (apt-get install bubblewrap)');
  }
}

export interface SandboxSpec {
  dir: string;
  hostname: string;
  loginUser: string;
  /** Terminal sessions keep the controlling tty; others get a new session (no TIOCSTI into our tty). */
  tty: boolean;
  cwd?: string;
}

/** The bwrap command line that runs `argv` inside the instance. */
export function bwrapArgs(spec: SandboxSpec, argv: string[]): string[] {
  const root = rootFsPath(spec.dir);
  const binds = ROOT_DIRS.flatMap((d) => ['--bind', join(root, d), d === 'usr-local' ? '/usr/local' : `/${d}`]);
  return [
    '--ro-bind', '/usr', '/usr',
    '--symlink', 'usr/bin', '/bin', '--symlink', 'usr/lib', '/lib',
    '--symlink', 'usr/lib64', '/lib64', '--symlink', 'usr/sbin', '/sbin',
    '--proc', '/proc', '--dev', '/dev',
    ...binds,
    '--unshare-all', '--uid', '0', '--gid', '0',
    '--hostname', spec.hostname,
    '--die-with-parent',
    ...(spec.tty ? [] : ['--new-session']),
    '--chdir', spec.cwd ?? homeOf(spec.loginUser),
    '--', ...argv,
  ];
}

/** The environment of a login in the instance; nothing leaks in from the host's. */
export function loginEnv(spec: SandboxSpec, extra: Record<string, string> = {}): Record<string, string> {
  return {
    HOME: homeOf(spec.loginUser),
    USER: spec.loginUser,
    LOGNAME: spec.loginUser,
    SHELL: '/bin/bash',
    HOSTNAME: spec.hostname,
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    LANG: 'C.UTF-8',
    ...extra,
  };
}
