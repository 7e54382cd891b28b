/**
 * Masking of secrets before anything reaches the terminal: printed values, debug logs, errors.
 * Keys are matched by name (SDK shapes, credential objects, config files); private keys also by
 * their PEM armour, wherever they appear.
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
