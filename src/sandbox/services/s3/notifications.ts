/**
 * Bucket event notifications: the configuration (Put/GetBucketNotificationConfiguration), checked
 * as S3 checks it — events, filters, overlaps, and each destination validated by sending it the
 * s3:TestEvent — and the S3 event messages delivered when objects are created, removed, restored
 * or expired. Each destination service has one sender; a service without one is refused as a
 * destination S3 cannot validate.
 */
import { randomBytes } from 'node:crypto';
import type { FilterRule, NotificationConfiguration } from '@aws-sdk/client-s3';
import type { Sender } from '../../core/resource-policy.js';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { publishTo } from '../sns/index.js';
import { sendToQueue } from '../sqs/index.js';
import { backend, withExtra } from './state.js';
import { ownerOf, type BucketConfig, type Input, type ObjectVersion, type Output } from './types.js';

const SUBJECT = 'Amazon S3 Notification';

type Send = (runtime: SandboxRuntime, arn: string, message: string, bucket: BucketConfig) => void;

/** S3 sending on behalf of a bucket: the destination's policy must allow s3.amazonaws.com (for this bucket), as on AWS. */
const s3For = (bucket: BucketConfig): Sender => ({ service: 's3.amazonaws.com', accountId: bucket.owner, sourceArn: `arn:aws:s3:::${bucket.name}` });

/** One sender per destination service; the sandbox has no Lambda, so function destinations cannot be validated. */
const DESTINATIONS: Record<'TopicConfigurations' | 'QueueConfigurations' | 'LambdaFunctionConfigurations', { arn: string; noun: string; send?: Send }> = {
  TopicConfigurations: { arn: 'TopicArn', noun: 'topic', send: (runtime, arn, message, bucket) => void publishTo(runtime, arn, { message, subject: SUBJECT }, s3For(bucket)) },
  QueueConfigurations: { arn: 'QueueArn', noun: 'queue', send: (runtime, arn, message, bucket) => void sendToQueue(runtime, arn, { body: message }, s3For(bucket)) },
  LambdaFunctionConfigurations: { arn: 'LambdaFunctionArn', noun: 'function' },
};
type DestinationList = keyof typeof DESTINATIONS;

interface Destination {
  Id?: string;
  Events?: string[];
  Filter?: { Key?: { FilterRules?: FilterRule[] } };
  [arn: string]: unknown;
}

const EVENTS = new Set(
  [
    'ReducedRedundancyLostObject',
    'ObjectCreated:*', 'ObjectCreated:Put', 'ObjectCreated:Post', 'ObjectCreated:Copy', 'ObjectCreated:CompleteMultipartUpload',
    'ObjectRemoved:*', 'ObjectRemoved:Delete', 'ObjectRemoved:DeleteMarkerCreated',
    'ObjectRestore:*', 'ObjectRestore:Post', 'ObjectRestore:Completed', 'ObjectRestore:Delete',
    'Replication:*', 'Replication:OperationFailedReplication', 'Replication:OperationNotTracked', 'Replication:OperationMissedThreshold', 'Replication:OperationReplicatedAfterThreshold',
    'LifecycleExpiration:*', 'LifecycleExpiration:Delete', 'LifecycleExpiration:DeleteMarkerCreated',
    'LifecycleTransition', 'IntelligentTiering',
    'ObjectTagging:*', 'ObjectTagging:Put', 'ObjectTagging:Delete', 'ObjectAcl:Put',
  ].map((e) => `s3:${e}`),
);

const invalidArgument = (message: string, name?: string, value?: string) =>
  withExtra(new AwsError('InvalidArgument', message, 400), name === undefined ? {} : { ArgumentName: name, ArgumentValue: value ?? '' });

