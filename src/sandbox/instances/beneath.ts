/**
 * Every host-side read or write under an instance's root file system goes through here, because
 * code inside the instance owns that tree and may plant a link anywhere in it (issue 11). Paths are
 * walked one component at a time from a directory fd, openat-style (`/proc/self/fd/N/name`), each
 * component opened with O_NOFOLLOW: a symlink anywhere on the way is refused, never followed out
 * of the root. Files are used only when they are regular files (O_NONBLOCK, so a planted FIFO
 * cannot stall the sandbox). What the host creates is given to the instance's owner, so its root
 * can change it like anything else of its own.
 */
import { closeSync, constants, fchmodSync, fchownSync, fstatSync, lchownSync, mkdirSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import type { Owner } from './owner.js';

const { O_RDONLY, O_WRONLY, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW, O_NONBLOCK } = constants;
const DIR = O_RDONLY | O_DIRECTORY | O_NOFOLLOW;

export class InstanceRoot {
  /** `path`: the root file system on the host (trusted: the instance cannot reach it, only what is below). */
  constructor(readonly path: string, readonly owner?: Owner) {}

  /** Creates the directories of `rel` that are missing (`mode` for new ones); an existing link on the way is refused. */
  mkdirs(rel: string, mode = 0o755): void {
    let fd = openSync(this.path, DIR);
    try {
      for (const name of components(rel)) {
        let created = false;
        try {
          mkdirSync(at(fd, name), mode);
          created = true;
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const next = this.open(fd, name, DIR, rel);
        closeSync(fd);
        fd = next;
        if (created) {
          fchmodSync(fd, mode);
          this.give(fd);
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Writes a new file; false (and nothing written) when anything, a link included, is already there. */
  writeIfMissing(rel: string, data: string | Buffer, mode = 0o644): boolean {
    try {
      this.writeFile(rel, O_WRONLY | O_CREAT | O_EXCL, data, mode);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e;
    }
  }

  /** Creates or replaces the file's contents. */
  write(rel: string, data: string | Buffer, mode = 0o644): void {
    this.writeFile(rel, O_WRONLY | O_CREAT | O_TRUNC, data, mode);
  }

  append(rel: string, data: string | Buffer): void {
    this.writeFile(rel, O_WRONLY | O_CREAT | O_APPEND, data, 0o644, false);
  }

  /** The file's contents, or undefined when it does not exist; at most `limit` bytes are read. */
  read(rel: string, limit = 1 << 20): Buffer | undefined {
    let fd: number;
    try {
      fd = this.openFile(rel, O_RDONLY, 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
    try {
      const buf = Buffer.alloc(Math.min(fstatSync(fd).size, limit));
      let n = 0;
      while (n < buf.length) {
        const got = readSync(fd, buf, n, buf.length - n, null);
        if (got === 0) break;
        n += got;
      }
      return buf.subarray(0, n);
    } finally {
      closeSync(fd);
    }
  }

  /**
   * Gives the whole tree to the owner (a root file system made before instances had their own uid).
   * Only called while nothing runs in the instance; links are re-owned, never followed.
   */
  chownTree(): void {
    const owner = this.owner;
    if (!owner) return;
    const walk = (fd: number) => {
      fchownSync(fd, owner.uid, owner.gid);
      for (const name of readdirSync(at(fd, '.'))) {
        lchownSync(at(fd, name), owner.uid, owner.gid);
        let sub: number;
        try {
          sub = openSync(at(fd, name), DIR);
        } catch {
          continue; // not a directory (or a link to one): owned, not entered
        }
        try {
          walk(sub);
        } finally {
          closeSync(sub);
        }
      }
    };
    const root = openSync(this.path, DIR);
    try {
      walk(root);
    } finally {
      closeSync(root);
    }
  }

  private writeFile(rel: string, flags: number, data: string | Buffer, mode: number, setMode = true): void {
    const fd = this.openFile(rel, flags, mode);
    try {
      if (setMode) fchmodSync(fd, mode);
      this.give(fd);
      const buf = typeof data === 'string' ? Buffer.from(data) : data;
      for (let n = 0; n < buf.length; ) n += writeSync(fd, buf, n, buf.length - n);
    } finally {
      closeSync(fd);
    }
  }

  /** Opens the regular file at `rel`, walking its directories without following any link. */
  private openFile(rel: string, flags: number, mode: number): number {
    const names = components(rel);
    const file = names.pop()!;
    let dir = openSync(this.path, DIR);
    try {
      for (const name of names) {
        const next = this.open(dir, name, DIR, rel);
        closeSync(dir);
        dir = next;
      }
      const fd = this.open(dir, file, flags | O_NOFOLLOW | O_NONBLOCK, rel, mode);
      if (!fstatSync(fd).isFile()) {
        closeSync(fd);
        throw refused(rel);
      }
      return fd;
    } finally {
      closeSync(dir);
    }
  }

  private open(dir: number, name: string, flags: number, rel: string, mode?: number): number {
    try {
      return openSync(at(dir, name), flags, mode);
    } catch (e) {
      // ELOOP: a link where a directory or file was expected; ENOTDIR: a file where a directory was; ENXIO: a FIFO.
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ELOOP' || code === 'ENOTDIR' || code === 'ENXIO') throw refused(rel);
      throw e;
    }
  }

  private give(fd: number): void {
    if (this.owner) fchownSync(fd, this.owner.uid, this.owner.gid);
  }
}

/** `name` in the directory open as `fd`, resolved by the kernel from that directory (openat). */
function at(fd: number, name: string): string {
  return `/proc/self/fd/${fd}/${name}`;
}

function components(rel: string): string[] {
  const names = rel.split('/').filter((n) => n !== '');
  if (names.length === 0 || names.some((n) => n === '.' || n === '..')) throw new Error(`not a path beneath the instance root: ${rel}`);
  return names;
}

function refused(rel: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`/${rel.replace(/^\/+/, '')} in the instance's root file system is a link or not a regular file or directory; the sandbox does not follow it`), { code: 'EREFUSED' });
}
