/**
 * `.debug on` (recipe 1.7): logs every HTTP request and response of every service object —
 * method, URL, status, headers, body (truncated) — with signatures, tokens and secrets masked.
 * Installed as the innermost middleware, so each retry and the signed request are what is shown.
 */
import { Readable } from 'node:stream';
import { errorLine } from './errors.js';
import { MASK, maskText } from './secrets.js';

const MAX_BODY = 2000;
/** Larger or binary responses are not buffered (that would defeat streaming downloads). */
const MAX_BUFFERED = 256 * 1024;

interface HttpMessage {
  headers: Record<string, string>;
  body?: unknown;
}
interface HttpRequestLike extends HttpMessage {
  method: string;
  protocol: string;
  hostname: string;
  port?: number;
  path: string;
  query?: Record<string, string | string[] | null>;
}
interface HttpResponseLike extends HttpMessage {
  statusCode: number;
}

const MASKED_HEADERS = new Set(['x-amz-security-token', 'x-amz-server-side-encryption-customer-key']);

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(([name, value]) => {
    const lower = name.toLowerCase();
    if (MASKED_HEADERS.has(lower)) value = MASK;
    else if (lower === 'authorization') value = value.replace(/Signature=[0-9a-f]+/, `Signature=${MASK}`);
    return `    ${name}: ${value}`;
  });
}

function url(req: HttpRequestLike): string {
  const query = Object.entries(req.query ?? {})
    .flatMap(([k, v]) => (v === null ? [k] : [v].flat().map((x) => `${k}=${encodeURIComponent(x)}`)))
    .join('&');
  const port = req.port ? `:${req.port}` : '';
  return `${req.protocol}//${req.hostname}${port}${req.path}${query ? `?${query}` : ''}`.replace(
    /(X-Amz-Signature|X-Amz-Security-Token)=[^&]*/gi,
    `$1=${MASK}`,
  );
}

function bodyText(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  const text = typeof body === 'string' ? body : body instanceof Uint8Array ? Buffer.from(body).toString('utf8') : '<stream>';
  const masked = maskText(text);
  return masked.length > MAX_BODY ? `${masked.slice(0, MAX_BODY)}… (${text.length} chars)` : masked;
}

function isTextual(headers: Record<string, string>): boolean {
  const type = Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  const length = Number(Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? 0);
  return /xml|json|text|x-www-form-urlencoded/.test(type) && length <= MAX_BUFFERED;
}

/** Reads a response body so it can be logged, and puts an equivalent stream back for the SDK. */
async function captureBody(res: HttpResponseLike): Promise<string | undefined> {
  if (!(res.body instanceof Readable) || !isTextual(res.headers)) return res.body ? '<not shown>' : undefined;
  const chunks: Buffer[] = [];
  for await (const chunk of res.body) chunks.push(Buffer.from(chunk));
  const buffer = Buffer.concat(chunks);
  res.body = Readable.from([buffer]);
  return bodyText(buffer);
}

type Next = (args: any) => Promise<any>;
interface CallNames {
  clientName?: string;
  commandName?: string;
}

async function logged(next: Next, context: CallNames, args: { request: HttpRequestLike }, log: (line: string) => void): Promise<any> {
  const req = args.request;
  const op = `${context.clientName?.replace(/Client$/, '') ?? ''} ${context.commandName?.replace(/Command$/, '') ?? ''}`;
  const lines = [`→ ${op.trim()}: ${req.method} ${url(req)}`, ...headerLines(req.headers)];
  const reqBody = bodyText(req.body);
  if (reqBody) lines.push(`    ${reqBody}`);
  log(lines.join('\n'));
  const started = Date.now();
  try {
    const out = await next(args);
    const res = out.response as HttpResponseLike;
    const resBody = await captureBody(res);
    const resLines = [`← ${res.statusCode} (${Date.now() - started} ms)`, ...headerLines(res.headers)];
    if (resBody) resLines.push(`    ${resBody}`);
    log(resLines.join('\n'));
    return out;
  } catch (error) {
    log(`← ${errorLine(error)} (${Date.now() - started} ms)`);
    throw error;
  }
}

/** The middleware (for `middlewareStack.add`, step `deserialize`, priority `low`). */
export function httpLogMiddleware(isOn: () => boolean, log: (line: string) => void) {
  return (next: Next, context: CallNames) => (args: { request: HttpRequestLike }) => (isOn() ? logged(next, context, args, log) : next(args));
}
