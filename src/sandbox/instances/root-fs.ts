/**
 * The instance's own root file system: the directories bubblewrap binds over the host's read-only
 * /usr (see isolate.ts). Created once and kept, so files survive stop/start like an EBS volume.
 */
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

/** Directories of the instance root, bound at the same path inside the sandbox (usr-local → /usr/local). */
export const ROOT_DIRS = ['root', 'etc', 'home', 'tmp', 'var', 'usr-local'] as const;

export const LOGIN_UID = 1000;

export function homeOf(user: string): string {
  return `/home/${user}`;
}

export function createRootFs(dir: string, loginUser: string, hostname: string): void {
  const root = join(dir, 'root-fs');
  for (const d of ROOT_DIRS) mkdirSync(join(root, d), { recursive: true, mode: d === 'root' ? 0o700 : 0o755 });
  mkdirSync(join(root, 'home', loginUser), { recursive: true, mode: 0o700 });
  mkdirSync(join(root, 'var', 'log'), { recursive: true });
  const etc = (name: string, text: string) => {
    const file = join(root, 'etc', name);
    if (!existsSync(file)) writeFileSync(file, text);
  };
  etc('passwd', `root:x:0:0:root:/root:/bin/bash\n${loginUser}:x:${LOGIN_UID}:${LOGIN_UID}::${homeOf(loginUser)}:/bin/bash\n`);
  etc('group', `root:x:0:\n${loginUser}:x:${LOGIN_UID}:\n`);
  etc('hostname', `${hostname}\n`);
  etc('hosts', `127.0.0.1 localhost\n127.0.1.1 ${hostname}\n`);
  // The session runs as uid 0 inside the sandbox (bwrap maps it), so the prompt names the login
  // user explicitly rather than through \u, which would say root.
  etc('profile', [
    'export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    `case $- in *i*) PS1='[${loginUser}@\\h \\W]$ ' ;; esac`,
    '',
  ].join('\n'));
  etc('bash.bashrc', '. /etc/profile\n');
}

export function rootFsPath(dir: string): string {
  return join(dir, 'root-fs');
}
