/**
 * Recipe 2.15's `create_restricted_user`: a user allowed only what the policy says —
 * cloudwatch:PutMetricData by default — with an access key written to a credentials file in
 * AWS's format, mode 0600 (the secret is never printed).
 */
import type { Session } from '../../core/session.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import { User, type AccessKey } from '../user.js';

/** The book's policy, made with the AWS Policy Generator. */
export const PUT_METRIC_DATA_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Sid: 'Stmt1316576423630', Action: ['cloudwatch:PutMetricData'], Effect: 'Allow', Resource: '*' }],
};

export interface RestrictedUserOptions {
  /** The policy's name. @default 'CloudWatchPutMetricData' */
  policyName?: string;
  /** Where the credentials go. @default './<name>.credentials' */
  path?: string;
  out?: Output;
}

export interface RestrictedUser {
  user: User;
  accessKey: AccessKey;
  /** The credentials file. */
  path: string;
}

export async function createRestrictedUser(session: Session, userName: string, policy: string | object = PUT_METRIC_DATA_POLICY, options: RestrictedUserOptions = {}): Promise<RestrictedUser> {
  const say = reporterFor(session, options.out);
  const iam = await session.service('iam');
  const { User: data } = await iam.createUser({ UserName: userName });
  const user = new User(iam, data!);
  say.say(`Created ${user}`);
  const accessKey = await user.createAccessKey();
  say.say(`Created ${accessKey}`);
  const policyName = options.policyName ?? 'CloudWatchPutMetricData';
  await user.putPolicy(policyName, policy);
  say.say(`Attached the policy ${policyName}`);
  // With the sandbox, record where the keys work: they open nothing else.
  const { connection } = session;
  const endpoint = !connection.sandbox ? undefined : typeof connection.endpoint === 'function' ? await connection.endpoint() : connection.endpoint;
  const path = accessKey.save(options.path ?? `${userName}.credentials`, { region: connection.region, endpointUrl: endpoint });
  say.say(`Wrote the credentials to ${path} (mode 0600)`);
  return { user, accessKey, path };
}
