/**
 * A request body as S3 receives it: aws-chunked decoded when the client chunked it, and checked
 * while it streams — the signed x-amz-content-sha256, Content-MD5, the flexible checksum (header or
 * trailer) and the declared decoded length. A mismatch fails the stream before its end is seen, so
 * nothing half-checked is ever stored.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { AwsError } from '../../core/types.js';
import { AwsChunkedDecoder, signingKey, type ChunkSigning } from './aws-chunked.js';
import { checksummer, type Checksummer } from './checksums.js';
import type { KeyRing } from '../../core/keys.js';

const CHECKSUM_HEADER = /^x-amz-checksum-(crc32|crc32c|crc64nvme|sha1|sha256)$/;

export interface BodyExpectations {
  sha256?: string;
  md5?: string;
  checksumAlgorithm?: string;
  checksumValue?: string;
  decodedLength?: number;
  trailers?: () => Record<string, string>;
}

/** The verified body; after it ends, `md5`, `size` and `checksum` describe what was received. */
export class VerifiedBody extends Transform {
  size = 0;
  md5 = '';
  checksum?: { algorithm: string; value: string };
  private readonly md5Hash = createHash('md5');
  private readonly sha256Hash?: ReturnType<typeof createHash>;
  private readonly sum?: Checksummer;

  constructor(private readonly expect: BodyExpectations) {
    super();
    if (expect.sha256) this.sha256Hash = createHash('sha256');
    if (expect.checksumAlgorithm) this.sum = checksummer(expect.checksumAlgorithm);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, callback: TransformCallback): void {
    this.size += chunk.length;
    this.md5Hash.update(chunk);
    this.sha256Hash?.update(chunk);
    this.sum?.update(chunk);
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const md5 = this.md5Hash.digest();
    this.md5 = md5.toString('hex');
    const e = this.expect;
    if (this.sha256Hash && this.sha256Hash.digest('hex') !== e.sha256) {
      return callback(new AwsError('XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.", 400));
    }
    if (e.md5 !== undefined && e.md5 !== md5.toString('base64')) {
      return callback(new AwsError('BadDigest', 'The Content-MD5 you specified did not match what we received.', 400));
    }
    if (e.decodedLength !== undefined && e.decodedLength !== this.size) {
      return callback(new AwsError('IncompleteBody', 'You did not provide the number of bytes specified by the Content-Length HTTP header', 400));
    }
    if (e.checksumAlgorithm) {
      const algorithm = e.checksumAlgorithm.toUpperCase();
      const declared = e.checksumValue ?? e.trailers?.()[`x-amz-checksum-${algorithm.toLowerCase()}`];
      const value = this.sum?.digest() ?? declared;
      if (declared !== undefined && value !== declared) {
        return callback(new AwsError('BadDigest', `The ${algorithm} you specified did not match the calculated checksum.`, 400));
      }
      if (value) this.checksum = { algorithm, value };
    }
    callback();
  }
}

/** Wraps the request's body: decoding, then verification. */
export function verifiedBody(req: IncomingMessage, keys: KeyRing): VerifiedBody {
  const h = req.headers;
  const contentSha = String(h['x-amz-content-sha256'] ?? '');
  const trailerHeader = String(h['x-amz-trailer'] ?? '');
  let algorithm = String(h['x-amz-sdk-checksum-algorithm'] ?? '') || undefined;
  let value: string | undefined;
  for (const name of Object.keys(h)) {
    const m = CHECKSUM_HEADER.exec(name);
    if (m) [algorithm, value] = [m[1], String(h[name])];
  }
  const trailerAlg = /^x-amz-checksum-(\w+)$/.exec(trailerHeader)?.[1];
  if (trailerAlg) algorithm = trailerAlg;
  const chunked = contentSha.startsWith('STREAMING-') || /aws-chunked/.test(String(h['content-encoding'] ?? ''));
  const decoder = chunked ? new AwsChunkedDecoder(chunkSigning(req, contentSha, keys)) : undefined;
  const body = new VerifiedBody({
    sha256: /^[0-9a-f]{64}$/.test(contentSha) ? contentSha : undefined,
    md5: h['content-md5'] as string | undefined,
    checksumAlgorithm: algorithm,
    checksumValue: value,
    decodedLength: h['x-amz-decoded-content-length'] !== undefined ? Number(h['x-amz-decoded-content-length']) : undefined,
    trailers: decoder && (() => decoder.trailers),
  });
  const streams: Array<Readable | Transform> = decoder ? [req, decoder, body] : [req, body];
  return (pipeline as (...s: unknown[]) => VerifiedBody)(...streams, () => {});
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
