/**
 * What ~/.ssh/config (and paws's published fragments, ~/.paws/ssh_config.d/*.conf, where sandbox
 * instances that could not bind port 22 announce their port) says about a host: HostName, Port,
 * User, IdentityFile. The first value found wins, as in OpenSSH. `Match exec` is not run, and
 * `Include` is not followed.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import { expandHome, pawsHome } from '../home-paths.js';

export interface HostConfig {
  hostName?: string;
  port?: number;
  user?: string;
  identityFiles: string[];
}

export function defaultConfigFiles(): string[] {
  const fragments = join(pawsHome(), 'ssh_config.d');
  const published = existsSync(fragments) ? readdirSync(fragments).filter((f) => f.endsWith('.conf')).sort().map((f) => join(fragments, f)) : [];
  return [join(homedir(), '.ssh', 'config'), ...published];
}

export function hostConfig(host: string, files: string[] = defaultConfigFiles()): HostConfig {
  const found: Record<string, string | string[]> = {};
  for (const file of files) {
    if (!existsSync(file)) continue;
    const computed = SSHConfig.parse(readFileSync(file, 'utf8')).compute(host, { ignoreCase: true, matchExec: false });
    for (const [k, v] of Object.entries(computed)) {
      if (k === 'identityfile') found[k] = [...((found[k] as string[] | undefined) ?? []), ...[v].flat()];
      else found[k] ??= v;
    }
  }
  const one = (k: string) => (Array.isArray(found[k]) ? found[k][0] : (found[k] as string | undefined));
  const hostName = one('hostname')?.replace(/%h/g, host);
  const expand = (f: string) => expandHome(f.replace(/%h/g, host).replace(/%d/g, homedir()).replace(/%%/g, '%'));
  return {
    hostName,
    port: one('port') ? Number(one('port')) : undefined,
    user: one('user'),
    identityFiles: ((found.identityfile as string[] | undefined) ?? []).map(expand),
  };
}
