/**
 * AssumeRoleWithWebIdentity: an unsigned request carrying an OpenID Connect token. The token's
 * issuer must be an OIDC provider of the role's account and its audience one of the provider's
 * client ids; it must not have expired; the role's trust policy must let that provider's users in
 * (its conditions see `<provider>:aud` and `<provider>:sub`). The sandbox cannot reach a
 * provider's signing keys, so the token's signature is not checked: everything else is.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { requestKeys } from '../../core/context-keys.js';
import { trusts } from '../iam/trust.js';
import { checkSessionName, roleNamed, roleSession } from './sessions.js';
import type { Input, Output } from './types.js';

interface Claims {
  iss?: string;
  aud?: string | string[];
  sub?: string;
  exp?: number;
}

function invalidToken(message: string): AwsError {
  return new AwsError('InvalidIdentityToken', message, 400);
}

function claimsOf(token: string | undefined): Claims {
  const parts = (token ?? '').split('.');
  try {
    if (parts.length !== 3) throw new Error('not a JWT');
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Claims;
  } catch {
    throw invalidToken("Couldn't parse web identity token.");
  }
}

export function assumeRoleWithWebIdentity(input: Input<'AssumeRoleWithWebIdentity'>, ctx: RequestContext): Output<'AssumeRoleWithWebIdentity'> {
  const sessionName = checkSessionName(input.RoleSessionName, 'roleSessionName', 2, 64);
  const claims = claimsOf(input.WebIdentityToken);
  const arn = input.RoleArn ?? '';
  const { state, role } = roleNamed(ctx, arn);
  const issuer = (claims.iss ?? '').replace(/^https:\/\//, '').replace(/\/$/, '');
  const providerArn = role ? `arn:aws:iam::${role.Arn.split(':')[4]}:oidc-provider/${issuer}` : '';
  const provider = state.oidcProviders[providerArn];
  if (!provider) throw invalidToken(`No OpenIDConnect provider found in your account for https://${issuer}`);
  const audiences = [claims.aud ?? []].flat();
  const audience = audiences.find((a) => provider.clientIds.includes(a));
  if (!audience) throw invalidToken('Incorrect token audience');
  const nowSeconds = Math.floor(Date.now() / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= nowSeconds) {
    throw new AwsError('ExpiredTokenException', `Token expired: current date/time ${nowSeconds} must be before the expiration date/time${claims.exp ?? ''}`, 400);
  }
  const keys = { ...requestKeys(ctx.req, undefined), [`${issuer}:aud`]: audience, [`${issuer}:sub`]: claims.sub, 'sts:RoleSessionName': sessionName };
  if (!role || trusts(role, { federated: providerArn }, 'sts:AssumeRoleWithWebIdentity', keys).decision !== 'Allow') {
    throw new AwsError('AccessDenied', 'Not authorized to perform sts:AssumeRoleWithWebIdentity', 403);
  }
  const session = roleSession(ctx, state, role, sessionName, input, { mfa: false });
  return { ...session, SubjectFromWebIdentityToken: claims.sub, Provider: issuer, Audience: audience };
}
