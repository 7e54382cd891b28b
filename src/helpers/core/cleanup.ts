/**
 * `.cleanup`: deletes what the session created, dependents first (alarms and subscriptions before
 * topics, addresses and instances before volumes and security groups, objects before buckets,
 * access keys before users), waiting where AWS needs it (an instance must be terminated before
 * its security group goes). Each resource reports on its own line; failures are collected, not
 * fatal, and what could not be deleted stays tracked.
 */
import { rmSync } from 'node:fs';
import { homeRelative } from './home-paths.js';
import { errorCode, errorLine } from './errors.js';
import type { Session } from './session.js';
import { describeTracked, type TrackedResource } from './tracking.js';

export interface CleanupOptions {
  /** Each line of progress. */
  say(text: string): void;
  /** Longest wait for one resource's state (instance termination, volume detachment). @default 600 */
  maxWaitSeconds?: number;
}

export interface CleanupReport {
  deleted: TrackedResource[];
  failed: { resource: TrackedResource; error: string }[];
}

/** Errors meaning "already gone": the goal is reached. */
const GONE = /NotFound|NoSuch/;

type Deleter = (session: Session, r: TrackedResource, wait: Waiter) => Promise<string | void>;
type Waiter = (what: string, done: () => Promise<boolean>) => Promise<void>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const DELETERS: Record<TrackedResource['kind'], Deleter> = {
  async Alarm(session, r) {
    await (await session.serviceIn('cw', r.region)).deleteAlarms({ AlarmNames: [r.id] });
  },
  async Subscription(session, r) {
    await (await session.serviceIn('sns', r.region)).unsubscribe({ SubscriptionArn: r.id });
  },
  async Topic(session, r) {
    await (await session.serviceIn('sns', r.region)).deleteTopic({ TopicArn: r.id });
  },
  async Address(session, r) {
    const ec2 = await session.serviceIn('ec2', r.region);
    const byId = r.id.startsWith('eipalloc-') ? { AllocationIds: [r.id] } : { PublicIps: [r.id] };
    const { Addresses = [] } = await ec2.describeAddresses(byId);
    if (Addresses[0]?.AssociationId) await ec2.disassociateAddress({ AssociationId: Addresses[0].AssociationId });
    await ec2.releaseAddress(r.id.startsWith('eipalloc-') ? { AllocationId: r.id } : { PublicIp: r.id });
  },
  async Instance(session, r, wait) {
    const ec2 = await session.serviceIn('ec2', r.region);
    await ec2.terminateInstances({ InstanceIds: [r.id] });
    await wait('terminated', async () => {
      const { Reservations = [] } = await ec2.describeInstances({ InstanceIds: [r.id] });
      return Reservations[0]?.Instances?.[0]?.State?.Name === 'terminated';
    });
    return 'terminated';
  },
  async Volume(session, r, wait) {
    const ec2 = await session.serviceIn('ec2', r.region);
    const state = async () => (await ec2.describeVolumes({ VolumeIds: [r.id] })).Volumes?.[0]?.State;
    // A volume still being created (or restored from a snapshot) cannot be deleted yet.
    await wait('created', async () => (await state()) !== 'creating');
    if ((await state()) === 'in-use') {
      await ec2.detachVolume({ VolumeId: r.id });
      await wait('detached', async () => (await state()) === 'available');
    }
    await ec2.deleteVolume({ VolumeId: r.id });
  },
  async Snapshot(session, r) {
    await (await session.serviceIn('ec2', r.region)).deleteSnapshot({ SnapshotId: r.id });
  },
  async SecurityGroup(session, r, wait) {
    const ec2 = await session.serviceIn('ec2', r.region);
    // Instances that used the group may still be shutting down for a moment.
    await wait('free of instances', async () => {
      try {
        await ec2.deleteSecurityGroup({ GroupId: r.id });
        return true;
      } catch (error) {
        if (errorCode(error) === 'DependencyViolation') return false;
        throw error;
      }
    });
  },
  async KeyPair(session, r) {
    await (await session.serviceIn('ec2', r.region)).deleteKeyPair({ KeyName: r.id });
  },
  async Object(session, r) {
    const s3 = await session.serviceIn('s3', r.region);
    const Key = r.id.slice(r.parent!.length + 1);
    // Only what the session wrote: versions it made, or the plain key in an unversioned bucket.
    if (r.versions?.length) for (const VersionId of r.versions) await s3.deleteObject({ Bucket: r.parent, Key, VersionId });
    else await s3.deleteObject({ Bucket: r.parent, Key });
  },
  async Bucket(session, r) {
    // Objects the session did not write are never deleted: such a bucket is reported, not emptied.
    await (await session.serviceIn('s3', r.region)).deleteBucket({ Bucket: r.id });
  },
  async AccessKey(session, r) {
    await (await session.serviceIn('iam', r.region)).deleteAccessKey({ UserName: r.parent, AccessKeyId: r.id });
  },
  async User(session, r) {
    const iam = await session.serviceIn('iam', r.region);
    const UserName = r.id;
    // A user goes only once nothing hangs off it; all of it was made with the user this session.
    // Each step is best effort: DeleteUser itself says (DeleteConflict) if something still hangs on.
    const steps = [
      async () => { for (const k of (await iam.listAccessKeys({ UserName })).AccessKeyMetadata ?? []) await iam.deleteAccessKey({ UserName, AccessKeyId: k.AccessKeyId }); },
      async () => { for (const PolicyName of (await iam.listUserPolicies({ UserName })).PolicyNames ?? []) await iam.deleteUserPolicy({ UserName, PolicyName }); },
      async () => { for (const p of (await iam.listAttachedUserPolicies({ UserName })).AttachedPolicies ?? []) await iam.detachUserPolicy({ UserName, PolicyArn: p.PolicyArn }); },
      async () => { for (const g of (await iam.listGroupsForUser({ UserName })).Groups ?? []) await iam.removeUserFromGroup({ UserName, GroupName: g.GroupName }); },
      () => iam.deleteLoginProfile({ UserName }),
    ];
    for (const step of steps) await step().catch(() => {});
    await iam.deleteUser({ UserName });
  },
};

