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
  if (key.sessionToken !== token) throw invalidToken(signingName);
  const expiration = key.principal.session?.expiration;
  if (key.sessionToken !== undefined && expiration && Date.parse(expiration) <= now) throw expiredToken(signingName);
}

function invalidToken(signingName: string): AwsError {
  switch (signingName) {
    case 's3':
      return new AwsError('InvalidToken', 'The provided token is malformed or otherwise invalid.', 400);
    case 'ec2':
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    default:
      return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
}

function expiredToken(signingName: string): AwsError {
  switch (signingName) {
    case 's3':
      return new AwsError('ExpiredToken', 'The provided token has expired.', 400);
    case 'ec2':
      return new AwsError('RequestExpired', 'Request has expired.', 400);
    default:
      return new AwsError('ExpiredToken', 'The security token included in the request is expired', 403);
  }
}
