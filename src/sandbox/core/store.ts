/**
 * Sandbox state: one JSON document per service, holding each account's and region's state.
 * Providers mutate the objects `get()` hands out and mark the service dirty (the server does it
 * after each mutating operation); `commit()` resolves once every change marked before it is on
 * disk. Commits are grouped: one write of each dirty document (temp file, fsync, rename, fsync of
 * the directory) serves every request that marked it before the write began, and requests that
 * arrive while it is on its way share the next one — so an answered request survives `kill -9`
 * and a burst of requests costs a few writes, not one each. Large data (S3 objects, CloudWatch
 * datapoints, instance file systems) lives in files under `dir`. Timestamps are ISO strings.
 *
 * Every object in a document has a null prototype — as loaded, as `init` builds it, and whatever
 * a handler adds (made so at each write) — so names such as `__proto__`, `constructor` or
 * `toString` are plain keys: as users, topics, tag keys or regions (issue 11).
 */
import { mkdirSync, readFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { replaceFile, syncDir } from './durable-file.js';
import { GroupCommit } from './group-commit.js';

type Doc = Record<string, Record<string, unknown>>; // account → region → service state

export class Store {
  private docs = new Map<string, Doc>();
  private dirty = new Set<string>();
  /** What each document's file holds now, so an unchanged document is not written again. */
  private written = new Map<string, string>();
  private readonly writes = new GroupCommit(() => this.writeDirty());
  private closed = false;

  constructor(readonly dir: string) {
    const state = join(dir, 'state');
    mkdirSync(state, { recursive: true, mode: 0o700 });
    // Half-written files of a crash; what they were to replace is still whole.
    for (const f of readdirSync(state)) if (f.endsWith('.tmp')) rmSync(join(state, f), { force: true });
  }

  /** The state of `service` for one account and region; `init` builds it on first use. */
  get<T>(service: string, accountId: string, region: string, init: () => T): T {
    const doc = this.doc(service);
    const byRegion = (doc[accountId] ??= Object.create(null) as Record<string, unknown>);
    if (!Object.hasOwn(byRegion, region)) {
      byRegion[region] = withoutPrototypes(init());
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

  /** Notes a change to `service`'s state and starts committing it (timers need not commit themselves). */
  markDirty(service: string): void {
    if (this.closed) return; // a timer of a sandbox that has closed: the next one owns the files
    this.dirty.add(service);
    this.commit().catch((err: Error) => console.error(`paws sandbox: could not save the ${service} state: ${err.message}`));
  }

  /** Resolves once every change marked dirty so far is durable. */
  commit(): Promise<void> {
    return this.dirty.size ? this.writes.request() : this.writes.settled();
  }

  /** Commits what is dirty; later changes are no longer written. */
  async close(): Promise<void> {
    await this.commit();
    this.closed = true;
  }

  private async writeDirty(): Promise<void> {
    const services = [...this.dirty].filter((s) => this.docs.has(s)); // marked without ever being read: nothing to write
    this.dirty.clear();
    const changed: Array<{ service: string; text: string }> = [];
    for (const service of services) {
      const text = JSON.stringify(this.docs.get(service), dropPrototypes);
      if (text !== this.written.get(service)) changed.push({ service, text });
    }
    if (!changed.length) return;
    try {
      await Promise.all(changed.map(({ service, text }) => this.writeFile(service, text)));
      await syncDir(join(this.dir, 'state'));
    } catch (err) {
      for (const { service } of changed) this.dirty.add(service);
      throw err;
    }
  }

  private async writeFile(service: string, text: string): Promise<void> {
    await replaceFile(this.file(service), text);
    this.written.set(service, text);
  }

  private doc(service: string): Doc {
    let doc = this.docs.get(service);
    if (!doc) {
      const file = this.file(service);
      const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      doc = text ? (JSON.parse(text, dropPrototypes) as Doc) : (Object.create(null) as Doc);
      if (text) this.written.set(service, text);
      this.docs.set(service, doc);
    }
    return doc;
  }

  private file(service: string): string {
    return join(this.dir, 'state', `${service}.json`);
  }
}

/** A JSON reviver and replacer alike: gives each plain object it meets a null prototype, in place. */
function dropPrototypes(this: unknown, _key: string, value: unknown): unknown {
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) Object.setPrototypeOf(value, null);
  return value;
}

function withoutPrototypes<T>(value: T): T {
  JSON.stringify(value, dropPrototypes);
  return value;
}
