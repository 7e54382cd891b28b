/**
 * Leases on a shared sandbox (issue 12): every paws using a sandbox another process started holds
 * a TCP connection to the owner's lease port on loopback; the owner's own paws holds its stdin. The
 * embedded sandbox exits when the last of them is gone, so a session that ends never takes the
 * sandbox away from another session on the same state directory.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { Owner } from './owner.js';

export interface LeaseServer {
  port: number;
  /** Leases held now. */
  readonly held: number;
  /** Calls `fn` once no lease is held (at once if none is). */
  whenNoneHeld(fn: () => void): void;
  /** Refuses new leases; held ones stay until their holders go. */
  close(): void;
}

export function serveLeases(): Promise<LeaseServer> {
  const holders = new Set<Socket>();
  let onEmpty: (() => void) | undefined;
  const server = createServer((socket) => {
    holders.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => {
      holders.delete(socket);
      if (holders.size === 0) onEmpty?.();
    });
    socket.resume();
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.unref();
      resolve({
        port: (server.address() as { port: number }).port,
        get held() {
          return holders.size;
        },
        whenNoneHeld(fn) {
          onEmpty = fn;
          if (holders.size === 0) fn();
        },
        close: () => server.close(),
      });
    });
  });
}

/** A lease on the owner's sandbox, or undefined when it takes none (stopping, or a sandbox without leases). */
export function takeLease(owner: Owner): Promise<Socket | undefined> {
  if (!owner.leasePort) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const socket = connect(owner.leasePort!, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', () => resolve(undefined));
  });
}
