/**
 * The one-line banner: who (STS GetCallerIdentity, or "sandbox"), region, endpoint, profile.
 * It is computed after the prompt is shown and printed above it when it arrives.
 */
import { errorLine } from '../helpers/core/errors.js';
import { profileLabel } from '../helpers/core/resolve-connection.js';
import type { Session } from '../helpers/core/session.js';

/** How long the banner waits for STS before saying the endpoint does not answer. */
const IDENTITY_TIMEOUT_MS = 15_000;

export function whereLine(session: Session): string {
  const c = session.connection;
  const parts = [`region ${c.region}`, `endpoint ${c.endpointLabel}`];
  if (!c.sandbox) parts.push(`profile ${profileLabel(c)}`);
  return parts.join(' · ');
}

/** `paws: <who> · region … · endpoint … · profile …` — never throws. */
export async function bannerLine(session: Session, sandboxReason?: string): Promise<string> {
  if (session.connection.sandbox) {
    return `paws: sandbox (${sandboxReason}; local, no AWS account involved) · ${whereLine(session)}`;
  }
  try {
    const sts = await session.service('sts');
    const id = await sts.getCallerIdentity({}, { abortSignal: AbortSignal.timeout(IDENTITY_TIMEOUT_MS) });
    return `paws: account ${id.Account} ${id.Arn} · ${whereLine(session)}`;
  } catch (error) {
    return `paws: not connected — ${errorLine(error)} · ${whereLine(session)}`;
  }
}
