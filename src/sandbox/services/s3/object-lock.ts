/**
 * Object lock (WORM): a versioned bucket's lock configuration and default retention, each
 * version's retention (GOVERNANCE, which s3:BypassGovernanceRetention may override, or COMPLIANCE,
 * which nobody may shorten) and legal hold, and the deletes they refuse.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ObjectLockConfiguration } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import { resolveVersion } from './versions.js';
import { accessDenied } from './access.js';
import { DAY_MS } from './restore.js';
import type { BucketConfig, Input, ObjectVersion, Output } from './types.js';

const MODES = new Set(['GOVERNANCE', 'COMPLIANCE']);
const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
const missingLock = () => new AwsError('InvalidRequest', 'Bucket is missing Object Lock Configuration', 400);
const protectedByLock = () => accessDenied('Access Denied because object protected by object lock.');

export function putObjectLockConfiguration(input: Input<'PutObjectLockConfiguration'>, ctx: RequestContext): Output<'PutObjectLockConfiguration'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const config: ObjectLockConfiguration = input.ObjectLockConfiguration ?? {};
  if (config.ObjectLockEnabled !== 'Enabled') throw malformedXml();
  if (!bucket.objectLock && bucket.versioning !== 'Enabled') {
    throw withExtra(new AwsError('InvalidBucketState', "Versioning must be 'Enabled' on the bucket to apply a Object Lock configuration", 409), { BucketName: bucket.name });
  }
  const retention = config.Rule?.DefaultRetention;
  if (config.Rule && !retention) throw malformedXml();
  if (retention) {
    if (!retention.Mode || !MODES.has(retention.Mode) || (retention.Days === undefined) === (retention.Years === undefined)) throw malformedXml();
    const period = Number(retention.Days ?? retention.Years);
    if (!Number.isInteger(period) || period < 1) throw new AwsError('InvalidArgument', 'Default retention period must be a positive integer value.', 400);
  }
  bucket.objectLock = config;
  s3.saveBuckets();
  return {};
}

export function getObjectLockConfiguration(input: Input<'GetObjectLockConfiguration'>, ctx: RequestContext): Output<'GetObjectLockConfiguration'> {
  const bucket = backend(ctx).bucket(input.Bucket);
  if (!bucket.objectLock) throw withExtra(new AwsError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404), { BucketName: bucket.name });
  return { ObjectLockConfiguration: bucket.objectLock };
}

/** A retention's end must lie ahead. */
function futureDate(value: Date | string | undefined): string {
  const until = value === undefined ? NaN : new Date(value).getTime();
  if (Number.isNaN(until)) throw malformedXml();
  if (until <= Date.now()) throw new AwsError('InvalidArgument', 'The retain until date must be in the future!', 400);
  return new Date(until).toISOString();
}

/**
 * The lock a new version gets: what the upload asks for (x-amz-object-lock-*), else the bucket's
 * default retention. Uploads with lock parameters must carry Content-MD5 or a checksum.
 */
export function newVersionLock(bucket: BucketConfig, input: Input<'PutObject' | 'CopyObject' | 'CreateMultipartUpload'>, headers: IncomingHttpHeaders, operation: string): Pick<ObjectVersion, 'retention' | 'legalHold'> {
  const asked = input.ObjectLockMode !== undefined || input.ObjectLockRetainUntilDate !== undefined || input.ObjectLockLegalHoldStatus !== undefined;
  if (!asked && !bucket.objectLock?.Rule) return {};
  if (!bucket.objectLock) throw missingLock();
  const integrity = headers['content-md5'] !== undefined || Object.keys(headers).some((h) => h.startsWith('x-amz-checksum-') || h === 'x-amz-sdk-checksum-algorithm') || /x-amz-checksum-/.test(String(headers['x-amz-trailer'] ?? ''));
  if (operation === 'PutObject' && !integrity) throw new AwsError('InvalidRequest', 'Content-MD5 OR x-amz-checksum- HTTP header is required for Put Object requests with Object Lock parameters', 400);
  if ((input.ObjectLockMode === undefined) !== (input.ObjectLockRetainUntilDate === undefined)) {
    throw new AwsError('InvalidArgument', 'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied', 400);
  }
  if (input.ObjectLockMode !== undefined && !MODES.has(input.ObjectLockMode)) throw new AwsError('InvalidArgument', 'Unknown wormMode directive.', 400);
  const legalHold = input.ObjectLockLegalHoldStatus === undefined ? undefined : input.ObjectLockLegalHoldStatus === 'ON';
  if (input.ObjectLockMode) return { retention: { mode: input.ObjectLockMode, until: futureDate(input.ObjectLockRetainUntilDate) }, legalHold };
  const byDefault = bucket.objectLock.Rule?.DefaultRetention;
  if (!byDefault) return { legalHold };
  const days = byDefault.Days ?? byDefault.Years! * 365;
  return { retention: { mode: byDefault.Mode!, until: new Date(Date.now() + days * DAY_MS).toISOString() }, legalHold };
}

