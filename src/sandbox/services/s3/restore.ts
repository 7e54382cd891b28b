/**
 * Archived objects (GLACIER, DEEP_ARCHIVE): not readable until RestoreObject has made a temporary
 * copy. A restore takes the retrieval tier's time and lasts the requested days, both scaled by the
 * sandbox's --time-scale; its state is worked out from those two instants when asked, so no timer
 * has to finish it.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import { resolveVersion } from './versions.js';
import { notify } from './notifications.js';
import type { BucketConfig, Input, ObjectVersion, Output } from './types.js';

export const DAY_MS = 24 * 3600 * 1000;
const HOUR_MS = 3600 * 1000;
const ARCHIVED = new Set(['GLACIER', 'DEEP_ARCHIVE']);
/** How long each tier takes, at the top of the range AWS gives. */
const TIER_MS: Record<string, Record<string, number>> = {
  GLACIER: { Expedited: 5 * 60 * 1000, Standard: 5 * HOUR_MS, Bulk: 12 * HOUR_MS },
  DEEP_ARCHIVE: { Standard: 12 * HOUR_MS, Bulk: 48 * HOUR_MS },
};

type RestoreState = 'none' | 'ongoing' | 'restored';

function restoreState(v: ObjectVersion, now = Date.now()): RestoreState {
  if (!v.restore || now >= Date.parse(v.restore.expiry)) return 'none';
  return now < Date.parse(v.restore.readyAt) ? 'ongoing' : 'restored';
}

/** GET and copies of an archived object need a finished, unexpired restore. */
export function checkReadable(v: ObjectVersion): void {
  if (ARCHIVED.has(v.storageClass) && restoreState(v) !== 'restored') {
    throw withExtra(new AwsError('InvalidObjectState', "The operation is not valid for the object's storage class", 403), { StorageClass: v.storageClass });
  }
}

/** The x-amz-restore header of GET and HEAD: none before any restore or after one expired. */
export function restoreHeader(v: ObjectVersion): string | undefined {
  switch (restoreState(v)) {
    case 'none':
      return undefined;
    case 'ongoing':
      return 'ongoing-request="true"';
    case 'restored':
      return `ongoing-request="false", expiry-date="${new Date(v.restore!.expiry).toUTCString()}"`;
  }
}

/** ObjectRestore:Completed when the restore is ready (announced by this sandbox run only: a restart forgets it). */
function announceCompletion(ctx: RequestContext, bucket: BucketConfig, key: string, v: ObjectVersion, inMs: number): void {
  const runtime = ctx.sandbox;
  const timer = setTimeout(() => notify(runtime, bucket, 'ObjectRestore:Completed', key, v), inMs);
  timer.unref();
  runtime.onClose(() => clearTimeout(timer));
}

export async function restoreObject(input: Input<'RestoreObject'>, ctx: RequestContext): Promise<Output<'RestoreObject'>> {
  const s3 = backend(ctx);
  const bucket: BucketConfig = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const v = resolveVersion(index, input.Key, input.VersionId);
  if (!ARCHIVED.has(v.storageClass)) {
    throw withExtra(new AwsError('InvalidObjectState', "Restore is not allowed for the object's current storage class", 403), { StorageClass: v.storageClass });
  }
  const request = input.RestoreRequest ?? {};
  const days = Number(request.Days);
  if (!Number.isInteger(days) || days < 1) throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  const tier = request.GlacierJobParameters?.Tier ?? request.Tier ?? 'Standard';
  const took = TIER_MS[v.storageClass][tier];
  if (took === undefined) throw new AwsError('InvalidArgument', `The ${tier} tier is not available for the ${v.storageClass} storage class`, 400);
  const scale = ctx.sandbox.options.timeScale;
  const state = restoreState(v);
  if (state === 'ongoing') throw new AwsError('RestoreAlreadyInProgress', 'Object restore is already in progress', 409);
  const now = Date.now();
  // A restored copy's days are counted again from now: S3 answers 200 instead of 202.
  const readyAt = state === 'restored' ? v.restore!.readyAt : new Date(now + took * scale).toISOString();
  const expiry = new Date(Math.max(now, Date.parse(readyAt)) + days * DAY_MS * scale).toISOString();
  await index.commit({ op: 'update', key: input.Key, version: { ...v, restore: { readyAt, expiry } } });
  if (state === 'none') {
    notify(ctx, bucket, 'ObjectRestore:Post', input.Key, v);
    announceCompletion(ctx, bucket, input.Key, v, Date.parse(readyAt) - now);
  }
  return { $status: state === 'restored' ? 200 : 202 };
}
