/**
 * What Tab offers inside quotes and after dot-commands, from the account: regions, instance and
 * volume ids, Name tags, bucket, key pair, topic and alarm names, and the profiles of the shared
 * config files — as SAWS and aws-shell do. Fetched in the background (on the first Tab, again when
 * older than a minute or the region changed), so completion never waits for the network; a fetch
 * that fails leaves that kind out.
 */
import { profileNames } from '../helpers/core/resolve-connection.js';
import type { Session } from '../helpers/core/session.js';

type Fetch = (session: Session) => Promise<string[]>;

const nameTags = (tags?: { Key?: string; Value?: string }[]) => (tags ?? []).filter((t) => t.Key === 'Name' && t.Value).map((t) => t.Value!);

/** Each kind of name, and how to list it with one call. */
const KINDS: Record<string, Fetch> = {
  regions: async (s) => ((await s.service('ec2')).describeRegions({ AllRegions: true }).then((r) => (r.Regions ?? []).map((x) => x.RegionName!))),
  instances: async (s) =>
    (await (await s.service('ec2')).describeInstances({})).Reservations?.flatMap((r) => r.Instances ?? []).flatMap((i) => [i.InstanceId!, ...nameTags(i.Tags)]) ?? [],
  volumes: async (s) => (await (await s.service('ec2')).describeVolumes({})).Volumes?.flatMap((v) => [v.VolumeId!, ...nameTags(v.Tags)]) ?? [],
  keyPairs: async (s) => (await (await s.service('ec2')).describeKeyPairs({})).KeyPairs?.map((k) => k.KeyName!) ?? [],
  buckets: async (s) => (await (await s.service('s3')).listBuckets({})).Buckets?.map((b) => b.Name!) ?? [],
  topics: async (s) => (await (await s.service('sns')).listTopics({})).Topics?.flatMap((t) => [t.TopicArn!, t.TopicArn!.split(':').pop()!]) ?? [],
  alarms: async (s) => (await (await s.service('cw')).describeAlarms({})).MetricAlarms?.map((a) => a.AlarmName!) ?? [],
  profiles: async () => profileNames(),
};

const FRESH_MS = 60_000;

export class AccountNames {
  private names = new Map<string, string[]>();
  private fetched: { at: number; generation: number } | undefined;

  constructor(private readonly session: Session) {}

  /** Starts a background refresh if the names are missing or stale; never waits for it. */
  refresh(): void {
    const { generation } = this.session;
    if (this.fetched && this.fetched.generation === generation && Date.now() - this.fetched.at < FRESH_MS) return;
    this.fetched = { at: Date.now(), generation };
    for (const [kind, fetch] of Object.entries(KINDS)) {
      fetch(this.session).then(
        (names) => this.names.set(kind, [...new Set(names.filter(Boolean))].sort()),
        () => this.names.delete(kind),
      );
    }
  }

  /** The names of one kind fetched so far. */
  of(kind: keyof typeof KINDS): string[] {
    return this.names.get(kind) ?? [];
  }

  /** Every name fetched so far, for a quoted string. */
  all(): string[] {
    return [...new Set([...this.names.values()].flat())].sort();
  }
}
