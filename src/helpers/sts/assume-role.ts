/**
 * `assumeRole(arn)`: a session in another role — in this account or another — beside the
 * prompt's own: `const prod = await assumeRole('arn:aws:iam::210987654321:role/ops')`, then
 * `await prod.ec2.instances()`. Its credentials come from the SDK's fromTemporaryCredentials with
 * the prompt's own as the source, so they are refreshed as they expire in a long session.
 */
import { inspect } from 'node:util';
import { fromTemporaryCredentials } from '@aws-sdk/credential-providers';
import { pawsError } from '../core/errors.js';
import { refOf, type Ref } from '../core/resource.js';
import { Session } from '../core/session.js';
import type { PromptGlobals } from '../index.js';
import type { Role } from '../iam/role.js';

export interface AssumeRoleOptions {
  /** @default paws-<time> */
  sessionName?: string;
  /** Seconds, 900 up to the role's maximum. @default 3600 */
  durationSeconds?: number;
  /** What the role's trust policy asks of third parties (sts:ExternalId). */
  externalId?: string;
  /** A session policy: the session may do only what both it and the role allow. */
  policy?: string | object;
}

/** The role session's service objects and helpers (`prod.ec2`, `prod.findAllRunningInstances()`), and who it is. */
export type RoleSession = PromptGlobals & { arn: string; account: string; session: Session };

const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/.+/;

export async function assumeRole(session: Session, role: Ref<Role>, options: AssumeRoleOptions = {}): Promise<RoleSession> {
  const roleArn = refOf(role, 'a role ARN');
  if (!ROLE_ARN.test(roleArn)) throw pawsError('InvalidRoleArn', `${roleArn} is not a role ARN — e.g. assumeRole('arn:aws:iam::123456789012:role/admin'), or a role from iam.roles()`);
  const { policy } = options;
  const credentials = fromTemporaryCredentials({
    params: {
      RoleArn: roleArn,
      RoleSessionName: options.sessionName ?? `paws-${Date.now()}`,
      DurationSeconds: options.durationSeconds,
      ExternalId: options.externalId,
      Policy: policy === undefined || typeof policy === 'string' ? policy : JSON.stringify(policy),
    },
    // STS is asked where the prompt's calls go (the sandbox too), as the prompt's own identity.
    clientConfig: session.clientConfig(),
  });
  const derived = new Session({ ...session.connection, profile: undefined, credentials }, session.folders, { debug: session.debug, log: session.log, maxInstances: session.maxInstances });
  // Assumed now, so that a refusal (trust policy, duration…) is said here rather than at first use.
  const id = await (await derived.service('sts')).getCallerIdentity({});
  const globals = derived.globals() as PromptGlobals;
  return Object.assign(Object.create(RoleSessionPrototype) as object, globals, { arn: id.Arn ?? roleArn, account: id.Account ?? '', session: derived });
}

/** Prints as `RoleSession:arn:aws:sts::…:assumed-role/ops/paws-…`, not as its many members. */
const RoleSessionPrototype = {
  [inspect.custom](this: RoleSession) {
    return `RoleSession:${this.arn}`;
  },
};
