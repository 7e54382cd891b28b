/**
 * Who may do what to a bucket or object: the bucket policy (explicit Deny wins, Allow lets other
 * accounts and anonymous users in), ACL grants, and the bucket's public access block — evaluated
 * as S3 does for requests that do not come from the bucket owner's account. The owner's IAM users
 * are checked against their own policies through the runtime's `authorize` hook. Statements'
 * Conditions are tested against the request context (./context-keys.ts) in the shared policy
 * language (core/policy.ts).
 */
import type { Grant, PublicAccessBlockConfiguration } from '@aws-sdk/client-s3';
import { AwsError, isRoot, type Principal, type SandboxRuntime } from '../../core/types.js';
import { principalKeys } from '../../core/context-keys.js';
import { list, policyStatements, principalMatches, statementMatches, type Condition, type ContextKeys, type Statement } from '../../core/policy.js';
import { ALL_USERS, AUTHENTICATED_USERS, LOG_DELIVERY, canonicalId, type BucketConfig } from './types.js';

export type Permission = 'READ' | 'WRITE' | 'READ_ACP' | 'WRITE_ACP';

/** Who is asking: a signed principal, nobody (anonymous), or S3's own log delivery. */
export type Requester = { principal?: Principal; service?: 'logging.s3.amazonaws.com' };

export interface AccessCheck {
  bucket: BucketConfig;
  /** `s3:GetObject` */
  action: string;
  /** `arn:aws:s3:::bucket/key` */
  resource: string;
  /** The ACL permission that would also grant it (none: only the owner and policies can), and the ACL that holds it. */
  permission?: Permission;
  acl: Grant[];
  /** The object's owner, when checking an object written by another account. */
  objectOwner?: string;
  /**
   * Builds the request's condition keys (./context-keys.ts: aws:SourceIp, s3:prefix…), to which the
   * requester's principal keys are added here: only when a policy is evaluated, not for every request.
   */
  context: () => ContextKeys;
}

/** What the root user of the bucket's account may always do, whatever the policy denies (so no one is locked out). */
const ROOT_ALWAYS = new Set(['s3:getbucketpolicy', 's3:putbucketpolicy', 's3:deletebucketpolicy']);

export function checkAccess(runtime: SandboxRuntime, who: Requester, check: AccessCheck): void {
  const { bucket } = check;
  const account = who.principal?.accountId;
  let built: ContextKeys | undefined;
  const keys = () => (built ??= { ...check.context(), ...principalKeys(who.principal), ...serviceKeys(who), 'aws:ResourceAccount': bucket.owner });
  const statements = policyStatements(bucket.policy).filter((s) => principalMatches(s.Principal, { service: who.service, accountId: who.principal?.accountId, arn: who.principal?.arn }) && statementMatches(s, { action: check.action, resource: check.resource, keys: keys() }));
  const ownerRoot = account === bucket.owner && !!who.principal && isRoot(who.principal);
  if (statements.some((s) => s.Effect === 'Deny') && !(ownerRoot && ROOT_ALWAYS.has(check.action.toLowerCase()))) throw accessDenied();
  if (account === bucket.owner) {
    if (who.principal) runtime.authorize?.(who.principal, check.action, check.resource, keys);
    return;
  }
  const pab = bucket.publicAccessBlock ?? {};
  if (statements.some((s) => s.Effect === 'Allow' && !(pab.RestrictPublicBuckets && isPublicStatement(s)))) return;
  if (aclAllows(who, check, pab)) return;
  throw accessDenied();
}

function serviceKeys(who: Requester): ContextKeys {
  return who.service ? { 'aws:PrincipalServiceName': who.service, 'aws:PrincipalIsAWSService': 'true' } : {};
}

export function accessDenied(message = 'Access Denied'): AwsError {
  return new AwsError('AccessDenied', message, 403);
}

