import { homedir } from 'node:os';
import { join } from 'node:path';

/** paws's own directory: PAWS_HOME, else ~/.paws. */
export function pawsHome(): string {
  return process.env.PAWS_HOME ?? join(homedir(), '.paws');
}

export function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}
