/**
 * The banner: who (STS GetCallerIdentity, or "sandbox"), region, endpoint, profile — one line,
 * broken between its parts on a narrow terminal. It is computed after the prompt is shown and
 * printed above it when it arrives.
 */
import { errorLine } from '../helpers/core/errors.js';
import { profileLabel } from '../helpers/core/resolve-connection.js';
import type { Session } from '../helpers/core/session.js';

/** How long the banner waits for STS before saying the endpoint does not answer. */
const IDENTITY_TIMEOUT_MS = 15_000;

export function whereLine(session: Session, endpoint = session.connection.endpointLabel): string {
  const c = session.connection;
  const parts = [`region ${c.region}`, `endpoint ${endpoint}`];
  if (!c.sandbox) parts.push(`profile ${profileLabel(c)}`);
  return parts.join(' · ');
}

/**
 * The line broken between its ` · ` parts so that each row fits `columns` (the terminal's width;
 * none off a terminal, where it stays one line), the rows after the first indented under `paws: `.
 */
export function fitToWidth(line: string, columns?: number): string {
  if (!columns) return line;
  const [first, ...rest] = line.split(' · ');
  let out = first;
  let width = first.length;
  for (const part of rest) {
    if (width + 3 + part.length < columns) {
      out += ` · ${part}`;
      width += 3 + part.length;
    } else {
      out += `\n      ${part}`;
      width = 6 + part.length;
    }
  }
  return out;
}

/** `paws: <who> · region … · endpoint … · profile …` — never throws. */
export async function bannerLine(session: Session, sandboxReason?: string): Promise<string> {
  const { sandbox, endpoint } = session.connection;
  if (sandbox) {
    try {
      const url = typeof endpoint === 'function' ? await endpoint() : endpoint;
      return `paws: sandbox (${sandboxReason}; local, no AWS account involved) · ${whereLine(session, url)}`;
    } catch (error) {
      return `paws: the sandbox did not start — ${errorLine(error)}`;
    }
  }
  const deadline = AbortSignal.timeout(IDENTITY_TIMEOUT_MS);
  try {
    const sts = await session.service('sts');
    const id = await sts.getCallerIdentity({}, { abortSignal: deadline });
    return `paws: account ${id.Account} ${id.Arn} · ${whereLine(session)}`;
  } catch (error) {
    // The banner's own deadline, not a Ctrl-C: say so, and what to try.
    const why = deadline.aborted
      ? `STS did not answer in ${IDENTITY_TIMEOUT_MS / 1000} s (no network?) — try --sandbox, or --endpoint URL`
      : errorLine(error);
    return `paws: not connected — ${why} · ${whereLine(session)}`;
  }
}

/**
 * For `paws run` and `paws notebook` on a terminal: where their calls go (sandbox or AWS), said
 * at once without asking STS, as the prompt's banner does.
 */
export function scriptBanner(session: Session, sandboxReason?: string): string {
  const c = session.connection;
  return c.sandbox ? `paws: sandbox (${sandboxReason}; local, no AWS account involved) · region ${c.region}` : `paws: ${whereLine(session)}`;
}
