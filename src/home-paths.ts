/**
 * paws's own directory and paths under the home directory, read as `~/…` and printed as `~/…`
 * (outputs read the same in every HOME). A leaf module: the client, the helpers and the sandbox
 * all keep their files there.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** paws's own directory: PAWS_HOME, else ~/.paws. */
export function pawsHome(): string {
  return process.env.PAWS_HOME ?? join(homedir(), '.paws');
}

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** The path as `~/…` when it lies under the home directory. */
export function homeRelative(path: string): string {
  const home = homedir();
  return path === home ? '~' : path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
