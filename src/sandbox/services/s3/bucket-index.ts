/**
 * A bucket's objects, versions and multipart uploads, in memory, persisted as an append-only
 * journal (journal.jsonl in the bucket's directory). Every change is one record, applied in memory
 * and appended; the caller's answer waits until the record is on disk (fdatasync, batched across
 * concurrent requests), so an acknowledged PUT survives a crash. On open the journal is replayed,
 * compacted when it has grown stale, and data files nothing refers to are removed.
 */
import { open, readFile, readdir, rename, writeFile, type FileHandle } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { MultipartUpload, ObjectVersion, Segment, UploadPart } from './model.js';
import { ObjectData } from './object-data.js';

export type JournalRecord =
  | { op: 'put'; key: string; version: ObjectVersion }
  | { op: 'update'; key: string; version: ObjectVersion }
  | { op: 'del'; key: string; versionId: string }
  | { op: 'upload'; upload: MultipartUpload }
  | { op: 'part'; uploadId: string; part: UploadPart }
  | { op: 'end'; uploadId: string };

export class BucketIndex {
  /** Each key's versions, newest first. */
  readonly objects = new Map<string, ObjectVersion[]>();
  readonly uploads = new Map<string, MultipartUpload>();
  readonly data: ObjectData;
  private sorted?: string[];
  private records = 0;
  private journal?: FileHandle;
  private pending: Array<{ line: string; done: (err?: Error) => void }> = [];
  private writing = false;

  private constructor(readonly dir: string) {
    this.data = new ObjectData(dir);
  }

  static async open(dir: string): Promise<BucketIndex> {
    const index = new BucketIndex(dir);
    await index.data.init();
    const file = join(dir, 'journal.jsonl');
    if (existsSync(file)) {
      for (const line of (await readFile(file, 'utf8')).split('\n')) {
        if (!line) continue;
        try {
          index.apply(JSON.parse(line) as JournalRecord);
        } catch {
          break; // a torn last line from a crash mid-append: that change was never acknowledged
        }
      }
    }
    if (index.records > 2 * index.liveRecords().length + 100) await index.compact();
    await index.collectGarbage();
    index.journal = await open(file, 'a', 0o600);
    return index;
  }

  /** Applies a change and resolves once it is durable. Returns data no longer referenced. */
  async commit(record: JournalRecord): Promise<Segment[]> {
    const orphaned = this.apply(record);
    await new Promise<void>((resolve, reject) => {
      this.pending.push({ line: `${JSON.stringify(record)}\n`, done: (err) => (err ? reject(err) : resolve()) });
      void this.drain();
    });
    return orphaned;
  }

  async close(): Promise<void> {
    while (this.writing) await new Promise((r) => setTimeout(r, 5));
    await this.journal?.close();
    this.journal = undefined;
  }

  /** The newest version of a key (possibly a delete marker). */
  latest(key: string): ObjectVersion | undefined {
    return this.objects.get(key)?.[0];
  }

  /** The object a plain GET sees: the newest version unless it is a delete marker. */
  current(key: string): ObjectVersion | undefined {
    const v = this.latest(key);
    return v && !v.deleteMarker ? v : undefined;
  }

  version(key: string, versionId: string): ObjectVersion | undefined {
    return this.objects.get(key)?.find((v) => v.versionId === versionId);
  }

  /** Every key, sorted as S3 lists them (UTF-8 byte order, which for JS strings is code-unit order except surrogates). */
  sortedKeys(): string[] {
    this.sorted ??= [...this.objects.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return this.sorted;
  }

  get isEmpty(): boolean {
    return this.objects.size === 0;
  }

  private apply(r: JournalRecord): Segment[] {
    this.records++;
    switch (r.op) {
      case 'put': {
        let versions = this.objects.get(r.key);
        if (!versions) {
          this.objects.set(r.key, (versions = []));
          this.sorted = undefined;
        }
        const replaced = versions.findIndex((v) => v.versionId === r.version.versionId);
        const orphaned = replaced >= 0 ? versions.splice(replaced, 1)[0].segments : [];
        versions.unshift(r.version);
        return orphaned;
      }
      case 'update': {
        const versions = this.objects.get(r.key) ?? [];
        const i = versions.findIndex((v) => v.versionId === r.version.versionId);
        if (i >= 0) versions[i] = r.version;
        return [];
      }
      case 'del': {
        const versions = this.objects.get(r.key);
        const i = versions?.findIndex((v) => v.versionId === r.versionId) ?? -1;
        if (!versions || i < 0) return [];
        const [removed] = versions.splice(i, 1);
        if (versions.length === 0) {
          this.objects.delete(r.key);
          this.sorted = undefined;
        }
        return removed.segments;
      }
      case 'upload':
        this.uploads.set(r.upload.uploadId, r.upload);
        return [];
      case 'part': {
        const upload = this.uploads.get(r.uploadId);
        if (!upload) return [r.part.segment];
        const old = upload.parts[r.part.number];
        upload.parts[r.part.number] = r.part;
        return old ? [old.segment] : [];
      }
      case 'end':
        this.uploads.delete(r.uploadId);
        return [];
    }
  }

  private async drain(): Promise<void> {
    if (this.writing) return;
    this.writing = true;
    while (this.pending.length) {
      const batch = this.pending;
      this.pending = [];
      try {
        await this.journal!.write(batch.map((b) => b.line).join(''));
        await this.journal!.datasync();
        for (const b of batch) b.done();
      } catch (err) {
        for (const b of batch) b.done(err as Error);
      }
    }
    this.writing = false;
  }

  private liveRecords(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const [key, versions] of this.objects) for (const version of [...versions].reverse()) out.push({ op: 'put', key, version });
    for (const upload of this.uploads.values()) out.push({ op: 'upload', upload });
    return out;
  }

  private async compact(): Promise<void> {
    const file = join(this.dir, 'journal.jsonl');
    const live = this.liveRecords();
    const tmp = `${file}.tmp`;
    await writeFile(tmp, live.map((r) => `${JSON.stringify(r)}\n`).join(''), { mode: 0o600, flush: true });
    await rename(tmp, file);
    this.records = live.length;
  }

  /** Data files no record refers to: written before a crash cut the commit, or orphaned after it. */
  private async collectGarbage(): Promise<void> {
    const used = new Set<string>();
    for (const versions of this.objects.values()) for (const v of versions) for (const s of v.segments) used.add(s.file);
    for (const u of this.uploads.values()) for (const p of Object.values(u.parts)) used.add(p.segment.file);
    const unused = (await readdir(this.data.dataDir)).filter((f) => !used.has(f));
    await this.data.remove(unused.map((file) => ({ file, size: 0 })));
  }
}
