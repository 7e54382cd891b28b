/**
 * Durable whole-file writes for the sandbox's state: a file is replaced by writing a temp file
 * beside it, fsyncing it, and renaming it over the old one, so a crash leaves the old or the new
 * file, never half of one; `syncDir` then makes the rename itself survive a power cut.
 * `replaceFileSync` is the same without the fsync, for files that need only be whole.
 * Temp files end in `.tmp`, so an owner can sweep those a crash left behind.
 */
import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';

/**
 * Replaces `path` with `text` (mode 0600) atomically; call `syncDir` on its directory after.
 * A writer that never overlaps itself may name its one temp file (a crash's leftover is then
 * overwritten by the next write instead of piling up).
 */
export async function replaceFile(path: string, text: string, tmp = `${path}.${randomUUID()}.tmp`): Promise<void> {
  const out = await open(tmp, 'w', 0o600);
  try {
    await out.writeFile(text);
    await out.sync();
  } finally {
    await out.close();
  }
  await rename(tmp, path);
}

/**
 * Replaces `path` with `text` (mode 0600) whole or not at all, synchronously and without fsync: for
 * files readers must never catch half written but a power cut may lose (an owner record, an e-mail).
 */
export function replaceFileSync(path: string, text: string, tmp: string): void {
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

/** Makes a rename or a new file in `dir` durable. */
export async function syncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  await fh.sync().finally(() => fh.close());
}
