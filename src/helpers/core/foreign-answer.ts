/**
 * Answers that are not AWS's (a web server's 404 page, a proxy's login page) would otherwise
 * reach the SDK's XML or JSON parser and print its complaint (`Unexpected token '<'`). This
 * middleware, next to the HTTP handler, names what answered instead:
 * `NotAws: HTTP 404 from http://127.0.0.1:8080: Not Found`.
 */
import { Readable } from 'node:stream';
import { pawsError } from './errors.js';

interface Exchange {
  request: { protocol: string; hostname: string; port?: number };
}
interface Answer {
  response: { statusCode: number; headers: Record<string, string>; body?: unknown };
}

/** AWS answers in XML or JSON; its errors always. Web pages and plain text are someone else. */
function isForeign(answer: Answer['response'], operation: string | undefined): boolean {
  const type = Object.entries(answer.headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
  // S3 objects are served with their own content type.
  if (operation === 'GetObjectCommand' && answer.statusCode < 300) return false;
  return /html/.test(type) || (answer.statusCode >= 300 && /^text\/plain/.test(type));
}

/** The page's title, else its first line of text. */
async function firstLine(body: unknown): Promise<string> {
  if (!(body instanceof Readable)) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    chunks.push(Buffer.from(chunk));
    if (chunks.reduce((n, c) => n + c.length, 0) > 64 * 1024) break;
  }
  const text = Buffer.concat(chunks).toString('utf8');
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const plain = (title ?? text.replace(/<(script|style)[\s\S]*?<\/\1>/gi, '').replace(/<[^>]*>/g, '\n'))
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  return (plain ?? '').slice(0, 120);
}

async function notAws({ request: { protocol, hostname, port } }: Exchange, { response }: Answer): Promise<never> {
  const line = await firstLine(response.body);
  throw pawsError('NotAws', `HTTP ${response.statusCode} from ${protocol}//${hostname}${port ? `:${port}` : ''}${line ? `: ${line}` : ''} — not an AWS endpoint; check --endpoint / AWS_ENDPOINT_URL`);
}

export function foreignAnswerMiddleware() {
  return (next: (args: Exchange) => Promise<Answer>, context: { commandName?: string }) => (args: Exchange) =>
    next(args).then((out) => (isForeign(out.response, context.commandName) ? notAws(args, out) : out));
}
