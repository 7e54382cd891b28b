/**
 * Which host uid an instance's root is (issue 11). Run by a normal user, paws maps the instance's
 * root to that user, as an unprivileged bubblewrap always does. Run as root, paws must not hand
 * uid 0 to user code: each instance gets a uid of its own from a high range (that of systemd's
 * containers, above every /etc/subuid allocation), kept in the instance's directory across
 * restarts; its root file system belongs to that uid, and everything it runs drops to it before
 * any namespace is made.
 */
import { randomInt } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Owner {
  uid: number;
  gid: number;
}

const FIRST = 0x2000_0000;
const COUNT = 0x1000_0000;

/** The instance's own uid when paws runs as root; undefined otherwise (nothing to drop). */
export function instanceOwner(dir: string): Owner | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const file = join(dir, 'uid');
  let uid = Number.parseInt(readIfThere(file) ?? '', 10);
  if (!(uid >= FIRST && uid < FIRST + COUNT)) {
    uid = FIRST + randomInt(COUNT);
    writeFileSync(file, `${uid}\n`, { mode: 0o600 });
  }
  return { uid, gid: uid };
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
