/** Paths under the home directory, read as `~/…` and printed as `~/…`, so outputs read the same in every HOME. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/** The path as `~/…` when it lies under the home directory. */
export function homeRelative(path: string): string {
  const home = homedir();
  return path === home ? '~' : path.startsWith(`${home}/`) ? `~${path.slice(home.length)}` : path;
}
