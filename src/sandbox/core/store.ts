/**
 * Sandbox state: one JSON document per service, holding each account's and region's state.
 * Providers mutate the objects `get()` hands out; the server marks the service dirty after
 * each mutating operation and the document is rewritten atomically (temp file + rename) soon
 * after, so a restart finds it. Large data (S3 objects, instance file systems) lives in files
 * under `dir` and is referenced from the JSON. Timestamps are kept as ISO strings.
 */
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';

type Doc = Record<string, Record<string, unknown>>; // account → region → service state

export class Store {
  private docs = new Map<string, Doc>();
  private dirty = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(readonly dir: string) {
    mkdirSync(join(dir, 'state'), { recursive: true, mode: 0o700 });
  }

  /** The state of `service` for one account and region; `init` builds it on first use. */
  get<T>(service: string, accountId: string, region: string, init: () => T): T {
    const doc = this.doc(service);
    const byRegion = (doc[accountId] ??= {});
    if (!(region in byRegion)) {
      byRegion[region] = init();
      this.markDirty(service);
    }
    return byRegion[region] as T;
  }

  /** Every account/region state of a service, e.g. for cross-account name checks (S3 bucket names). */
  all<T>(service: string): Array<{ accountId: string; region: string; state: T }> {
    const doc = this.doc(service);
    return Object.entries(doc).flatMap(([accountId, byRegion]) =>
      Object.entries(byRegion).map(([region, state]) => ({ accountId, region, state: state as T })),
    );
  }

  /** A directory for a service's files (object data, instance roots), created on demand. */
  filesDir(...parts: string[]): string {
    const d = join(this.dir, ...parts);
    mkdirSync(d, { recursive: true, mode: 0o700 });
    return d;
  }

  markDirty(service: string): void {
    this.dirty.add(service);
    this.timer ??= setTimeout(() => this.flush(), 50);
  }

  /** Writes every dirty document now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    for (const service of this.dirty) {
      const doc = this.docs.get(service);
      // Marked dirty by the server without ever being read (a REST request that kept its data elsewhere).
      if (!doc) continue;
      const file = this.file(service);
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(doc), { mode: 0o600 });
      renameSync(tmp, file);
    }
    this.dirty.clear();
  }

  private doc(service: string): Doc {
    let doc = this.docs.get(service);
    if (!doc) {
      const file = this.file(service);
      doc = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Doc) : {};
      this.docs.set(service, doc);
    }
    return doc;
  }

  private file(service: string): string {
    return join(this.dir, 'state', `${service}.json`);
  }
}
