/**
 * What a session creates, recorded generically: a middleware on every client the session builds
 * shows each successful answer to the tracker, which reads ids out of it by the `createdBy` and
 * `deletedBy` rules of the folders' resource kinds (./folder.ts) — so `.created` and `.cleanup`
 * know about everything made at the prompt, by a helper, a recipe or a raw SDK call alike.
 */
import type { Gone, ResourceKind, ServiceFolder, TrackedResource } from './folder.js';

/** A resource kind with the service object that deletes it. */
export interface KnownKind {
  name: string;
  service: string;
  spec: ResourceKind;
}

interface Rule {
  kind: KnownKind;
  created?: ResourceKind['createdBy'][string];
  deleted?: NonNullable<ResourceKind['deletedBy']>[string];
}

/**
 * Kinds in the order `.cleanup` deletes them: each after the kinds it names in `deletedAfter`,
 * otherwise in the order the folders declare them.
 */
function deletionOrder(kinds: KnownKind[]): KnownKind[] {
  const byName = new Map(kinds.map((k) => [k.name, k]));
  for (const k of kinds) {
    for (const before of k.spec.deletedAfter ?? []) {
      if (!byName.has(before)) throw new TypeError(`resource kind ${k.name} is deleted after ${before}, which no folder describes`);
    }
  }
  const ordered: KnownKind[] = [];
  const visiting = new Set<string>();
  const visit = (k: KnownKind) => {
    if (ordered.includes(k)) return;
    if (visiting.has(k.name)) throw new TypeError(`resource kinds wait for each other: ${[...visiting].join(' → ')} → ${k.name}`);
    visiting.add(k.name);
    for (const before of k.spec.deletedAfter ?? []) visit(byName.get(before)!);
    visiting.delete(k.name);
    ordered.push(k);
  };
  kinds.forEach(visit);
  return ordered;
}

/** IAM, S3 bucket names and CloudWatch alarms are not regional the way EC2 ids are; the region still says which endpoint deletes them. */
export class Tracker {
  private readonly items = new Map<string, TrackedResource>();
  /** Deletion order. */
  readonly kinds: readonly KnownKind[];
  private readonly rules = new Map<string, Rule[]>();

  constructor(folders: readonly ServiceFolder[]) {
    const kinds = folders.flatMap((f) => Object.entries(f.resources ?? {}).map(([name, spec]) => ({ name, spec, service: f.service?.name ?? '' })));
    this.kinds = deletionOrder(kinds);
    const rule = (operation: string, r: Rule) => this.rules.set(operation, [...(this.rules.get(operation) ?? []), r]);
    for (const kind of kinds) {
      for (const [operation, created] of Object.entries(kind.spec.createdBy)) rule(operation, { kind, created });
      for (const [operation, deleted] of Object.entries(kind.spec.deletedBy ?? {})) rule(operation, { kind, deleted });
    }
  }

  private static key(kind: string, id: string, region: string): string {
    return `${kind}\0${region}\0${id}`;
  }

  kind(name: string): KnownKind | undefined {
    return this.kinds.find((k) => k.name === name);
  }

  /** Everything created and not yet deleted, in deletion order. */
  list(): TrackedResource[] {
    const rank = (r: TrackedResource) => this.kinds.findIndex((k) => k.name === r.kind);
    return [...this.items.values()].sort((a, b) => rank(a) - rank(b));
  }

  count(kind: string): number {
    return this.list().filter((r) => r.kind === kind).length;
  }

  add(resource: TrackedResource): void {
    if (!resource.id) return;
    const key = Tracker.key(resource.kind, resource.id, resource.region);
    const known = this.items.get(key);
    // Another version of a known object: remember every version to delete.
    if (known?.versions && resource.versions) resource = { ...known, versions: [...new Set([...known.versions, ...resource.versions])] };
    this.items.set(key, resource);
  }

  /** Records a file written for a tracked resource (`.cleanup` removes it with the resource). */
  addFile(kind: string, id: string, region: string, file: string): void {
    const known = this.items.get(Tracker.key(kind, id, region));
    if (known) known.files = [...(known.files ?? []), file];
  }

  /**
   * Forgets a deleted resource — or, given a version, only that version: a plain delete in a
   * versioned bucket leaves a delete marker, one more version to remove.
   */
  forget(kind: string, gone: Gone, region: string): void {
    const { id, version, marker } = typeof gone === 'string' ? { id: gone, version: undefined, marker: undefined } : gone;
    const key = Tracker.key(kind, id, region);
    const known = this.items.get(key);
    if (known?.versions && typeof gone !== 'string') {
      const versions = known.versions.filter((v) => v !== version);
      if (marker) versions.push(marker);
      if (versions.length) return void this.items.set(key, { ...known, versions });
    }
    if (this.items.delete(key)) return;
    // Deleted by its other name (a security group by name rather than id).
    for (const [k, r] of this.items) if (r.kind === kind && r.region === region && r.note === id) this.items.delete(k);
  }

  /** Records what one SDK operation created or deleted. */
  observe(operation: string, region: string, input: any, output: any): void {
    for (const { kind, created, deleted } of this.rules.get(operation) ?? []) {
      for (const found of created?.(input ?? {}, output ?? {}) ?? []) this.add({ ...found, kind: kind.name, region, service: kind.service });
      for (const gone of deleted?.(input ?? {}, output ?? {}) ?? []) if (typeof gone !== 'string' || gone) this.forget(kind.name, gone, region);
    }
  }

  /** How a tracked resource prints: `Instance:i-0abc…`, `Object:bucket/key`, `Address:eipalloc-… (203.0.113.7)`. */
  describe(r: TrackedResource): string {
    const note = r.note && r.note !== r.id ? ` (${r.note})` : '';
    const label = this.kind(r.kind)?.spec.label?.(r);
    return `${r.kind}:${r.id}${note}${label ? ` ${label}` : ''}`;
  }
}

/**
 * The middleware (for `middlewareStack.add`, step `initialize`): after each successful call it
 * lets the tracker see the operation's input and output; `before` runs first (the cost guard).
 * The region is the client's own: helpers build clients for other regions too.
 */
export function trackingMiddleware(tracker: Tracker, regionOf: () => string | Promise<string>, before?: (operation: string, input: any, region: string) => void) {
  return (next: (args: any) => Promise<any>, context: { commandName?: string }) =>
    (args: { input: any }): Promise<any> => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const call = (region: string) => {
        before?.(operation, args.input, region);
        return next(args).then((result) => {
          tracker.observe(operation, region, args.input, result.output);
          return result;
        });
      };
      return Promise.resolve(regionOf()).then(call);
    };
}
