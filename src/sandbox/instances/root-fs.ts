/**
 * The instance's own root file system: the directories bound over the host's read-only /usr (see
 * view.ts). Created once and kept, so files survive stop/start like an EBS volume. It belongs to the
 * instance's root (its owner uid when paws runs as root), and the host touches it only through
 * beneath.ts, since the instance may have planted links in it.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InstanceRoot } from './beneath.js';
import type { Owner } from './owner.js';
import { ROOT_COMMANDS } from './root-commands.js';

/** Directories of the instance root, bound at the same path inside the instance (usr-local → /usr/local). */
export const ROOT_DIRS = ['root', 'etc', 'home', 'tmp', 'var', 'usr-local'] as const;

export const LOGIN_UID = 1000;

export function homeOf(user: string): string {
  return `/home/${user}`;
}

export function mountPointOf(dir: (typeof ROOT_DIRS)[number]): string {
  return dir === 'usr-local' ? '/usr/local' : `/${dir}`;
}

export function rootFsPath(dir: string): string {
  return join(dir, 'root-fs');
}

/** Creates what is missing of the root file system (every boot: nothing existing is overwritten or followed). */
export function createRootFs(dir: string, loginUser: string, hostname: string, owner?: Owner): InstanceRoot {
  const root = new InstanceRoot(rootFsPath(dir), owner);
  mkdirSync(root.path, { recursive: true, mode: 0o755 });
  if (owner && statSync(root.path).uid !== owner.uid) root.chownTree();
  for (const d of ROOT_DIRS) root.mkdirs(d, d === 'root' ? 0o700 : 0o755);
  root.mkdirs(`home/${loginUser}`, 0o700);
  root.mkdirs('var/log');
  const etc = (name: string, text: string) => root.writeIfMissing(`etc/${name}`, text);
  etc('passwd', `root:x:0:0:root:/root:/bin/bash\n${loginUser}:x:${LOGIN_UID}:${LOGIN_UID}::${homeOf(loginUser)}:/bin/bash\n`);
  etc('group', `root:x:0:\n${loginUser}:x:${LOGIN_UID}:\n`);
  etc('hostname', `${hostname}\n`);
  etc('hosts', `127.0.0.1 localhost\n127.0.1.1 ${hostname}\n`);
  // Every session runs as uid 0 inside the instance, so the prompt names the user from $USER (the
  // login user, or root after sudo/su) rather than through \u and \$, which would always say root.
  etc('profile', [
    'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `case $- in *i*) if [ "$USER" = root ]; then PS1='[root@\\h \\W]# '; else PS1='[${loginUser}@\\h \\W]$ '; fi ;; esac`,
    '',
  ].join('\n'));
  etc('bash.bashrc', '. /etc/profile\n');
  root.mkdirs('usr-local/bin');
  for (const [name, script] of Object.entries(ROOT_COMMANDS)) root.writeIfMissing(`usr-local/bin/${name}`, script, 0o755);
  return root;
}

