/**
 * A request body as S3 receives it: aws-chunked decoded when the client chunked it, and checked
 * while it streams — the signed x-amz-content-sha256, Content-MD5, the flexible checksum (header or
 * trailer) and the declared decoded length. A mismatch fails the stream before its end is seen, so
 * nothing half-checked is ever stored.
 */
import type { IncomingMessage } from 'node:http';
import { finished, Transform, type Readable, type TransformCallback } from 'node:stream';
import { AwsError } from '../../core/types.js';
import { AwsChunkedDecoder, type ChunkSigning } from './aws-chunked.js';
import { signingKey } from '../../core/sigv4.js';
import { digestsOf, type BodyDigestValues, type DigestSpec } from './body-digests.js';
import { digester, type Digester } from './digest-pool.js';
import type { KeyRing } from '../../core/keys.js';

const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

export interface BodyExpectations {
  sha256?: string;
  md5?: string;
  checksumAlgorithm?: string;
  checksumValue?: string;
  decodedLength?: number;
  trailers?: () => Record<string, string>;
  /** The body's length as far as the headers tell: bodies of a few MiB are hashed off the event loop. */
  length?: number;
}

/** The verified body; after it ends, `md5`, `size` and `checksum` describe what was received. */
export class VerifiedBody extends Transform {
  size = 0;
  md5 = '';
  checksum?: { algorithm: string; value: string };
  private readonly spec: DigestSpec;
  /** Made when the first byte arrives: an empty body, checked before it was made, needs none. */
  private digester?: Digester;
  /** Checked before it ended (an empty body): nothing left to check at the end. */
  private checked = false;

  constructor(private readonly expect: BodyExpectations) {
    super();
    this.spec = digestSpec(expect);
  }

  /** An empty body, its digests checked already (checkedEmpty), ended. */
  static empty(expect: BodyExpectations, md5: string, checksum: VerifiedBody['checksum']): VerifiedBody {
    const body = new VerifiedBody(expect);
    [body.md5, body.checksum, body.checked] = [md5, checksum, true];
    body.end();
    return body;
  }

  private get digests(): Digester {
    return (this.digester ??= digester(this.spec, this.expect.length));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    const wait = this.digests.update(chunk);
    if (wait) wait.then(() => callback(null, chunk), callback);
    else callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.checked) return callback();
    this.digests.digest().then((d) => callback(this.verify(d)), callback);
  }

  override _destroy(err: Error | null, callback: (err: Error | null) => void): void {
    this.digester?.drop();
    callback(err);
  }

  private verify(d: BodyDigestValues): AwsError | undefined {
    this.md5 = d.md5;
    const checked = checkDigests(this.expect, d, this.size);
    if (checked instanceof AwsError) return checked;
    this.checksum = checked;
    return undefined;
  }
}

function digestSpec(expect: BodyExpectations): DigestSpec {
  return { sha256: expect.sha256 !== undefined, checksum: expect.checksumAlgorithm };
}

/** A body's digests and size against what the request declared: the mismatch's error, else the flexible checksum the body carries. */
function checkDigests(e: BodyExpectations, d: BodyDigestValues, size: number): AwsError | { algorithm: string; value: string } | undefined {
  if (e.sha256 !== undefined && d.sha256 !== e.sha256) {
    return new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400);
  }
  if (e.md5 !== undefined && e.md5 !== Buffer.from(d.md5, 'hex').toString('base64')) {
    return new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400);
  }
  if (e.decodedLength !== undefined && e.decodedLength !== size) {
    return new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400);
  }
  if (!e.checksumAlgorithm) return undefined;
  const algorithm = e.checksumAlgorithm.toUpperCase();
  const declared = e.checksumValue ?? e.trailers?.()[`x-amz-checksum-${algorithm.toLowerCase()}`];
  const value = d.checksum ?? declared;
  if (declared !== undefined && value !== declared) {
    return new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400);
  }
  return value ? { algorithm, value } : undefined;
}

/** A request's verified body, made when the operation reads it (a GET's never is). */
export type BodySource = () => VerifiedBody;

/**
 * Wraps the request's body: decoding, then verification. `checksumHeaders` false: the request's
 * x-amz-checksum-* headers describe something else (CompleteMultipartUpload's, the whole object).
 */
