/**
 * What a session creates, recorded generically: a middleware on every client the session builds
 * reads the ids out of Create…, Run…, Allocate…, Put… answers (and forgets them again on the
 * matching Delete…, Terminate…, Release…), so `.created` and `.cleanup` know about everything made at the
 * prompt, by a helper, a recipe or a raw SDK call alike.
 */

/** The kinds of resources tracked, in the order `.cleanup` deletes them (dependents first). */
export const CLEANUP_ORDER = [
  'Alarm',
  'Subscription',
  'Topic',
  'Address',
  'Instance',
  'Volume',
  'Snapshot',
  'SecurityGroup',
  'KeyPair',
  'Object',
  'Bucket',
  'AccessKey',
  'User',
] as const;
export type Kind = (typeof CLEANUP_ORDER)[number];

export interface TrackedResource {
  kind: Kind;
  /** What deletes it: instance id, key name, bucket name, `bucket/key`, topic ARN… */
  id: string;
  region: string;
  /** The service object that deletes it (`ec2`, `s3`, `sns`, `cw`, `iam`). */
  service: string;
  /** The bucket of an object, the user of an access key. */
  parent?: string;
  /** S3 object versions written by the session (versioned buckets). */
  versions?: string[];
  /** How it prints beside its id, e.g. an Elastic IP's address. */
  note?: string;
  /** Local files the session wrote for it (a key pair's private key): useless once it is gone, so removed with it. */
  files?: string[];
}

type Found = Omit<TrackedResource, 'region' | 'service'>;

interface Rule {
  service: string;
  /** Resources an operation's successful answer created. */
  creates?(input: any, output: any): Found[];
  /** Resources an operation deleted: [kind, id]. */
  deletes?(input: any, output: any): [Kind, string][];
}

const list = <T>(value: T[] | undefined): T[] => value ?? [];

/** By SDK command name (without `Command`). */
const RULES: Record<string, Rule> = {
  RunInstances: { service: 'ec2', creates: (_, o) => list(o.Instances).map((i: any) => ({ kind: 'Instance', id: i.InstanceId })) },
  TerminateInstances: { service: 'ec2', deletes: (i) => list<string>(i.InstanceIds).map((id) => ['Instance', id]) },
  CreateVolume: { service: 'ec2', creates: (_, o) => [{ kind: 'Volume', id: o.VolumeId }] },
  DeleteVolume: { service: 'ec2', deletes: (i) => [['Volume', i.VolumeId]] },
  CreateSnapshot: { service: 'ec2', creates: (_, o) => [{ kind: 'Snapshot', id: o.SnapshotId }] },
  CopySnapshot: { service: 'ec2', creates: (_, o) => [{ kind: 'Snapshot', id: o.SnapshotId }] },
  DeleteSnapshot: { service: 'ec2', deletes: (i) => [['Snapshot', i.SnapshotId]] },
  CreateKeyPair: { service: 'ec2', creates: (_, o) => [{ kind: 'KeyPair', id: o.KeyName }] },
  ImportKeyPair: { service: 'ec2', creates: (_, o) => [{ kind: 'KeyPair', id: o.KeyName }] },
  DeleteKeyPair: { service: 'ec2', deletes: (i) => (i.KeyName ? [['KeyPair', i.KeyName]] : []) },
  CreateSecurityGroup: { service: 'ec2', creates: (i, o) => [{ kind: 'SecurityGroup', id: o.GroupId, note: i.GroupName }] },
  DeleteSecurityGroup: { service: 'ec2', deletes: (i) => [['SecurityGroup', i.GroupId ?? i.GroupName]] },
  AllocateAddress: { service: 'ec2', creates: (_, o) => [{ kind: 'Address', id: o.AllocationId ?? o.PublicIp, note: o.PublicIp }] },
  ReleaseAddress: { service: 'ec2', deletes: (i) => [['Address', i.AllocationId ?? i.PublicIp]] },
  CreateBucket: { service: 's3', creates: (i) => [{ kind: 'Bucket', id: i.Bucket }] },
  DeleteBucket: { service: 's3', deletes: (i) => [['Bucket', i.Bucket]] },
  PutObject: { service: 's3', creates: (i, o) => [objectVersion(i, o)] },
  CopyObject: { service: 's3', creates: (i, o) => [objectVersion(i, o)] },
  CompleteMultipartUpload: { service: 's3', creates: (i, o) => [objectVersion(i, o)] },
  CreateTopic: { service: 'sns', creates: (_, o) => [{ kind: 'Topic', id: o.TopicArn }] },
  DeleteTopic: { service: 'sns', deletes: (i) => [['Topic', i.TopicArn]] },
  // "pending confirmation" is no ARN: such a subscription goes with its topic.
  Subscribe: { service: 'sns', creates: (_, o) => (/^arn:/.test(o.SubscriptionArn ?? '') ? [{ kind: 'Subscription', id: o.SubscriptionArn }] : []) },
  Unsubscribe: { service: 'sns', deletes: (i) => [['Subscription', i.SubscriptionArn]] },
  PutMetricAlarm: { service: 'cw', creates: (i) => [{ kind: 'Alarm', id: i.AlarmName }] },
  DeleteAlarms: { service: 'cw', deletes: (i) => list<string>(i.AlarmNames).map((name) => ['Alarm', name]) },
  CreateUser: { service: 'iam', creates: (i) => [{ kind: 'User', id: i.UserName }] },
  DeleteUser: { service: 'iam', deletes: (i) => [['User', i.UserName]] },
  CreateAccessKey: { service: 'iam', creates: (_, o) => [{ kind: 'AccessKey', id: o.AccessKey?.AccessKeyId, parent: o.AccessKey?.UserName }] },
  DeleteAccessKey: { service: 'iam', deletes: (i) => [['AccessKey', i.AccessKeyId]] },
};

