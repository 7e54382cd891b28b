/**
 * Temporary credentials as STS issues them: an ASIA… key, its secret, and the session token
 * every request signed with it must carry, kept in the sandbox key ring until well after they
 * expire. Lifetimes follow the sandbox's time scale (`--time-scale 0.01` makes an hour 36 s), so
 * that expiry can be seen without waiting.
 */
import { randomBytes } from 'node:crypto';
import type { Credentials } from '@aws-sdk/client-sts';
import { AwsError, type Principal, type PrincipalSession, type RequestContext, type Wire } from '../../core/types.js';
import { newId, newSecret } from '../iam/state.js';

export function issue(ctx: RequestContext, principal: Omit<Principal, 'accessKeyId' | 'session'>, seconds: number, session: Omit<PrincipalSession, 'expiration' | 'issued'>): Wire<Credentials> {
  const issued = new Date();
  const expiration = new Date(issued.getTime() + seconds * 1000 * ctx.sandbox.options.timeScale);
  const accessKeyId = newId('ASIA');
  const secret = newSecret();
  // AWS's tokens are long opaque base64; this one's only meaning is in the key ring.
  const token = `IQoJb3JpZ2luX2VjE${randomBytes(192).toString('base64')}`;
  const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  ctx.sandbox.keys.addTemporary({ ...principal, accessKeyId, session: { ...session, issued: iso(issued), expiration: expiration.toISOString() } }, secret, token);
  return { AccessKeyId: accessKeyId, SecretAccessKey: secret, SessionToken: token, Expiration: expiration };
}

/** DurationSeconds within [min, max], else STS's ValidationError. */
export function duration(seconds: number | undefined, fallback: number, min: number, max: number): number {
  const s = seconds ?? fallback;
  if (s < min) throw new AwsError('ValidationError', `1 validation error detected: Value '${s}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${min}`);
  if (s > max) throw new AwsError('ValidationError', `1 validation error detected: Value '${s}' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to ${max}`);
  return s;
}
