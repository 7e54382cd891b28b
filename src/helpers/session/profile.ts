/**
 * `setProfile(name)`: `.profile NAME` as code. The session acts as another profile of the shared
 * config files — its keys, or the role it assumes (refreshed by the SDK as it expires) — and says
 * who that is; a profile that yields no working identity leaves the session as it was.
 */
import type { GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { Session } from '../core/session.js';
import { pawsError } from '../core/errors.js';
import { profileNames } from '../core/resolve-connection.js';

export async function setProfile(session: Session, name: unknown): Promise<GetCallerIdentityResponse> {
  const names = await profileNames();
  if (typeof name !== 'string' || !names.includes(name)) {
    const known = names.length ? `profiles: ${names.join(', ')}` : 'none exist (aws configure makes one)';
    throw pawsError('ProfileNotFound', `no profile ${String(name)} in ~/.aws/config or ~/.aws/credentials — ${known}`);
  }
  const previous = session.connection;
  session.setProfile(name);
  try {
    const { $metadata: _, ...identity } = await (await session.service('sts')).getCallerIdentity({});
    return identity;
  } catch (error) {
    session.connection = previous;
    session.generation++;
    throw error;
  }
}
