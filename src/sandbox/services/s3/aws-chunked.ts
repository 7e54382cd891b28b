/**
 * The aws-chunked content encoding: `hex-size[;chunk-signature=…]\r\n<data>\r\n` … `0\r\n`, then
 * trailing headers (`x-amz-checksum-crc32:…`) and a blank line. The SDK sends it unsigned with a
 * trailing checksum (STREAMING-UNSIGNED-PAYLOAD-TRAILER) for stream bodies; other clients sign each
 * chunk (STREAMING-AWS4-HMAC-SHA256-PAYLOAD), chained from the request's own signature.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AwsError } from '../../core/types.js';

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const MAX_LINE = 4096;

/** What signed chunks are checked against: the signing key, scope and the seed signature. */
export interface ChunkSigning {
  signingKey: Buffer;
  amzDate: string;
  /** `20261128/us-east-1/s3/aws4_request` */
  scope: string;
  seedSignature: string;
}

type State = 'size' | 'data' | 'data-end' | 'trailer';

export class AwsChunkedDecoder extends Transform {
  /** Trailing headers, lower-cased, once the body has ended. */
  readonly trailers: Record<string, string> = {};
  private state: State = 'size';
  private line: Buffer = Buffer.alloc(0);
  private remaining = 0;
  private chunkSignature?: string;
  private chunkHash?: ReturnType<typeof createHash>;
  private previousSignature?: string;
  private done = false;

  constructor(private readonly signing?: ChunkSigning) {
    super();
    this.previousSignature = signing?.seedSignature;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    try {
      this.consume(chunk);
      callback();
    } catch (err) {
      callback(err as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    callback(this.done ? null : new AwsError('IncompleteBody', 'The request body terminated unexpectedly', 400));
  }

  private consume(buf: Buffer): void {
    let i = 0;
    while (i < buf.length) {
      if (this.state === 'data') {
        const n = Math.min(this.remaining, buf.length - i);
        const data = buf.subarray(i, i + n);
        this.chunkHash?.update(data);
        this.push(data);
        this.remaining -= n;
        i += n;
        if (this.remaining === 0) this.state = 'data-end';
        continue;
      }
      // Line-oriented states: gather up to CRLF.
      const nl = buf.indexOf(0x0a, i);
      const end = nl === -1 ? buf.length : nl + 1;
      this.line = this.line.length ? Buffer.concat([this.line, buf.subarray(i, end)]) : buf.subarray(i, end);
      if (this.line.length > MAX_LINE) throw malformed();
      i = end;
      if (nl === -1) {
        this.line = Buffer.from(this.line); // detach from the caller's buffer
        continue;
      }
      const text = this.line.toString('latin1').replace(/\r?\n$/, '');
      this.line = Buffer.alloc(0);
      this.onLine(text);
    }
  }

  private onLine(text: string): void {
    switch (this.state) {
      case 'size': {
        const m = /^([0-9a-fA-F]+)(?:;chunk-signature=([0-9a-f]{64}))?$/.exec(text);
        if (!m) throw malformed();
        this.remaining = parseInt(m[1], 16);
        this.chunkSignature = m[2];
        if (this.signing && !m[2]) throw malformed();
        this.chunkHash = this.signing ? createHash('sha256') : undefined;
        if (this.remaining === 0) {
          this.verifyChunk();
          this.state = 'trailer';
        } else {
          this.state = 'data';
        }
        return;
      }
      case 'data-end':
        if (text !== '') throw malformed();
        this.verifyChunk();
        this.state = 'size';
        return;
      case 'trailer': {
        if (text === '') {
          this.done = true;
          return;
        }
        const colon = text.indexOf(':');
        if (colon < 0) throw malformed();
        this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
        return;
      }
      default:
        throw malformed();
    }
  }

  private verifyChunk(): void {
    if (!this.signing) return;
    const { signingKey: key, amzDate, scope } = this.signing;
    const hash = this.chunkHash?.digest('hex') ?? EMPTY_SHA256;
    const stringToSign = ['AWS4-HMAC-SHA256-PAYLOAD', amzDate, scope, this.previousSignature, EMPTY_SHA256, hash].join('\n');
    const expected = Buffer.from(createHmac('sha256', key).update(stringToSign).digest('hex'));
    const got = Buffer.from(this.chunkSignature ?? '');
    if (expected.length !== got.length || !timingSafeEqual(expected, got)) {
      throw new AwsError('SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.', 403);
    }
    this.previousSignature = this.chunkSignature;
  }
}

function malformed(): AwsError {
  return new AwsError('IncompleteBody', 'The aws-chunked request body is malformed.', 400);
}
