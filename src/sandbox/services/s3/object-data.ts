/**
 * Object data on disk: each upload streams into a temp file in the bucket's directory (past the
 * page cache where it can: ./direct-file.ts), is fsynced and renamed into data/ under a random
 * name, so a file in data/ is always complete and never changes. Copies are hard links; reads stream the segments a byte range covers.
 * A body of at most INLINE_MAX bytes gets no file: it is kept inline in the journal record that
 * stores it, so it is durable with that record's one grouped fdatasync (../../core/journal.ts),
 * where a file of its own would cost an open, a write, two fsyncs and a rename per request.
 */
import { createReadStream } from 'node:fs';
import { link, mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { writeFileDurably } from './direct-file.js';
import type { Segment } from './types.js';

/** Small enough that keeping it in memory (as base64, for every version) costs little beside the record itself. */
export const INLINE_MAX = 1024;

export class ObjectData {
  readonly dataDir: string;
  readonly tmpDir: string;

  constructor(readonly dir: string) {
    this.dataDir = join(dir, 'data');
    this.tmpDir = join(dir, 'tmp');
  }

  async init(): Promise<void> {
    await rm(this.tmpDir, { recursive: true, force: true }); // leftovers of a crash mid-upload
    await mkdir(this.tmpDir, { recursive: true, mode: 0o700 });
    await mkdir(this.dataDir, { recursive: true, mode: 0o700 });
  }

  /** Takes in `body`, inline or as a new data file; nothing is left behind if the body fails. */
  async write(body: AsyncIterable<Buffer>): Promise<Segment> {
    const chunks = body[Symbol.asyncIterator]();
    const head: Buffer[] = [];
    let size = 0;
    while (size <= INLINE_MAX) {
      const next = await chunks.next();
      if (next.done) return { inline: Buffer.concat(head, size).toString('base64'), size };
      head.push(next.value);
      size += next.value.length;
    }
    return this.writeFile(concat(head, { [Symbol.asyncIterator]: () => chunks }));
  }

  /** Streams `body` to a new data file. */
  private async writeFile(body: AsyncIterable<Buffer>): Promise<Segment> {
    const name = randomUUID();
    const tmp = join(this.tmpDir, name);
    let size: number;
    try {
      size = await writeFileDurably(tmp, body);
      await rename(tmp, join(this.dataDir, name));
      // The rename itself must reach the disk before the PUT is acknowledged.
      const dir = await open(this.dataDir, 'r');
      await dir.sync().finally(() => dir.close());
    } catch (err) {
      await unlink(tmp).catch(() => {});
      throw err;
    }
    return { file: name, size };
  }

  /** Bytes `start`..`end` (inclusive) of an object stored as `segments`. */
  read(segments: Segment[], start: number, end: number): Readable {
    const dataDir = this.dataDir;
    async function* bytes() {
      let offset = 0;
      for (const s of segments) {
        const from = Math.max(start - offset, 0);
        const to = Math.min(end - offset, s.size - 1);
        if (from <= to) {
          yield* 'inline' in s ? [Buffer.from(s.inline, 'base64').subarray(from, to + 1)] : createReadStream(join(dataDir, s.file), { start: from, end: to, highWaterMark: 256 * 1024 });
        }
        offset += s.size;
        if (offset > end) break;
      }
    }
    return Readable.from(bytes(), { objectMode: false });
  }

  async remove(segments: Segment[]): Promise<void> {
    await Promise.all(segments.map((s) => 'file' in s && unlink(join(this.dataDir, s.file)).catch(() => {})));
  }
}

/** `head`'s chunks, then `tail`'s (ended early, `tail` is ended too: a failed write stops reading the request). */
async function* concat(head: Buffer[], tail: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  yield* head;
  yield* tail;
}

/** New names for the same bytes, in the same or another bucket: a server-side copy by hard link. */
export async function linkData(from: ObjectData, to: ObjectData, segments: Segment[]): Promise<Segment[]> {
  const out: Segment[] = [];
  for (const s of segments) {
    if ('inline' in s) {
      out.push(s);
      continue;
    }
    const file = randomUUID();
    await link(join(from.dataDir, s.file), join(to.dataDir, file));
    out.push({ file, size: s.size });
  }
  return out;
}
