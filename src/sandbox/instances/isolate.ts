/**
 * Everything a user runs in a sandbox instance (shells, exec, sftp, user data) runs isolated: the
 * view of view.ts, every namespace unshared (no network, own hostname, own pids), uid 0 inside a
 * user namespace mapped to an unprivileged host uid: the user running paws, or the instance's own
 * uid (owner.ts) when that is root, dropped to before any namespace is made (issue 11).
 *
 * Two backends build the same view: bubblewrap where installed, else util-linux `unshare` and
 * `mount`, which every Debian has. Both run behind a stage that mounts the instance's root file
 * system at STAGE in a private mount namespace, so the backend's command line (an instance's
 * /proc/1/cmdline) names no host path and the instance uid needs no way through the state dir.
 */
import { spawnSync } from 'node:child_process';
import { homeOf, rootFsPath } from './root-fs.js';
import type { Owner } from './owner.js';
import { DEVICES, INSTANCE_VIEW, STAGE, type Mount } from './view.js';

export type Backend = 'bwrap' | 'unshare';

export interface InstanceSpec {
  dir: string;
  hostname: string;
  loginUser: string;
  /** The instance's own host uid when paws runs as root. */
  owner?: Owner;
}

const installed = new Map<string, boolean>();

function has(cmd: string): boolean {
  let ok = installed.get(cmd);
  if (ok === undefined) installed.set(cmd, (ok = spawnSync(cmd, ['--version'], { stdio: 'ignore' }).status === 0));
  return ok;
}

/**
 * bubblewrap where installed, else `unshare`; PAWS_ISOLATION=bwrap|unshare forces one (tests run
 * both). Throws, naming the package, rather than ever running user code unisolated.
 */
export function isolationBackend(): Backend {
  if (!has('unshare') || !has('mount')) {
    throw new Error('IsolationUnavailable: sandbox instances run user code in Linux namespaces made with util-linux; install it (apt-get install util-linux mount)');
  }
  const forced = process.env.PAWS_ISOLATION;
  if (forced === 'unshare') return 'unshare';
  if (forced === 'bwrap' && !has('bwrap')) throw new Error('BwrapMissing: PAWS_ISOLATION=bwrap but bubblewrap is not installed (apt-get install bubblewrap)');
  return has('bwrap') ? 'bwrap' : 'unshare';
}

