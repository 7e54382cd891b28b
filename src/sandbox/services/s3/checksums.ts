/**
 * The flexible checksums S3 verifies and stores (`x-amz-checksum-crc32`…), computed while the body
 * streams through. CRC32 is node's zlib.crc32; CRC32C and CRC64NVME have no node built-in, so
 * tables do them (CRC64NVME's 64-bit state as two 32-bit halves, which JS numbers shift exactly).
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Output } from './types.js';

/** The `Checksum<ALGORITHM>` members of an answer about an object or a part. */
export type ChecksumMembers = Pick<Output<'GetObject'>, 'ChecksumCRC32' | 'ChecksumCRC32C' | 'ChecksumCRC64NVME' | 'ChecksumSHA1' | 'ChecksumSHA256'>;

/** `{ ChecksumCRC32: value }` for algorithm `crc32` or `CRC32`; nothing without an algorithm. */
export function checksumMember(algorithm: string | undefined, value: string | undefined): ChecksumMembers {
  return algorithm ? { [`Checksum${algorithm.toUpperCase()}`]: value } : {};
}

export interface Checksummer {
  update(data: Buffer): void;
  /** The value as S3 writes it: base64 of the big-endian digest. */
  digest(): string;
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-64/NVME, reflected: polynomial 0x9a6c9329ac4bc9b5, as [high, low] per byte value. */
const CRC64_TABLE = (() => {
  const table = new Uint32Array(512);
  for (let n = 0; n < 256; n++) {
    let crc = BigInt(n);
    for (let k = 0; k < 8; k++) crc = crc & 1n ? (crc >> 1n) ^ 0x9a6c9329ac4bc9b5n : crc >> 1n;
    table[n * 2] = Number(crc >> 32n);
    table[n * 2 + 1] = Number(crc & 0xffffffffn);
  }
  return table;
})();

function crcDigest(value: number): string {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(value >>> 0);
  return b.toString('base64');
}

const FACTORIES: Record<string, () => Checksummer> = {
  CRC32: () => {
    let value = 0;
    return { update: (d) => void (value = crc32(d, value)), digest: () => crcDigest(value) };
  },
  CRC32C: () => {
    let c = 0xffffffff;
    return {
      update(d) {
        for (let i = 0; i < d.length; i++) c = CRC32C_TABLE[(c ^ d[i]) & 0xff] ^ (c >>> 8);
      },
      digest: () => crcDigest(c ^ 0xffffffff),
    };
  },
  CRC64NVME: () => {
    let [high, low] = [0xffffffff, 0xffffffff];
    return {
      update(d) {
        for (let i = 0; i < d.length; i++) {
          const t = ((low ^ d[i]) & 0xff) * 2;
          low = (((low >>> 8) | ((high & 0xff) << 24)) ^ CRC64_TABLE[t + 1]) >>> 0;
          high = ((high >>> 8) ^ CRC64_TABLE[t]) >>> 0;
        }
      },
      digest() {
        const b = Buffer.alloc(8);
        b.writeUInt32BE((high ^ 0xffffffff) >>> 0, 0);
        b.writeUInt32BE((low ^ 0xffffffff) >>> 0, 4);
        return b.toString('base64');
      },
    };
  },
  SHA1: () => hashChecksummer('sha1'),
  SHA256: () => hashChecksummer('sha256'),
};

function hashChecksummer(alg: string): Checksummer {
  const h = createHash(alg);
  return { update: (d) => void h.update(d), digest: () => h.digest('base64') };
}

/** A checksummer for `algorithm` (CRC32, crc32c…), or undefined when the sandbox cannot compute it. */
export function checksummer(algorithm: string): Checksummer | undefined {
  return FACTORIES[algorithm.toUpperCase()]?.();
}

/** The checksum of checksums that multipart uploads report: `base64(hash(concat part digests))-N`. */
export function compositeChecksum(algorithm: string, partValues: string[]): string | undefined {
  const c = checksummer(algorithm);
  if (!c) return undefined;
  for (const v of partValues) c.update(Buffer.from(v, 'base64'));
  return `${c.digest()}-${partValues.length}`;
}
