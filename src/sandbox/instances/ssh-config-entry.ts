/**
 * When port 22 on the instance's address cannot be bound (not root, or a host sshd on 0.0.0.0:22),
 * the instance listens on a free port and publishes it as an ssh_config fragment,
 * `~/.paws/ssh_config.d/<instance-id>.conf`. paws's SSH client reads that directory after
 * ~/.ssh/config; OpenSSH reads it once the user adds `Include ~/.paws/ssh_config.d/*.conf` to
 * ~/.ssh/config. The fragment goes away when the instance stops.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pawsHome } from '../../home-paths.js';

/** Where paws's SSH client reads fragments (src/ssh/ssh-config.ts). */
export function defaultSshConfigDir(): string {
  return join(pawsHome(), 'ssh_config.d');
}

export function publishPort(dir: string, instanceId: string, address: string, port: number, user: string): () => void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = join(dir, `${instanceId}.conf`);
  writeFileSync(
    file,
    `# paws sandbox instance ${instanceId}; removed when it stops\nHost ${address} ${instanceId}\n  HostName ${address}\n  Port ${port}\n  User ${user}\n`,
    { mode: 0o600 },
  );
  return () => rmSync(file, { force: true });
}