function objectVersion(input: any, output: any): Found {
  return { kind: 'Object', id: `${input.Bucket}/${input.Key}`, parent: input.Bucket, versions: output.VersionId ? [output.VersionId] : [] };
}

/** IAM, S3 bucket names and CloudWatch alarms are not regional the way EC2 ids are; the region still says which endpoint deletes them. */
export class Tracker {
  private readonly items = new Map<string, TrackedResource>();

  private static key(kind: Kind, id: string, region: string): string {
    return `${kind}\0${region}\0${id}`;
  }

  /** Everything created and not yet deleted, in cleanup order. */
  list(): TrackedResource[] {
    const rank = (r: TrackedResource) => CLEANUP_ORDER.indexOf(r.kind);
    return [...this.items.values()].sort((a, b) => rank(a) - rank(b));
  }

  count(kind: Kind): number {
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
  addFile(kind: Kind, id: string, region: string, file: string): void {
    const known = this.items.get(Tracker.key(kind, id, region));
    if (known) known.files = [...(known.files ?? []), file];
  }

  forget(kind: Kind, id: string, region: string): void {
    if (this.items.delete(Tracker.key(kind, id, region))) return;
    // Security groups are deleted by id or by name; match either.
    for (const [key, r] of this.items) if (r.kind === kind && r.region === region && r.note === id) this.items.delete(key);
  }

  /** Records what one SDK operation created or deleted. */
  observe(operation: string, region: string, input: any, output: any): void {
    if (operation === 'DeleteObject') this.objectDeleted(region, input, output);
    if (operation === 'DeleteObjects') {
      for (const d of list<any>(output?.Deleted)) this.objectDeleted(region, { Bucket: input.Bucket, ...d }, d);
    }
    const rule = RULES[operation];
    if (!rule) return;
    for (const found of rule.creates?.(input ?? {}, output ?? {}) ?? []) this.add({ ...found, region, service: rule.service });
    for (const [kind, id] of rule.deletes?.(input ?? {}, output ?? {}) ?? []) if (id) this.forget(kind, id, region);
  }

  /** In a versioned bucket a plain delete leaves a delete marker: one more version to remove. */
  private objectDeleted(region: string, input: any, output: any): void {
    const key = Tracker.key('Object', `${input.Bucket}/${input.Key}`, region);
    const known = this.items.get(key);
    if (!known) return;
    const versions = (known.versions ?? []).filter((v) => v !== input.VersionId);
    if (output?.DeleteMarker && output.DeleteMarkerVersionId) versions.push(output.DeleteMarkerVersionId);
    else if (output?.DeleteMarker && output.VersionId && !input.VersionId) versions.push(output.VersionId);
    if (versions.length === 0) this.items.delete(key);
    else this.items.set(key, { ...known, versions });
  }
}

/** How a tracked resource prints: `Instance:i-0abc…`, `Object:bucket/key`, `Address:eipalloc-… (203.0.113.7)`. */
export function describeTracked(r: TrackedResource): string {
  const note = r.note && r.note !== r.id ? ` (${r.note})` : '';
  const owner = r.kind === 'AccessKey' && r.parent ? ` (user ${r.parent})` : '';
  return `${r.kind}:${r.id}${note}${owner}`;
}

/**
 * The middleware (for `middlewareStack.add`, step `initialize`): after each successful call it
 * lets the tracker see the operation's input and output; `before` runs first (the cost guard).
 * The region is the client's own, read per call: helpers build clients for other regions too.
 */
export function trackingMiddleware(tracker: Tracker, regionOf: () => Promise<string>, before?: (operation: string, input: any, region: string) => void) {
  return (next: (args: any) => Promise<any>, context: { commandName?: string }) =>
    async (args: { input: any }): Promise<any> => {
      const operation = (context.commandName ?? '').replace(/Command$/, '');
      const region = await regionOf();
      before?.(operation, args.input, region);
      const result = await next(args);
      tracker.observe(operation, region, args.input, result.output);
      return result;
    };
}