export function verifiedBody(req: IncomingMessage, keys: KeyRing, checksumHeaders = true): BodySource {
  const h = req.headers;
  const contentSha = String(h['x-amz-content-sha256'] ?? '');
  const trailerHeader = String(h['x-amz-trailer'] ?? '');
  let algorithm = String(h['x-amz-sdk-checksum-algorithm'] ?? '') || undefined;
  let value: string | undefined;
  for (const name of checksumHeaders ? Object.keys(h) : []) {
    const m = name.startsWith('x-amz-checksum-') ? CHECKSUM_HEADER.exec(name) : null;
    if (m) [algorithm, value] = [m[1], String(h[name])];
  }
  const trailerAlg = /^x-amz-checksum-(\w+)$/.exec(trailerHeader)?.[1];
  if (trailerAlg) algorithm = trailerAlg;
  const chunked = contentSha.startsWith('STREAMING-') || /aws-chunked/.test(String(h['content-encoding'] ?? ''));
  const decoder = chunked ? new AwsChunkedDecoder(chunkSigning(req, contentSha, keys)) : undefined;
  const decodedLength = h['x-amz-decoded-content-length'] !== undefined ? Number(h['x-amz-decoded-content-length']) : undefined;
  const expect: BodyExpectations = {
    sha256: /^[0-9a-f]{64}$/.test(contentSha) ? contentSha : undefined,
    md5: h['content-md5'] as string | undefined,
    checksumAlgorithm: algorithm,
    checksumValue: value,
    decodedLength,
    trailers: decoder && (() => decoder.trailers),
    length: decodedLength ?? (h['content-length'] !== undefined ? Number(h['content-length']) : undefined),
  };
  if (!decoder && hasNoBody(req)) return checkedEmpty(req, expect);
  const body = new VerifiedBody(expect);
  connect(req, decoder ? [decoder, body] : [body]);
  return () => body;
}

/**
 * A GET, HEAD or DELETE: no stream to join the request to. The empty body's digests are checked at
 * once — a mismatch (a signed x-amz-content-sha256 or Content-MD5 of other bytes) is the request's
 * answer, not left to fail a stream no handler reads — and its stream is made only for an
 * operation that reads it (an empty PutObject).
 */
function checkedEmpty(req: IncomingMessage, expect: BodyExpectations): BodySource {
  req.resume();
  const digests = digestsOf(digestSpec(expect), Buffer.alloc(0));
  const checksum = checkDigests(expect, digests, 0);
  if (checksum instanceof AwsError) throw checksum;
  let body: VerifiedBody | undefined;
  return () => (body ??= VerifiedBody.empty(expect, digests.md5, checksum));
}

/** A request whose framing says it carries no body (RFC 9112 §6.3: neither Transfer-Encoding nor a non-zero Content-Length). */
function hasNoBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] === undefined && (length === undefined || Number(length) === 0);
}

/**
 * Pipes the request through `stages` and, as stream.pipeline does, ends those not yet finished at
 * the first error — without the AbortController pipeline makes and aborts for every request (a
 * DOMException, stack trace and all: ~4% of a small PutObject's CPU). The request is drained rather
 * than destroyed, which would close its socket before the error's answer is sent.
 */
function connect(req: IncomingMessage, stages: Transform[]): void {
  const streams = [req, ...stages];
  const open = new Set<Readable>(streams);
  streams.forEach((stream, i) => {
    const last = i === stages.length;
    if (!last) stream.pipe(stages[i]);
    finished(stream, { readable: !last, writable: i > 0 }, (err) => {
      open.delete(stream);
      if (!err) return;
      for (const other of open) {
        if (other === req) req.unpipe().resume();
        else other.destroy(err);
      }
      open.clear();
    });
  });
}

function chunkSigning(req: IncomingMessage, contentSha: string, keys: KeyRing): ChunkSigning | undefined {
  if (!contentSha.startsWith('STREAMING-AWS4-HMAC-SHA256-PAYLOAD')) return undefined;
  const m = /Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,.*Signature=([0-9a-f]{64})/.exec(req.headers.authorization ?? '');
  const key = m && keys.lookup(m[1]);
  if (!m || !key) throw new AwsError('AccessDenied', 'Signed chunked uploads need an Authorization header.', 403);
  return {
    signingKey: signingKey(key.secretAccessKey, m[2], m[3], m[4]),
    amzDate: String(req.headers['x-amz-date'] ?? ''),
    scope: `${m[2]}/${m[3]}/${m[4]}/aws4_request`,
    seedSignature: m[5],
  };
}