/** The x-amz-object-lock-* headers of GET and HEAD. */
export function lockOutput(v: ObjectVersion): Pick<Output<'GetObject'>, 'ObjectLockMode' | 'ObjectLockRetainUntilDate' | 'ObjectLockLegalHoldStatus'> {
  return {
    ObjectLockMode: v.retention?.mode,
    ObjectLockRetainUntilDate: v.retention ? new Date(v.retention.until) : undefined,
    ObjectLockLegalHoldStatus: v.legalHold ? 'ON' : undefined,
  };
}

/** Whether a request asking to bypass governance retention may (root always; users with s3:BypassGovernanceRetention). */
function mayBypass(ctx: RequestContext, bucket: BucketConfig, key: string, asked: boolean | undefined): boolean {
  if (!asked || !ctx.principal) return false;
  try {
    ctx.sandbox.authorize?.(ctx.principal, 's3:BypassGovernanceRetention', `arn:aws:s3:::${bucket.name}/${key}`);
    return true;
  } catch {
    return false;
  }
}

/** Deleting a version (not adding a delete marker) under a legal hold or an unexpired retention is refused. */
export function checkDeletable(ctx: RequestContext, bucket: BucketConfig, key: string, v: ObjectVersion, bypass: boolean | undefined): void {
  if (v.legalHold) throw protectedByLock();
  if (!v.retention || Date.parse(v.retention.until) <= Date.now()) return;
  if (v.retention.mode === 'COMPLIANCE' || !mayBypass(ctx, bucket, key, bypass)) throw protectedByLock();
}

async function lockedVersion(ctx: RequestContext, input: { Bucket: string; Key: string; VersionId?: string }) {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  if (!bucket.objectLock) throw missingLock();
  const index = await s3.index(bucket.name);
  return { bucket, index, version: resolveVersion(index, input.Key, input.VersionId) };
}

const noLockOnObject = () => new AwsError('NoSuchObjectLockConfiguration', 'The specified object does not have a ObjectLock configuration', 404);

export async function putObjectRetention(input: Input<'PutObjectRetention'>, ctx: RequestContext): Promise<Output<'PutObjectRetention'>> {
  const { bucket, index, version: v } = await lockedVersion(ctx, input);
  const asked = input.Retention ?? {};
  if (asked.Mode !== undefined && !MODES.has(asked.Mode)) throw malformedXml();
  const next = asked.Mode ? { mode: asked.Mode, until: futureDate(asked.RetainUntilDate) } : undefined;
  const current = v.retention && Date.parse(v.retention.until) > Date.now() ? v.retention : undefined;
  // Extending is always allowed; shortening, removing or weakening needs governance mode and the bypass.
  const weaker = current && (!next || Date.parse(next.until) < Date.parse(current.until) || (current.mode === 'COMPLIANCE' && next.mode !== 'COMPLIANCE'));
  if (weaker && (current.mode === 'COMPLIANCE' || !mayBypass(ctx, bucket, input.Key, input.BypassGovernanceRetention))) throw protectedByLock();
  await index.commit({ op: 'update', key: input.Key, version: { ...v, retention: next } });
  return {};
}

export async function getObjectRetention(input: Input<'GetObjectRetention'>, ctx: RequestContext): Promise<Output<'GetObjectRetention'>> {
  const { version: v } = await lockedVersion(ctx, input);
  if (!v.retention) throw noLockOnObject();
  return { Retention: { Mode: v.retention.mode, RetainUntilDate: new Date(v.retention.until) } };
}

export async function putObjectLegalHold(input: Input<'PutObjectLegalHold'>, ctx: RequestContext): Promise<Output<'PutObjectLegalHold'>> {
  const { index, version: v } = await lockedVersion(ctx, input);
  const status = input.LegalHold?.Status;
  if (status !== 'ON' && status !== 'OFF') throw malformedXml();
  await index.commit({ op: 'update', key: input.Key, version: { ...v, legalHold: status === 'ON' } });
  return {};
}

export async function getObjectLegalHold(input: Input<'GetObjectLegalHold'>, ctx: RequestContext): Promise<Output<'GetObjectLegalHold'>> {
  const { version: v } = await lockedVersion(ctx, input);
  // A version whose hold was set and lifted answers OFF; one never held has no configuration.
  if (v.legalHold === undefined) throw noLockOnObject();
  return { LegalHold: { Status: v.legalHold ? 'ON' : 'OFF' } };
}