/** The filter's prefix and suffix ('' when absent), refusing other names and repeats as S3 does. */
function keyFilter(d: Destination): { prefix: string; suffix: string } {
  const out = { prefix: '', suffix: '' };
  const seen = new Set<string>();
  for (const rule of d.Filter?.Key?.FilterRules ?? []) {
    const name = rule.Name?.toLowerCase();
    if (name !== 'prefix' && name !== 'suffix') throw invalidArgument('filter rule name must be either prefix or suffix', 'FilterRule.Name', rule.Name);
    if (seen.has(name)) throw invalidArgument(`Cannot specify more than one ${name} rule in a filter.`, 'FilterRule.Name', rule.Name);
    seen.add(name);
    out[name] = rule.Value ?? '';
  }
  return out;
}

/** The events of a configuration, each `s3:Kind:*` or `s3:Kind:Detail`, as `[kind, detail]`. */
const eventParts = (e: string) => e.replace(/^s3:/, '').split(':') as [string, string | undefined];

function eventsOverlap(a: string, b: string): boolean {
  const [ka, da] = eventParts(a);
  const [kb, db] = eventParts(b);
  return ka === kb && (da === db || da === '*' || db === '*');
}

function allDestinations(config: NotificationConfiguration): Array<{ list: DestinationList; d: Destination }> {
  return (Object.keys(DESTINATIONS) as DestinationList[]).flatMap((list) => ((config[list] ?? []) as unknown as Destination[]).map((d) => ({ list, d })));
}

function checkConfiguration(config: NotificationConfiguration): void {
  const all = allDestinations(config);
  for (const { d } of all) {
    if (!d.Events?.length) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    for (const e of d.Events) if (!EVENTS.has(e)) throw invalidArgument('The event is not supported for notifications', e, 'Event');
    keyFilter(d);
  }
  // Two destinations may not both receive one event of one key.
  for (const [i, { d: a }] of all.entries()) {
    for (const { d: b } of all.slice(i + 1)) {
      const fa = keyFilter(a);
      const fb = keyFilter(b);
      const keys = (fa.prefix.startsWith(fb.prefix) || fb.prefix.startsWith(fa.prefix)) && (fa.suffix.endsWith(fb.suffix) || fb.suffix.endsWith(fa.suffix));
      if (keys && a.Events!.some((ea) => b.Events!.some((eb) => eventsOverlap(ea, eb)))) {
        throw invalidArgument('Configurations overlap. Configurations on the same bucket cannot share a common event type.', 'Event', a.Events!.join(','));
      }
    }
  }
}

/** S3 validates destinations by sending each the s3:TestEvent; those it cannot reach are listed in one error. */
function sendTestEvents(ctx: RequestContext, bucket: BucketConfig, config: NotificationConfiguration): void {
  const message = JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Time: new Date().toISOString(), Bucket: bucket.name, RequestId: ctx.requestId, HostId: ctx.requestId });
  const failed: Array<[arn: string, why: string]> = [];
  for (const { list, d } of allDestinations(config)) {
    const destination = DESTINATIONS[list];
    const arn = String(d[destination.arn] ?? '');
    try {
      if (!destination.send) throw new Error('no sender');
      destination.send(ctx.sandbox, arn, message, bucket);
    } catch {
      failed.push([arn, `Permissions on the destination ${destination.noun} do not allow S3 to publish notifications from this bucket`]);
    }
  }
  if (failed.length) {
    throw withExtra(
      new AwsError('InvalidArgument', 'Unable to validate the following destination configurations', 400),
      Object.fromEntries(failed.flatMap(([arn, why], i) => [[`ArgumentName${i + 1}`, arn], [`ArgumentValue${i + 1}`, why]])),
    );
  }
}