/** Removes the files written for a resource that is gone; says which, as `~/…`. */
function removeFiles(r: TrackedResource): string {
  for (const file of r.files ?? []) rmSync(file, { force: true });
  return r.files?.length ? ` and ${r.files.map(homeRelative).join(', ')}` : '';
}

/** Polls `done` with growing pauses (¼ s up to 5 s), up to `maxSeconds`. */
function waiter(maxSeconds: number): Waiter {
  return async (what, done) => {
    const deadline = Date.now() + maxSeconds * 1000;
    for (let pause = 250; !(await done()); pause = Math.min(pause * 2, 5000)) {
      if (Date.now() > deadline) throw Object.assign(new Error(`not ${what} after ${maxSeconds}s`), { name: 'WaitTimeout' });
      await sleep(pause);
    }
  };
}

/** Deletes everything `session.tracker` lists, in dependency order; returns what happened. */
export async function cleanup(session: Session, options: CleanupOptions): Promise<CleanupReport> {
  const report: CleanupReport = { deleted: [], failed: [] };
  const resources = session.tracker.list();
  const wait = waiter(options.maxWaitSeconds ?? 600);
  for (const [index, r] of resources.entries()) {
    const name = describeTracked(r);
    const step = `[${index + 1}/${resources.length}]`;
    try {
      const verb = (await DELETERS[r.kind](session, r, wait)) ?? 'deleted';
      options.say(`${step} ${verb} ${name}${removeFiles(r)}`);
      report.deleted.push(r);
    } catch (error) {
      if (GONE.test(errorCode(error))) {
        options.say(`${step} already gone: ${name}${removeFiles(r)}`);
        report.deleted.push(r);
      } else {
        const line = errorLine(error);
        options.say(`${step} could not delete ${name} — ${line}`);
        report.failed.push({ resource: r, error: line });
        continue;
      }
    }
    session.tracker.forget(r.kind, r.id, r.region);
  }
  return report;
}
