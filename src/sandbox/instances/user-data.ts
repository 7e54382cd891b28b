/**
 * The scripts in an instance's user data, as cloud-init finds them: the data may be gzipped and may
 * be a MIME multipart message whose text/x-shellscript parts (or parts starting with `#!`) run.
 * Other part types (#cloud-config, #include…) are not interpreted by the sandbox.
 */
import { gunzipSync } from 'node:zlib';

export function userDataScripts(data: Buffer): Buffer[] {
  const raw = data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data;
  const text = raw.toString('utf8');
  if (text.startsWith('#!')) return [raw];
  const boundary = /^content-type:\s*multipart\/[^\n]*boundary="?([^";\r\n]+)"?/im.exec(text)?.[1];
  if (!boundary) return [];
  return text
    .split(`--${boundary}`)
    .slice(1)
    .filter((part) => !part.startsWith('--'))
    .map(parsePart)
    .filter((p) => p.type === 'text/x-shellscript' || p.body.startsWith('#!'))
    .map((p) => Buffer.from(p.body));
}

function parsePart(part: string): { type: string; body: string } {
  const sep = /\r?\n\r?\n/.exec(part);
  const head = sep ? part.slice(0, sep.index) : '';
  let body = sep ? part.slice(sep.index + sep[0].length) : part;
  const type = /^content-type:\s*([^;\s]+)/im.exec(head)?.[1].toLowerCase() ?? '';
  if (/^content-transfer-encoding:\s*base64/im.test(head)) body = Buffer.from(body, 'base64').toString('utf8');
  return { type, body: body.replace(/\r?\n$/, '') };
}
