/**
 * Lifecycle configuration, checked as S3 checks it, and applied by the sandbox itself every
 * (scaled) hour: expiration of current objects (Days or Date), transitions changing their storage
 * class, expiration and transition of noncurrent versions, removal of expired delete markers and
 * aborting of incomplete multipart uploads. Days last 24 hours times --time-scale.
 */
import type { LifecycleRule, LifecycleRuleFilter, Transition } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import { deleteOne } from './objects.js';
import { notify } from './notifications.js';
import { DAY_MS } from './restore.js';
import type { BucketIndex } from './bucket-index.js';
import type { BucketConfig, Input, ObjectVersion, Output } from './types.js';

const MAX_RULES = 1000;
const TRANSITION_CLASSES = new Set(['GLACIER', 'STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'DEEP_ARCHIVE', 'GLACIER_IR']);
/** Classes that keep an object at least 30 days before a transition may move it there. */
const THIRTY_DAYS_FIRST = new Set(['STANDARD_IA', 'ONEZONE_IA']);
/** Since September 2024 S3 transitions no object smaller than 128 KiB by default. */
const MIN_TRANSITION_SIZE = 128 * 1024;
const MIN_SIZE_POLICY = 'all_storage_classes_128K';

const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
const invalidArgument = (message: string) => new AwsError('InvalidArgument', message, 400);

function checkRule(rule: LifecycleRule): void {
  if (rule.Status !== 'Enabled' && rule.Status !== 'Disabled') throw malformedXml();
  if ((rule.ID?.length ?? 0) > 255) throw invalidArgument('ID length should not exceed allowed limit of 255');
  const f = rule.Filter;
  if (f && [f.Prefix, f.Tag, f.ObjectSizeGreaterThan, f.ObjectSizeLessThan, f.And].filter((x) => x !== undefined).length > 1) throw malformedXml();
  const e = rule.Expiration;
  const actions = [e, rule.Transitions?.length, rule.NoncurrentVersionExpiration, rule.NoncurrentVersionTransitions?.length, rule.AbortIncompleteMultipartUpload].filter(Boolean);
  if (actions.length === 0) throw new AwsError('InvalidRequest', 'At least one action needs to be specified in a rule', 400);
  if (e) {
    if ([e.Days, e.Date, e.ExpiredObjectDeleteMarker].filter((x) => x !== undefined).length !== 1) {
      if (e.ExpiredObjectDeleteMarker !== undefined) throw invalidArgument('ExpiredObjectDeleteMarker cannot be specified with Days or Date in a Lifecycle Expiration Policy');
      throw malformedXml();
    }
    if (e.Days !== undefined && !(Number(e.Days) > 0)) throw invalidArgument("'Days' for Expiration action must be a positive integer");
    if (e.Date !== undefined && new Date(e.Date).getTime() % DAY_MS !== 0) throw invalidArgument("'Date' must be at midnight GMT");
  }
  for (const t of rule.Transitions ?? []) checkTransition(t.StorageClass, t.Days, 'Days', 'Transition');
  for (const t of rule.NoncurrentVersionTransitions ?? []) checkTransition(t.StorageClass, t.NoncurrentDays, 'NoncurrentDays', 'NoncurrentVersionTransition');
  const n = rule.NoncurrentVersionExpiration;
  if (n && !(Number(n.NoncurrentDays) > 0)) throw invalidArgument("'NoncurrentDays' for NoncurrentVersionExpiration action must be a positive integer");
  if (rule.AbortIncompleteMultipartUpload && !(Number(rule.AbortIncompleteMultipartUpload.DaysAfterInitiation) > 0)) {
    throw invalidArgument("'DaysAfterInitiation' for AbortIncompleteMultipartUpload action must be a positive integer");
  }
}

function checkTransition(storageClass: string | undefined, days: number | undefined, member: string, action: string): void {
  if (!storageClass || !TRANSITION_CLASSES.has(storageClass)) throw malformedXml();
  if (days !== undefined && THIRTY_DAYS_FIRST.has(storageClass) && days < 30) {
    throw invalidArgument(`'${member}' in ${action} action must be greater than or equal to 30 for storageClass '${storageClass}'`);
  }
}

export function putBucketLifecycleConfiguration(input: Input<'PutBucketLifecycleConfiguration'>, ctx: RequestContext): Output<'PutBucketLifecycleConfiguration'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const rules: LifecycleRule[] = input.LifecycleConfiguration?.Rules ?? [];
  if (rules.length === 0 || rules.length > MAX_RULES) throw malformedXml();
  rules.forEach(checkRule);
  const ids = rules.map((r) => r.ID).filter((id) => id !== undefined);
  if (new Set(ids).size !== ids.length) throw invalidArgument('Rule ID must be unique. Found same ID for more than one rule');
  bucket.lifecycle = rules;
  s3.saveBuckets();
  return { TransitionDefaultMinimumObjectSize: MIN_SIZE_POLICY };
}

export function getBucketLifecycleConfiguration(input: Input<'GetBucketLifecycleConfiguration'>, ctx: RequestContext): Output<'GetBucketLifecycleConfiguration'> {
  const bucket = backend(ctx).bucket(input.Bucket);
  if (!bucket.lifecycle) throw withExtra(new AwsError('NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist', 404), { BucketName: bucket.name });
  return { Rules: bucket.lifecycle, TransitionDefaultMinimumObjectSize: MIN_SIZE_POLICY };
}

export function deleteBucketLifecycle(input: Input<'DeleteBucketLifecycle'>, ctx: RequestContext): Output<'DeleteBucketLifecycle'> {
  const s3 = backend(ctx);
  s3.bucket(input.Bucket).lifecycle = undefined;
  s3.saveBuckets();
  return {};
}

/** Whether a rule's filter (or legacy Prefix) selects an object. */
function selects(rule: LifecycleRule, key: string, v?: ObjectVersion): boolean {
  const and = rule.Filter?.And;
  const f: LifecycleRuleFilter = rule.Filter ?? {};
  const prefix = rule.Prefix ?? and?.Prefix ?? f.Prefix ?? '';
  const tags = and?.Tags ?? (f.Tag ? [f.Tag] : []);
  const [greater, less] = and ? [and.ObjectSizeGreaterThan, and.ObjectSizeLessThan] : [f.ObjectSizeGreaterThan, f.ObjectSizeLessThan];
  if (!key.startsWith(prefix)) return false;
  if (!v) return tags.length === 0;
  return (
    tags.every((t) => v.tags?.some((o) => o.Key === t.Key && o.Value === t.Value)) &&
    (greater === undefined || v.size > greater) &&
    (less === undefined || v.size < less)
  );
}

class Evaluation {
  private readonly now = Date.now();
  private readonly day: number;

  constructor(
    private readonly runtime: SandboxRuntime,
    private readonly bucket: BucketConfig,
    private readonly index: BucketIndex,
  ) {
    this.day = DAY_MS * runtime.options.timeScale;
  }

  private reached(since: string, days: number | undefined, date?: Date | string): boolean {
    if (date !== undefined) return this.now >= new Date(date).getTime();
    return days !== undefined && this.now - Date.parse(since) >= days * this.day;
  }

  async run(rules: LifecycleRule[]): Promise<void> {
    for (const key of [...this.index.objects.keys()]) {
      for (const rule of rules) if (selects(rule, key, this.index.current(key))) await this.applyToKey(rule, key);
    }
    for (const u of [...this.index.uploads.values()]) {
      const abort = rules.find((r) => r.AbortIncompleteMultipartUpload && selects(r, u.key) && this.reached(u.initiated, r.AbortIncompleteMultipartUpload.DaysAfterInitiation));
      if (!abort) continue;
      await this.index.commit({ op: 'end', uploadId: u.uploadId });
      await this.index.data.remove(Object.values(u.parts).map((p) => p.segment));
    }
  }

  private async applyToKey(rule: LifecycleRule, key: string): Promise<void> {
    const versions = this.index.objects.get(key);
    if (!versions) return;
    const [latest] = versions;
    const e = rule.Expiration;
    if (latest.deleteMarker) {
      if (e?.ExpiredObjectDeleteMarker && versions.length === 1) await this.remove(key, latest);
    } else if (e && (e.Days !== undefined || e.Date !== undefined) && this.reached(latest.lastModified, e.Days, e.Date)) {
      const deleted = await deleteOne(this.bucket, this.index, key, undefined, undefined);
      notify(this.runtime, this.bucket, deleted.DeleteMarker ? 'LifecycleExpiration:DeleteMarkerCreated' : 'LifecycleExpiration:Delete', key, latest);
      return;
    } else {
      await this.transition(key, latest, latest.lastModified, (rule.Transitions ?? []).map((t) => [t.StorageClass, t.Days, t.Date]));
    }
    // Noncurrent versions count their age from when a newer version replaced them.
    let newerNoncurrent = 0;
    for (const [i, v] of versions.slice(1).entries()) {
      const since = versions[i].lastModified;
      const n = rule.NoncurrentVersionExpiration;
      if (n && newerNoncurrent >= (n.NewerNoncurrentVersions ?? 0) && this.reached(since, n.NoncurrentDays)) {
        await this.remove(key, v);
        continue;
      }
      if (!v.deleteMarker) {
        newerNoncurrent++;
        await this.transition(key, v, since, (rule.NoncurrentVersionTransitions ?? []).map((t) => [t.StorageClass, t.NoncurrentDays]));
      }
    }
  }

  /** Moves a version to the class of the latest transition it has reached. */
  private async transition(key: string, v: ObjectVersion, since: string, transitions: Array<[Transition['StorageClass'], number?, (Date | string)?]>): Promise<void> {
    if (v.size < MIN_TRANSITION_SIZE) return;
    const due = transitions.filter(([, days, date]) => this.reached(since, days, date)).sort((a, b) => (a[1] ?? 0) - (b[1] ?? 0) || new Date(a[2] ?? 0).getTime() - new Date(b[2] ?? 0).getTime());
    const target = due.at(-1)?.[0];
    if (!target || target === v.storageClass) return;
    await this.index.commit({ op: 'update', key, version: { ...v, storageClass: target } });
    notify(this.runtime, this.bucket, 'LifecycleTransition', key, v);
  }

  private async remove(key: string, v: ObjectVersion): Promise<void> {
    // Object lock binds lifecycle as it binds requests.
    if (v.legalHold || (v.retention && Date.parse(v.retention.until) > this.now)) return;
    await this.index.data.remove(await this.index.commit({ op: 'del', key, versionId: v.versionId }));
    notify(this.runtime, this.bucket, 'LifecycleExpiration:Delete', key, v);
  }
}

/** Applies every bucket's enabled rules once. */
export async function applyLifecycle(runtime: SandboxRuntime): Promise<void> {
  const s3 = backend(runtime);
  for (const bucket of Object.values(s3.state.buckets)) {
    const rules = bucket.lifecycle?.filter((r) => r.Status === 'Enabled');
    if (!rules?.length) continue;
    await new Evaluation(runtime, bucket, await s3.index(bucket.name)).run(rules);
  }
}

/** The sandbox's lifecycle timer: every scaled hour (S3 itself runs lifecycle about once a day). */
export function startLifecycle(runtime: SandboxRuntime): void {
  let running = false;
  const timer = setInterval(
    () => {
      if (running) return;
      running = true;
      applyLifecycle(runtime)
        .catch((e) => runtime.options.verbose && console.error('s3 lifecycle:', e))
        .finally(() => (running = false));
    },
    Math.max(20, 3600_000 * runtime.options.timeScale),
  );
  timer.unref();
  runtime.onClose(() => clearInterval(timer));
}
