/**
 * One-line error messages for the prompt: `Code: message`, plus a hint naming the fix for the
 * errors people actually hit (no endpoint, no credentials, timeouts, Ctrl-C).
 */
import { PawsError } from '../../paws-error.js';
import { maskText } from './secrets.js';

export { PawsError, pawsError } from '../../paws-error.js';

interface ErrorLike {
  name?: string;
  /** Set on the SDK's exceptions (ServiceException): `client` or `server`. */
  $fault?: string;
  code?: unknown;
  Code?: unknown;
  message?: string;
  errors?: ErrorLike[];
  address?: string;
  port?: number;
  /** Set by the SDK's retry strategy on what it gave up on. */
  $metadata?: { attempts?: number };
}

const HINTS: Record<string, string> = {
  ECONNREFUSED: 'nothing answers there; check --endpoint / AWS_ENDPOINT_URL, or start with --sandbox',
  ENOTFOUND: 'the endpoint cannot be resolved (no network, or a wrong --endpoint / AWS_ENDPOINT_URL?); try --sandbox, or --endpoint URL',
  EAI_AGAIN: 'the endpoint cannot be resolved (no network, or no DNS?); try --sandbox, or --endpoint URL',
  ENETUNREACH: 'the endpoint cannot be reached (no network?); try --sandbox, or --endpoint URL',
  EHOSTUNREACH: 'the endpoint cannot be reached (no network?); try --sandbox, or --endpoint URL',
  ETIMEDOUT: 'the endpoint did not answer in time; raise --timeout or check the network',
  TimeoutError: 'the endpoint did not answer in time; raise --timeout or check the network',
  CredentialsProviderError: 'set up credentials (aws configure, AWS_PROFILE, --profile) or start with --sandbox',
  InvalidClientTokenId: 'the access key is unknown to this endpoint; check the profile or AWS_ACCESS_KEY_ID',
  InvalidAccessKeyId: 'the access key is unknown to this endpoint; check the profile or AWS_ACCESS_KEY_ID',
  SignatureDoesNotMatch: 'the secret key does not match the access key; check the profile or AWS_SECRET_ACCESS_KEY',
  ExpiredToken: 'the session expired; log in again (aws sso login) or refresh the credentials',
};

/**
 * The error's code: the name of an AWS exception (the SDK's exception classes are named by their
 * code) or of a paws error, else a Node system code (ECONNREFUSED), else the class name.
 */
export function errorCode(error: unknown): string {
  const e = (error ?? {}) as ErrorLike;
  if ((e.$fault || error instanceof PawsError) && e.name) return e.name;
  for (const c of [e.Code, e.code]) if (typeof c === 'string' && /^[A-Za-z]/.test(c)) return c;
  return e.name && e.name !== 'Error' ? e.name : 'Error';
}

/** The HTTP status of an AWS error: only for answers without a code (a HEAD's empty 403). */
export function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
}

/** `Code: message — hint`, on one line, secrets masked. */
export function errorLine(error: unknown): string {
  if (!(error instanceof Object)) return `Error: ${String(error)}`;
  const e = error as ErrorLike;
  if (errorCode(e) === 'ERR_SCRIPT_EXECUTION_INTERRUPTED' || e.name === 'AbortError') {
    return 'Interrupted: the call was aborted (Ctrl-C)';
  }
  const code = errorCode(e);
  // Happy-eyeballs connects fail with an AggregateError whose own message is empty.
  const message = (e.message || e.errors?.[0]?.message || '')
    .split('\n')[0]
    // The SDK's HTTP handler prefixes its own log tag.
    .replace(/^@[\w/.-]+ - \[\w+\] /, '')
    .trim();
  const attempts = e.$metadata?.attempts ?? 0;
  const hint = HINTS[code];
  // Node's system errors repeat their code in the message (`ENOENT: no such file…`).
  const text = !message || message === code ? code : message.startsWith(`${code}: `) ? message : `${code}: ${message}`;
  const line = `${hint ? `${text} — ${hint}` : text}${attempts > 1 ? ` (gave up after ${attempts} attempts)` : ''}`;
  return maskText(line);
}
