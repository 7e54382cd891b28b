/** The `ec2` the recipes work with: the prompt's own, or one for another region or profile. */
import { clientConfig } from '../../core/connection.js';
import type { Session } from '../../core/session.js';
import { createService, type Ec2Service } from '../service.js';

export function sessionEc2(session: Session): Promise<Ec2Service> {
  return session.service('ec2');
}

/** Clients by session, kept while the session's connection is the same (they hold connection pools). */
const cache = new WeakMap<Session, Map<string, Ec2Service>>();

/**
 * An `ec2` on the session's connection but in `region` and, if given, as `profile` (credentials
 * from the shared config files instead of the session's). Instrumented like the prompt's own, so
 * Ctrl-C and `.debug` apply.
 */
export async function ec2For(session: Session, where: { region: string; profile?: string }): Promise<Ec2Service> {
  const clients = cache.get(session) ?? new Map<string, Ec2Service>();
  cache.set(session, clients);
  const key = `${session.generation} ${where.region} ${where.profile ?? ''}`;
  const cached = clients.get(key);
  if (cached) return cached;
  const profile = where.profile ? { profile: where.profile, credentials: undefined } : {};
  const config = clientConfig({ ...session.connection, region: where.region, ...profile });
  const client = session.instrument(createService(config, session.serviceContext()));
  client.pollSeconds = (await sessionEc2(session)).pollSeconds;
  clients.set(key, client);
  return client;
}
