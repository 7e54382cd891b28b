/**
 * What Tab offers inside quotes and after dot-commands, from the account: the names each service
 * folder's description lists (`names`: regions, instance and volume ids and Name tags, buckets,
 * key pairs, topics, alarms, profiles…), as SAWS and aws-shell do. Fetched in the background (on
 * the first Tab, again when older than a minute or the region changed), so completion never waits
 * for the network; a fetch that fails leaves that kind out.
 */
import type { NameKind } from '../helpers/core/folder.js';
import type { Session } from '../helpers/core/session.js';

const FRESH_MS = 60_000;

export class AccountNames {
  private names = new Map<string, string[]>();
  private fetched: { at: number; generation: number } | undefined;
  /** The kind each SDK input member takes (`InstanceIds` → instances), from every folder. */
  private readonly byMember = new Map<string, { kind: string; accepts?: RegExp }>();

  constructor(private readonly session: Session) {
    for (const { names = {} } of session.folders) {
      for (const [kind, { members = [], accepts }] of Object.entries<NameKind>(names)) {
        for (const member of members) this.byMember.set(member, { kind, accepts });
      }
    }
  }

  /** Starts a background refresh if the names are missing or stale; never waits for it. */
  refresh(): void {
    const { generation } = this.session;
    if (this.fetched && this.fetched.generation === generation && Date.now() - this.fetched.at < FRESH_MS) return;
    this.fetched = { at: Date.now(), generation };
    for (const { service, names = {} } of this.session.folders) {
      for (const [kind, { list }] of Object.entries<NameKind>(names)) {
        (service ? this.session.service(service.name) : Promise.resolve(undefined))
          .then((object) => list(object))
          .then(
            (found) => this.names.set(kind, [...new Set(found.filter(Boolean))].sort()),
            () => this.names.delete(kind),
          );
      }
    }
  }

  /** The names of one kind (as a folder's `names` calls it) fetched so far. */
  of(kind: string): string[] {
    return this.names.get(kind) ?? [];
  }

  /** What an SDK input member (`InstanceIds`) takes, fetched so far; undefined for a member no kind names. */
  forMember(member: string): string[] | undefined {
    const taken = this.byMember.get(member);
    return taken && this.of(taken.kind).filter((name) => !taken.accepts || taken.accepts.test(name));
  }

  /** Every name fetched so far, for a quoted string. */
  all(): string[] {
    return [...new Set([...this.names.values()].flat())].sort();
  }
}
