/**
 * The digests S3 takes of a request body: MD5 (the ETag), SHA-256 when the request signed its
 * payload, and the flexible checksum it declared. Used on the event loop for small bodies and in
 * ./digest-worker.ts for big ones.
 */
import { createHash, hash, type Hash } from 'node:crypto';
import { checksummer, type Checksummer } from './checksums.js';

export interface DigestSpec {
  sha256: boolean;
  /** CRC32, CRC32C, SHA1, SHA256… */
  checksum?: string;
}

export interface BodyDigestValues {
  md5: string;
  sha256?: string;
  /** Undefined when the sandbox cannot compute the declared algorithm. */
  checksum?: string;
}

export class BodyDigests {
  private readonly md5 = createHash('md5');
  private readonly sha256?: Hash;
  private readonly sum?: Checksummer;

  constructor(spec: DigestSpec) {
    if (spec.sha256) this.sha256 = createHash('sha256');
    if (spec.checksum) this.sum = checksummer(spec.checksum);
  }

  update(bytes: Buffer): void {
    this.md5.update(bytes);
    this.sha256?.update(bytes);
    this.sum?.update(bytes);
  }

  values(): BodyDigestValues {
    return { md5: this.md5.digest('hex'), sha256: this.sha256?.digest('hex'), checksum: this.sum?.digest() };
  }
}

/** An empty body's MD5 and SHA-256: what every GET, HEAD and DELETE is checked against. */
const EMPTY = { md5: hash('md5', '', 'hex'), sha256: hash('sha256', '', 'hex') };

/** The digests of a whole body at once: one call per digest, no Hash object kept for a small body. */
export function digestsOf(spec: DigestSpec, bytes: Buffer): BodyDigestValues {
  if (bytes.length === 0 && !spec.checksum) return { md5: EMPTY.md5, sha256: spec.sha256 ? EMPTY.sha256 : undefined };
  const sum = spec.checksum ? checksummer(spec.checksum) : undefined;
  sum?.update(bytes);
  return { md5: hash('md5', bytes, 'hex'), sha256: spec.sha256 ? hash('sha256', bytes, 'hex') : undefined, checksum: sum?.digest() };
}
