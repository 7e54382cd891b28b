/** Request bodies of the RPC protocols: read whole, and inflated when gzipped, both within MAX_BODY. */
import type { IncomingMessage } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { AwsError } from '../core/types.js';

/** The most a request body may hold, as sent and (gzip) inflated alike. */
export const MAX_BODY = 16 * 1024 * 1024;

function tooLarge(): AwsError {
  return new AwsError('RequestEntityTooLarge', `Request body is too large: the limit is ${MAX_BODY} bytes.`, 413);
}

/** The whole body. Read with 'data' events: an async iterator costs a few promises per request, and most bodies are one chunk. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      req.off('data', onData).pause();
      reject(tooLarge());
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/**
 * The body as the client meant it: CloudWatch's PutMetricData bodies over 10 KB arrive gzipped
 * (signed as sent). A small body of zeros must not become gigabytes; `malformed` is the protocol's
 * error for a body that is not gzip.
 */
export function inflated(req: IncomingMessage, body: Buffer, malformed: (message: string) => AwsError): Buffer {
  if (String(req.headers['content-encoding'] ?? '').trim().toLowerCase() !== 'gzip') return body;
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BODY });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw tooLarge();
    throw malformed('The request body is not valid gzip (Content-Encoding: gzip).');
  }
}
