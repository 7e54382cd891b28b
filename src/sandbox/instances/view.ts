/**
 * What an instance sees, the one description both isolation backends (isolate.ts) build: the
 * host's /usr read-only, the instance's own directories bound over it, a fresh /proc and /dev.
 * Instance directories are bound from STAGE, where the root file system is mounted just before a
 * backend runs (in a mount namespace of its own), so no host path is in the backend's command
 * line, which an instance reads as /proc/1/cmdline.
 */
import { ROOT_DIRS, mountPointOf } from './root-fs.js';

export const STAGE = '/mnt';

export type Mount =
  | { kind: 'ro-bind' | 'bind'; source: string; dest: string }
  | { kind: 'symlink'; target: string; dest: string }
  | { kind: 'proc' | 'dev'; dest: string };

export const INSTANCE_VIEW: readonly Mount[] = [
  { kind: 'ro-bind', source: '/usr', dest: '/usr' },
  ...['bin', 'lib', 'lib64', 'sbin'].map((d): Mount => ({ kind: 'symlink', target: `usr/${d}`, dest: `/${d}` })),
  { kind: 'proc', dest: '/proc' },
  { kind: 'dev', dest: '/dev' },
  ...ROOT_DIRS.map((d): Mount => ({ kind: 'bind', source: `${STAGE}/${d}`, dest: mountPointOf(d) })),
];

/** The device nodes of /dev, bound from the host's as bubblewrap's --dev does. */
export const DEVICES = ['null', 'zero', 'full', 'random', 'urandom', 'tty'] as const;