export function putBucketNotificationConfiguration(input: Input<'PutBucketNotificationConfiguration'>, ctx: RequestContext): Output<'PutBucketNotificationConfiguration'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const config: NotificationConfiguration = input.NotificationConfiguration ?? {};
  checkConfiguration(config);
  // A configuration without an Id is given one, as S3 does.
  for (const { d } of allDestinations(config)) d.Id ??= randomBytes(24).toString('base64');
  if (!input.SkipDestinationValidation) sendTestEvents(ctx, bucket, config);
  const empty = allDestinations(config).length === 0 && !config.EventBridgeConfiguration;
  bucket.notification = empty ? undefined : config;
  s3.saveBuckets();
  return {};
}

export function getBucketNotificationConfiguration(input: Input<'GetBucketNotificationConfiguration'>, ctx: RequestContext): Output<'GetBucketNotificationConfiguration'> {
  return backend(ctx).bucket(input.Bucket).notification ?? {};
}

/** Whether a configured event (`s3:ObjectCreated:*`, `s3:ObjectCreated:Put`) covers `event` (`ObjectCreated:Put`). */
const receives = (configured: string, event: string) => configured === `s3:${event}` || (configured.endsWith(':*') && `s3:${event}`.startsWith(configured.slice(0, -1)));

let sequence = 0;

/** S3's sequencer: hex that grows with each event, so consumers can order events of one key. */
function sequencer(): string {
  sequence = (sequence + 1) % 0x10000;
  return (BigInt(Date.now()) * 0x10000n + BigInt(sequence)).toString(16).toUpperCase().padStart(18, '0');
}

/** Keys in event messages are URL-encoded as forms are (`red flower.jpg` → `red+flower.jpg`), slashes kept. */
const encodedKey = (key: string) => new URLSearchParams({ k: key }).toString().slice(2).replaceAll('%2F', '/');

/**
 * Delivers `event` (e.g. `ObjectCreated:Put`) about `key` to every destination configured for it.
 * `ctx` is the request that caused it, or the runtime for what the sandbox does itself (lifecycle).
 */
export function notify(ctx: RequestContext | SandboxRuntime, bucket: BucketConfig, event: string, key: string, version?: ObjectVersion): void {
  if (!bucket.notification) return;
  const request = 'sandbox' in ctx ? ctx : undefined;
  const runtime = request?.sandbox ?? (ctx as SandboxRuntime);
  for (const { list, d } of allDestinations(bucket.notification)) {
    const send = DESTINATIONS[list].send;
    const { prefix, suffix } = keyFilter(d);
    if (!send || !key.startsWith(prefix) || !key.endsWith(suffix) || !d.Events!.some((e) => receives(e, event))) continue;
    const record = {
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      awsRegion: bucket.region,
      eventTime: new Date().toISOString(),
      eventName: event,
      userIdentity: { principalId: request?.principal ? `AWS:${request.principal.userId ?? request.principal.accountId}` : 'AmazonS3' },
      requestParameters: { sourceIPAddress: request?.req.socket.remoteAddress ?? '127.0.0.1' },
      responseElements: { 'x-amz-request-id': request?.requestId ?? '', 'x-amz-id-2': request?.requestId ?? '' },
      s3: {
        s3SchemaVersion: '1.0',
        configurationId: d.Id,
        bucket: { name: bucket.name, ownerIdentity: { principalId: ownerOf(bucket.owner).ID }, arn: `arn:aws:s3:::${bucket.name}` },
        object: {
          key: encodedKey(key),
          // Removals describe no content: S3 sends neither size nor eTag for them.
          ...(version && !version.deleteMarker && !event.startsWith('ObjectRemoved') && !event.startsWith('LifecycleExpiration') ? { size: version.size, eTag: version.etag.slice(1, -1) } : {}),
          ...(bucket.versioning && version ? { versionId: version.versionId } : {}),
          sequencer: sequencer(),
        },
      },
    };
    try {
      send(runtime, String(d[DESTINATIONS[list].arn]), JSON.stringify({ Records: [record] }), bucket);
    } catch (err) {
      // A destination deleted since it was validated: S3 drops the event.
      if (!(err instanceof AwsError)) throw err;
    }
  }
}