function aclAllows(who: Requester, check: AccessCheck, pab: PublicAccessBlockConfiguration): boolean {
  if (!check.permission || check.bucket.ownership === 'BucketOwnerEnforced') return false; // ACLs are disabled
  const account = who.principal?.accountId;
  if (account && check.objectOwner === account) return true;
  return check.acl.some((g) => {
    if (g.Permission !== check.permission && g.Permission !== 'FULL_CONTROL') return false;
    const grantee: NonNullable<Grant['Grantee']> = g.Grantee ?? { Type: undefined };
    if (grantee.Type === 'CanonicalUser') return !!account && grantee.ID === canonicalId(account);
    if (grantee.URI === LOG_DELIVERY) return who.service === 'logging.s3.amazonaws.com';
    if (pab.IgnorePublicAcls) return false;
    if (grantee.URI === ALL_USERS) return true;
    return grantee.URI === AUTHENTICATED_USERS && !!account;
  });
}

/**
 * Whether a statement lets anyone in, by S3's rule: an Allow to Principal `*` is public unless a
 * condition pins it to fixed values of a key that names who or where (a source IP range, account,
 * ARN, VPC…). A Referer or User-Agent condition does not: anyone can send those headers.
 */
export function isPublicStatement(s: Statement): boolean {
  if (s.Effect !== 'Allow') return false;
  const p = s.Principal;
  const everyone = p === '*' || (typeof p === 'object' && p !== null && list((p as { AWS?: unknown }).AWS).includes('*'));
  return everyone && !pinned(s.Condition);
}

/** Keys that, held to fixed values by a positive operator, make a statement non-public. */
const PINNING_KEYS = new Set(
  ['aws:SourceArn', 'aws:SourceVpc', 'aws:SourceVpce', 'aws:SourceOwner', 'aws:SourceAccount', 'aws:PrincipalAccount', 'aws:PrincipalArn', 'aws:PrincipalOrgID', 'aws:userid', 's3:x-amz-server-side-encryption-aws-kms-key-id', 's3:DataAccessPointArn', 's3:DataAccessPointAccount'].map((k) => k.toLowerCase()),
);

function pinned(condition: Condition | undefined): boolean {
  const fixed = (v: string) => !/[*?]|\$\{/.test(v);
  return Object.entries(condition ?? {}).some(([operator, tests]) =>
    Object.entries(tests ?? {}).some(([key, values]) => {
      const vs = list(values);
      if (vs.length === 0) return false;
      const k = key.toLowerCase();
      // A CIDR that covers every address (0.0.0.0/0, ::/0) pins nothing.
      if (k === 'aws:sourceip') return operator === 'IpAddress' && vs.every((v) => !/\/0+$/.test(v.trim()));
      // Wildcards and variables (e.g. aws:userid AROLEID:*, any session of a role) are not fixed values.
      return PINNING_KEYS.has(k) && /^(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/.test(operator) && vs.every(fixed);
    }),
  );
}

export function isPublicPolicy(policy: string): boolean {
  return policyStatements(policy).some(isPublicStatement);
}

export function isPublicAcl(grants: Grant[]): boolean {
  return grants.some((g) => g.Grantee?.URI === ALL_USERS || g.Grantee?.URI === AUTHENTICATED_USERS);
}

/** The grants a canned ACL stands for (besides the owner's FULL_CONTROL). */
export function cannedAcl(acl: string | undefined, bucketOwner?: string): Grant[] {
  const group = (URI: string, Permission: Grant['Permission']): Grant => ({ Grantee: { Type: 'Group', URI }, Permission });
  switch (acl ?? 'private') {
    case 'private':
      return [];
    case 'public-read':
      return [group(ALL_USERS, 'READ')];
    case 'public-read-write':
      return [group(ALL_USERS, 'READ'), group(ALL_USERS, 'WRITE')];
    case 'authenticated-read':
      return [group(AUTHENTICATED_USERS, 'READ')];
    case 'log-delivery-write':
      return [group(LOG_DELIVERY, 'WRITE'), group(LOG_DELIVERY, 'READ_ACP')];
    case 'bucket-owner-read':
    case 'bucket-owner-full-control':
      if (!bucketOwner) return [];
      return [{ Grantee: { Type: 'CanonicalUser', ID: canonicalId(bucketOwner) }, Permission: acl === 'bucket-owner-read' ? 'READ' : 'FULL_CONTROL' }];
    default:
      throw new AwsError('InvalidArgument', `Invalid canned ACL: ${acl}`, 400);
  }
}
