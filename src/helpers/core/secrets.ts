/**
 * Masking of secrets before anything reaches the terminal: printed values, debug logs, errors.
 * Keys are matched by name (SDK shapes, credential objects, config files); private keys also by
 * their PEM armour, wherever they appear; and every secret value the session has seen (SDK
 * answers, the credentials in use, the environment) by its value, whatever path prints it.
 */

export const MASK = '****';

const SECRET_NAMES = new Set(
  [
    'SecretAccessKey',
    'SessionToken',
    'KeyMaterial',
    'PrivateKey',
    'Password',
    'SecretString',
    'ClientSecret',
    'aws_secret_access_key',
    'aws_session_token',
  ].map((n) => n.toLowerCase()),
);

/** Whether a property of this name holds a secret (`SecretAccessKey`, `secretAccessKey`, `Password`…). */
export function isSecretName(name: string): boolean {
  return SECRET_NAMES.has(name.toLowerCase());
}

const PEM_PRIVATE_KEY = /-----BEGIN ([A-Z0-9 ]*)PRIVATE KEY-----[\s\S]*?(-----END \1PRIVATE KEY-----|$)/g;
const NAMES = [...SECRET_NAMES].join('|');
/** `<SecretAccessKey>…</SecretAccessKey>` in XML bodies. */
const XML_SECRET = new RegExp(`<(${NAMES})>[^<]*</\\1>`, 'gi');
/** `"SecretAccessKey": "…"` in JSON bodies. */
const JSON_SECRET = new RegExp(`"(${NAMES})"(\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi');
/** `SecretAccessKey=…` in form-encoded bodies and query strings (also `X.N.Password=`). */
const FORM_SECRET = new RegExp(`((?:^|[&?.])(?:${NAMES}))=[^&]*`, 'gim');

/** `secretAccessKey: 'abc'` in util.inspect output (colored or not). */
const INSPECTED_SECRET = new RegExp(`(\\b(?:${NAMES})\\b'?:\\s*)(?:\\x1b\\[\\d+m)?(['"\`])(?:(?!\\2)[^\\\\]|\\\\.)*\\2(?:\\x1b\\[\\d+m)?`, 'gi');

/**
 * Masks secrets in util.inspect output: the safety net for values paws does not copy before
 * printing (inside promises, Maps, class instances).
 */
export function maskInspected(text: string): string {
  return maskString(text).replace(INSPECTED_SECRET, `$1${MASK}`);
}

/** Masks private keys in a string value (other strings are returned unchanged). */
export function maskString(value: string): string {
  return value.includes('PRIVATE KEY-----') ? value.replace(PEM_PRIVATE_KEY, MASK) : value;
}

/** Masks secrets inside wire text: XML, JSON and form bodies, query strings, PEM blocks. */
export function maskText(text: string): string {
  return maskString(text)
    .replace(XML_SECRET, `<$1>${MASK}</$1>`)
    .replace(JSON_SECRET, `"$1"$2"${MASK}"`)
    .replace(FORM_SECRET, `$1=${MASK}`);
}

/** Secret values seen this process, longest first when masking (one may contain another). */
const known = new Set<string>();

/** Shorter values would mask ordinary words; real secrets are far longer. */
const SHORTEST_SECRET = 6;

/** Masks `value` wherever it is printed from now on, also as JSON and inspect escape it. */
export function rememberSecret(value: unknown): void {
  if (typeof value !== 'string' || value.length < SHORTEST_SECRET || known.has(value)) return;
  known.add(value);
  const escaped = JSON.stringify(value).slice(1, -1);
  if (escaped !== value) known.add(escaped);
  // Each line of a multi-line secret (a PEM body printed line by line).
  for (const line of value.split(/\r?\n/)) if (line.length >= 16 && !line.startsWith('-----')) known.add(line);
}

/** Remembers the secret-named values inside an SDK answer or a credentials object, at any depth. */
export function rememberSecretsIn(value: unknown, seen = new Set<object>()): void {
  if (typeof value !== 'object' || value === null || seen.has(value)) return;
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && isSecretName(key)) rememberSecret(item);
    else if (typeof item === 'object') rememberSecretsIn(item, seen);
  }
}

/** The secrets of the environment the process started with (AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN). */
export function rememberEnvironmentSecrets(env: Record<string, string | undefined> = process.env): void {
  for (const [name, value] of Object.entries(env)) if (isSecretName(name) || /SECRET|TOKEN|PASSWORD/i.test(name)) rememberSecret(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let knownPattern: { size: number; regexp: RegExp } | undefined;

function knownValues(): RegExp | undefined {
  if (known.size === 0) return undefined;
  if (knownPattern?.size !== known.size) {
    const alternatives = [...known].sort((a, b) => b.length - a.length).map(escapeRegExp);
    knownPattern = { size: known.size, regexp: new RegExp(alternatives.join('|'), 'g') };
  }
  return knownPattern.regexp;
}

/**
 * Everything on its way to the terminal, a transcript, a saved script or the history: known
 * secret values, wire text and inspect output masked.
 */
export function maskOutput(text: string): string {
  const values = knownValues();
  return maskInspected(maskText(values ? text.replace(values, MASK) : text));
}
