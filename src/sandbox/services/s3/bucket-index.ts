/**
 * A bucket's objects, versions and multipart uploads, in memory, persisted as an append-only
 * journal (journal.jsonl in the bucket's directory, ../../core/journal.ts). Every change is one
 * record, applied in memory and appended; the caller's answer waits until the record is on disk
 * (fdatasync, batched across concurrent requests), so an acknowledged PUT survives a crash. On open
 * the journal is replayed (a torn tail cut off), compacted when it has grown stale, and data files
 * nothing refers to are removed.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Journal } from '../../core/journal.js';
import type { MultipartUpload, ObjectVersion, Segment, UploadPart } from './types.js';
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
  private journal!: Journal<JournalRecord>;

  private constructor(readonly dir: string) {
    this.data = new ObjectData(dir);
  }

  static async open(dir: string): Promise<BucketIndex> {
    const index = new BucketIndex(dir);
    await index.data.init();
    index.journal = await Journal.open<JournalRecord>(join(dir, 'journal.jsonl'), (r) => index.apply(r));
    const live = index.liveRecords();
    if (index.journal.records > 2 * live.length + 100) await index.journal.rewrite(live);
    await index.collectGarbage();
    return index;
  }

  /** Applies a change and resolves once it is durable. Returns data no longer referenced. */
  async commit(record: JournalRecord): Promise<Segment[]> {
    const orphaned = this.apply(record);
    await this.journal.append(record);
    return orphaned;
  }

  close(): Promise<void> {
    return this.journal.close();
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

  private liveRecords(): JournalRecord[] {
    const out: JournalRecord[] = [];
    for (const [key, versions] of this.objects) for (const version of [...versions].reverse()) out.push({ op: 'put', key, version });
    for (const upload of this.uploads.values()) out.push({ op: 'upload', upload });
    return out;
  }

  /** Data files no record refers to: written before a crash cut the commit, or orphaned after it. */
  private async collectGarbage(): Promise<void> {
    const used = new Set<string>();
    const use = (s: Segment) => 'file' in s && used.add(s.file);
    for (const versions of this.objects.values()) for (const v of versions) v.segments.forEach(use);
    for (const u of this.uploads.values()) for (const p of Object.values(u.parts)) use(p.segment);
    const unused = (await readdir(this.data.dataDir)).filter((f) => !used.has(f));
    await this.data.remove(unused.map((file) => ({ file, size: 0 })));
  }
}
