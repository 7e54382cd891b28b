/**
 * The session token check every signed request passes: temporary credentials (STS) are valid only
 * with the token they were issued with, and only until they expire; a long-term key must come
 * without one. Refusals are each service's own: S3's InvalidToken/ExpiredToken, EC2's
 * AuthFailure/RequestExpired, the query services' InvalidClientTokenId/ExpiredToken.
 */
import type { KeyRecord } from './keys.js';
import type { SignedRequest, WireRequest } from './sigv4.js';
import { AwsError } from './types.js';

/** The token a request carries: SigV4's X-Amz-Security-Token, or (SigV2, S3) the x-amz-security-token header or query parameter. */
export function sessionTokenOf(sig: SignedRequest, request: Pick<WireRequest, 'headers' | 'query'>): string | undefined {
  if (sig.version === 4) return sig.sessionToken;
  return request.headers['x-amz-security-token']?.[0] ?? request.query.get('x-amz-security-token') ?? undefined;
}

export function checkSessionToken(key: KeyRecord, token: string | undefined, signingName: string, now = Date.now()): void {
  if (key.sessionToken !== token) throw refusal('invalid', signingName);
  const expiration = key.principal.session?.expiration;
  if (key.sessionToken !== undefined && expiration && Date.parse(expiration) <= now) throw refusal('expired', signingName);
}

type Words = [code: string, message: string, status: number];

/** By service signing name; `other` for the query and JSON services. */
const REFUSALS: Record<'invalid' | 'expired', Record<'s3' | 'ec2' | 'other', Words>> = {
  invalid: {
    s3: ['InvalidToken', 'The provided token is malformed or otherwise invalid.', 400],
    ec2: ['AuthFailure', 'AWS was not able to validate the provided access credentials', 401],
    other: ['InvalidClientTokenId', 'The security token included in the request is invalid.', 403],
  },
  expired: {
    s3: ['ExpiredToken', 'The provided token has expired.', 400],
    ec2: ['RequestExpired', 'Request has expired.', 400],
    other: ['ExpiredToken', 'The security token included in the request is expired', 403],
  },
};

function refusal(kind: 'invalid' | 'expired', signingName: string): AwsError {
  const [code, message, status] = REFUSALS[kind][signingName === 's3' || signingName === 'ec2' ? signingName : 'other'];
  return new AwsError(code, message, status);
}
