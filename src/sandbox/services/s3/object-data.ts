/**
 * Object data on disk: each upload streams into a new file in data/ under a random name (past the
 * page cache where it can: ./direct-file.ts), fsynced before the record naming it is written, so a
 * file a record refers to is always complete and never changes; a file a crash cut short is named
 * by no record, and goes when the bucket is next opened (./bucket-index.ts). Uploads that end
 * together share one fsync of data/ (a group commit) for their new names. Copies are hard links;
 * reads stream the segments a byte range covers.
 * A body of at most INLINE_MAX bytes gets no file: it is kept inline in the journal record that
 * stores it, so it is durable with that record's one grouped fdatasync (../../core/journal.ts),
 * where a file of its own would cost an open, a write, two fsyncs and a close per request.
 */
import { createReadStream } from 'node:fs';
import { link, mkdir, rm, unlink } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { writeFileDurably } from './direct-file.js';
import { syncDir } from '../../core/durable-file.js';
import { GroupCommit } from '../../core/group-commit.js';
import type { Segment } from './types.js';

/** Small enough that keeping it in memory (as base64, for every version) costs little beside the record itself. */
export const INLINE_MAX = 1024;

export class ObjectData {
  readonly dataDir: string;
  /** Makes the names of new files in data/ durable. */
  private readonly names: GroupCommit;

  constructor(readonly dir: string) {
    this.dataDir = join(dir, 'data');
    this.names = new GroupCommit(() => syncDir(this.dataDir));
  }

  async init(): Promise<void> {
    await rm(join(this.dir, 'tmp'), { recursive: true, force: true }); // where older sandboxes wrote uploads first
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
    const file = randomUUID();
    const path = join(this.dataDir, file);
    try {
      const size = await writeFileDurably(path, body);
      await this.names.request();
      return { file, size };
    } catch (err) {
      await unlink(path).catch(() => {});
      throw err;
    }
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
