/**
 * One sandbox per state directory: a second server on the same directory would overwrite the
 * first one's state. The running one records its pid and endpoint in `sandbox.json`; a record
 * whose process is gone (a crash) is stale and ignored.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFileSync } from './durable-file.js';

export interface Owner {
  pid: number;
  endpoint: string;
  /** Where other sessions take a lease on this sandbox (core/leases.ts); unset: it takes none. */
  leasePort?: number;
}

function ownerFile(stateDir: string): string {
  return join(stateDir, 'sandbox.json');
}

/**
 * Writes the record whole or not at all (a temp file renamed over it): a reader catching a write
 * half done would see no owner and could start a second sandbox on the directory.
 */
function writeRecord(stateDir: string, owner: Owner): void {
  replaceFileSync(ownerFile(stateDir), JSON.stringify(owner), `${ownerFile(stateDir)}.${process.pid}.tmp`);
}

/** The sandbox serving `stateDir` now, if any. */
export function currentOwner(stateDir: string): Owner | undefined {
  let owner: Owner;
  try {
    owner = JSON.parse(readFileSync(ownerFile(stateDir), 'utf8')) as Owner;
  } catch {
    return undefined;
  }
  try {
    process.kill(owner.pid, 0);
    return owner;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? owner : undefined;
  }
}

/** Throws SandboxBusy when another live sandbox serves `stateDir`. */
export function assertFree(stateDir: string): void {
  const owner = currentOwner(stateDir);
  if (owner) {
    throw Object.assign(new Error(`another sandbox (pid ${owner.pid}) already serves ${stateDir} at ${owner.endpoint}; use it, or pass --state DIR`), {
      name: 'SandboxBusy',
      owner,
    });
  }
}

/** Records this process as the owner; the returned function gives the directory up. */
export function claim(stateDir: string, endpoint: string): () => void {
  writeRecord(stateDir, { pid: process.pid, endpoint });
  return () => rmSync(ownerFile(stateDir), { force: true });
}

/** Adds the lease port to this process's record. */
export function recordLeasePort(stateDir: string, leasePort: number): void {
  const owner = currentOwner(stateDir);
  if (owner?.pid !== process.pid) return;
  writeRecord(stateDir, { ...owner, leasePort });
}

/** Resolves once the owner's process is gone (a sandbox that refused a lease is stopping), or after `ms`. */
export async function ownerGone(stateDir: string, owner: Owner, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (currentOwner(stateDir)?.pid === owner.pid && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
}