/** The command line (program first) that runs `argv` inside the instance, starting in `cwd` there. */
export function isolatedCommand(spec: InstanceSpec, argv: string[], cwd = homeOf(spec.loginUser)): string[] {
  const inner = ['/bin/bash', '-c', CLEAN_START, 'paws', ...argv];
  const backend = isolationBackend() === 'bwrap' ? bwrapCommand(spec.hostname, cwd, inner) : unshareCommand(spec.hostname, cwd, inner);
  const stage = ['--mount', '--propagation', 'private', '--', '/bin/sh', '-c', STAGE_SCRIPT, 'paws', rootFsPath(spec.dir)];
  if (!spec.owner) return ['unshare', '--user', '--map-root-user', ...stage, ...backend];
  const { uid, gid } = spec.owner;
  return ['unshare', ...stage, 'setpriv', `--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', '--no-new-privs', '--', ...backend];
}

/**
 * Descriptors the sandbox process inherited without close-on-exec (from whatever started it) and
 * the stages' working directories do not reach the user's command.
 */
const CLEAN_START = 'unset PWD OLDPWD; for f in /proc/self/fd/*; do f=${f##*/}; if [ "$f" -gt 2 ] && [ -e "/proc/self/fd/$f" ]; then exec {f}>&-; fi; done; exec "$@"';

const STAGE_SCRIPT = `mount --bind -- "$1" ${STAGE} && shift && exec "$@"`;

function bwrapCommand(hostname: string, cwd: string, argv: string[]): string[] {
  const view = INSTANCE_VIEW.flatMap((m) => {
    if (m.kind === 'symlink') return ['--symlink', m.target, m.dest];
    if (m.kind === 'bind' || m.kind === 'ro-bind') return [`--${m.kind}`, m.source, m.dest];
    return [`--${m.kind}`, m.dest];
  });
  return ['bwrap', ...view, '--unshare-all', '--uid', '0', '--gid', '0', '--cap-drop', 'ALL', '--hostname', hostname, '--die-with-parent', '--chdir', cwd, '--', ...argv];
}

function unshareCommand(hostname: string, cwd: string, argv: string[]): string[] {
  return ['setpriv', '--pdeathsig', 'KILL', '--', 'unshare', '--user', '--map-root-user', '--mount', '--pid', '--net', '--uts', '--ipc', '--cgroup',
    '--kill-child', '--propagation', 'private', '--', '/bin/sh', '-c', UNSHARE_SCRIPT, 'paws', hostname, cwd, ...argv];
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What bubblewrap does for the view, as a shell script run as root of the new namespaces. */
function mountLines(m: Mount): string[] {
  const at = q(`.${m.dest}`);
  switch (m.kind) {
    case 'symlink':
      return [`ln -s ${q(m.target)} ${at}`];
    case 'bind':
      return [`mkdir -p ${at}`, `mount --bind ${q(m.source)} ${at}`];
    case 'ro-bind':
      return [`mkdir -p ${at}`, `mount --bind ${q(m.source)} ${at}`, `mount -o remount,bind,ro ${at}`];
    case 'proc':
      return [`mkdir -p ${at}`, `mount -t proc proc ${at}`, `mount --bind ${at}/sys ${at}/sys`, `mount -o remount,bind,ro ${at}/sys`];
    case 'dev':
      return [
        `mkdir -p ${at}`, `mount -t tmpfs -o mode=0755 dev ${at}`,
        ...DEVICES.flatMap((n) => [`touch ${at}/${n}`, `mount --bind /dev/${n} ${at}/${n}`]),
        `mkdir ${at}/pts ${at}/shm`, `mount -t devpts -o newinstance,ptmxmode=0666,mode=0620 devpts ${at}/pts`, `ln -s pts/ptmx ${at}/ptmx`,
        `ln -s /proc/self/fd ${at}/fd`, ...['stdin', 'stdout', 'stderr'].map((s, i) => `ln -s /proc/self/fd/${i} ${at}/${s}`),
      ];
  }
}

/**
 * A fresh tmpfs becomes the root (over /tmp, as bubblewrap does, in this mount namespace only),
 * the old root is detached, and the command runs with no capabilities ($1 hostname, $2 cwd).
 * A shell without capabilities stays pid 1 of the new pid namespace, as bubblewrap's own init
 * does, and the command runs as its child: the kernel drops every signal a pid 1 has no handler
 * for, so a command that was pid 1 itself would ignore kill, Ctrl-C and the hang-up that end an
 * SSH session.
 */
const UNSHARE_SCRIPT = [
  'set -e',
  'mount -t tmpfs -o mode=0755 paws /tmp',
  'cd /tmp',
  ...INSTANCE_VIEW.flatMap(mountLines),
  'hostname "$1"',
  'mkdir .oldroot',
  'pivot_root . .oldroot',
  'umount -l /.oldroot',
  'rmdir /.oldroot',
  'cd "$2"',
  'shift 2',
  `exec setpriv --no-new-privs --bounding-set=-all --inh-caps=-all -- /bin/sh -c '"$@"; exit $?' paws "$@"`,
].join('\n');

const running = new Map<string, Set<number>>();

/**
 * Records a process started with isolatedCommand until `exited` settles, so the host can find an
 * instance's processes (CPU metrics) without their command lines naming its directory.
 */
export function trackInstanceProcess(dir: string, pid: number | undefined, exited: Promise<unknown>): void {
  if (pid === undefined) return;
  const pids = running.get(dir) ?? new Set<number>();
  running.set(dir, pids.add(pid));
  void exited.finally(() => {
    pids.delete(pid);
    if (pids.size === 0 && running.get(dir) === pids) running.delete(dir);
  });
}

/** The processes started for the instance in `dir` that still run (each the root of its tree). */
export function instanceProcesses(dir: string): number[] {
  return [...(running.get(dir) ?? [])];
}

/** The environment of a login in the instance; nothing leaks in from the host's. */
export function loginEnv(spec: InstanceSpec, extra: Record<string, string> = {}): Record<string, string> {
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
