/**
 * The global condition keys of a request (aws:SourceIp, aws:CurrentTime, aws:PrincipalArn…), as
 * AWS puts them in the request context that policies' Conditions test. Anonymous requests carry
 * no principal keys. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { IncomingMessage } from 'node:http';
import type { ContextKeys } from './policy.js';
import type { Principal } from './types.js';

/**
 * Who signed: aws:PrincipalArn (a role session's is its role's), aws:PrincipalAccount, aws:userid,
 * aws:username (IAM users), aws:PrincipalType; for temporary credentials aws:TokenIssueTime and
 * aws:MultiFactorAuthPresent/Age (absent for long-term keys, as in AWS).
 */
export function principalKeys(principal: Principal | undefined, now = Date.now()): ContextKeys {
  if (!principal) return {};
  const session = principal.session;
  const type = session?.roleArn ? 'AssumedRole' : session?.federatedFrom ? 'FederatedUser' : principal.userName ? 'User' : 'Account';
  return {
    'aws:PrincipalArn': session?.roleArn ?? principal.arn,
    'aws:PrincipalAccount': principal.accountId,
    'aws:PrincipalType': type,
    'aws:userid': principal.userId ?? principal.accountId,
    'aws:username': principal.userName,
    'aws:TokenIssueTime': session?.issued,
    'aws:MultiFactorAuthPresent': session ? String(session.mfa) : undefined,
    'aws:MultiFactorAuthAge': session?.mfa ? String(Math.floor((now - Date.parse(session.issued)) / 1000)) : undefined,
  };
}

/** What the connection and headers say, plus the time: the same for every service. */
export function requestKeys(req: IncomingMessage, principal: Principal | undefined, now = new Date()): ContextKeys {
  const header = (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return {
    ...principalKeys(principal),
    // An IPv4 client on a dual-stack socket shows as ::ffff:127.0.0.1; policies name it 127.0.0.1.
    'aws:SourceIp': req.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.)/, ''),
    'aws:SecureTransport': 'false', // the sandbox only speaks plain HTTP
    'aws:CurrentTime': now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(now.getTime() / 1000)),
    'aws:Referer': header('referer'),
    'aws:UserAgent': header('user-agent'),
  };
}
