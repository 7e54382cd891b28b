/**
 * Recipe 3.13: a large object uploaded in parallel parts. The source is a file, so each worker
 * reads its parts' byte ranges straight into one buffer of its own, reused from part to part
 * (nothing is copied, and no garbage is made per chunk, as a stream of 1 MiB reads would), and
 * sends each with its CRC32 (node's native zlib.crc32) in the `x-amz-checksum-crc32` header:
 * S3 checks the part against it, and the SDK, seeing it, neither checksums the part again nor
 * signs its SHA-256 (./checked-parts.ts). One read of every byte and one pass of the CRC.
 */
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { crc32 } from 'node:zlib';
import type { CompletedPart, UploadPartOutput } from '@aws-sdk/client-s3';
import type { Session } from '../../core/session.js';
import { currentSignal, withoutSignal } from '../../core/call-context.js';
import { errorCode, errorLine, pawsError } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { refOf, type Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { uploadLines, type PartInFlight } from '../progress-bar.js';
import { expandPath } from './local-path.js';
import { requireBucket, requireKey } from './lookup.js';

const MIN_PART_SIZE = 5 * 1024 * 1024;
const MAX_PARTS = 10_000;

/**
 * After a failure or Ctrl-C the parts sent so far stay stored (and billed) until the upload is
 * aborted, so it is aborted here, without the (aborted) evaluation's signal. Ctrl-C can come while
 * CreateMultipartUpload is under way: when that request was cut off after AWS acted on it, the
 * listing of this key's uploads begun since names it.
 */
async function abandon(bucket: Bucket, key: string, uploadId: string | undefined, started: Date, out: Reporter): Promise<void> {
  const uploadIds = uploadId ? [uploadId] : await uploadsBegunSince(bucket, key, started);
  for (const id of uploadIds) {
    try {
      await withoutSignal(() => bucket.client.abortMultipartUpload({ Bucket: bucket.name, Key: key, UploadId: id }));
      out.say(`Aborted the multipart upload of ${bucket.name}/${key}: no parts are left behind`);
    } catch (error) {
      if (errorCode(error) === 'NoSuchUpload') continue;
      out.say(`Could not abort the multipart upload of ${bucket.name}/${key} (${errorLine(error)}); abort it with await s3.abortMultipartUpload({Bucket: '${bucket.name}', Key: '${key}', UploadId: '${id}'})`);
    }
  }
}

/** Upload ids of `key` begun at or after `since` (less a minute of clock skew). */
async function uploadsBegunSince(bucket: Bucket, key: string, since: Date): Promise<string[]> {
  const { Uploads = [] } = await withoutSignal(() => bucket.client.listMultipartUploads({ Bucket: bucket.name, Prefix: key })).catch(() => ({ Uploads: [] }));
  return Uploads.filter((u) => u.Key === key && u.UploadId && (u.Initiated?.getTime() ?? 0) >= since.getTime() - 60_000).map((u) => u.UploadId!);
}

export interface MultipartOptions {
  /** Bytes per part (at least 5 MiB). @default 8 MiB */
  partSize?: number;
  /** Parts in flight at once. @default 4 */
  concurrency?: number;
}

interface Range {
  part: number;
  start: number;
  end: number;
}

/** The file's parts: `partSize` bytes each (more when the file would need over S3's 10,000 parts), the last one shorter. */
function partRanges(size: number, partSize: number): Range[] {
  const each = Math.max(partSize, Math.ceil(size / MAX_PARTS));
  const count = Math.max(1, Math.ceil(size / each));
  return Array.from({ length: count }, (_, i) => ({ part: i + 1, start: i * each, end: Math.min(size, (i + 1) * each) }));
}

/** The part's bytes, read into `buffer`. */
async function readPart(file: FileHandle, path: string, buffer: Buffer, { start, end }: Range): Promise<Buffer> {
  const body = buffer.subarray(0, end - start);
  for (let done = 0; done < body.length; ) {
    const { bytesRead } = await file.read(body, done, body.length - done, start + done);
    if (bytesRead === 0) throw pawsError('FileChanged', `${path} became shorter while being uploaded: upload it again once nothing writes to it`);
    done += bytesRead;
  }
  return body;
}

/** The CRC32 of `body` as S3 takes it: the big-endian value, base64. */
function crc32Base64(body: Buffer): string {
  const value = Buffer.alloc(4);
  value.writeUInt32BE(crc32(body));
  return value.toString('base64');
}

/** What CompleteMultipartUpload needs of a part's answer: its ETag and the checksum S3 computed. */
function completed(part: number, { ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 }: UploadPartOutput): CompletedPart {
  return { PartNumber: part, ETag, ChecksumCRC32, ChecksumCRC32C, ChecksumCRC64NVME, ChecksumSHA1, ChecksumSHA256 };
}

/**
 * Recipe 3.13: a parallel multipart upload, showing a line per part in flight and the total's bar. A failure or Ctrl-C aborts the
 * upload, so no parts are left behind (and billed).
 */
export async function multipartUpload(session: Session, path: string, bucketName: Ref<Bucket>, keyName?: Ref<Key>, options: MultipartOptions = {}): Promise<Key> {
  const out = session.reporter;
  const file = expandPath(path);
  const source = await stat(file);
  // Parts are byte ranges of the file: a pipe or device has no size to split, and would be sent as empty.
  if (!source.isFile()) throw pawsError('NotAFile', `${path} is not a regular file: multipartUpload sends byte ranges of a file; save the data to a file first`);
  const { size } = source;
  const bucket = await requireBucket(session, bucketName);
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  if (!(partSize >= MIN_PART_SIZE)) throw pawsError('EntityTooSmall', `partSize ${partSize} is below S3's smallest part, 5 MiB: give {partSize: 5 * 1024 * 1024} or more`);
  const key = keyName ? refOf(keyName, 'a key') : basename(file);
  const ranges = partRanges(size, partSize);
  const client = bucket.client;
  const target = { Bucket: bucket.name, Key: key };
  const started = Date.now();
  // The view's parts in flight: each part, from its request to its answer.
  const inFlight = new Map<number, PartInFlight>();
  let loaded = 0;
  const show = () => out.progress(uploadLines(inFlight.values(), loaded, size, Date.now() - started), `${Math.floor((loaded / Math.max(size, 1)) * 10)}`);
  /** Runs a part's request (reading it included), showing it in flight meanwhile. */
  async function send<T>({ part, start, end }: Range, request: () => Promise<T>): Promise<T> {
    inFlight.set(part, { part, bytes: end - start, startedMs: Date.now() });
    show();
    try {
      const answer = await request();
      loaded += end - start;
      return answer;
    } finally {
      inFlight.delete(part);
      show();
    }
  }
  // The first failure stops the other parts in flight; Ctrl-C stops them all (the evaluation's signal).
  const stop = new AbortController();
  const evaluation = currentSignal();
  const abortSignal = evaluation ? AbortSignal.any([evaluation, stop.signal]) : stop.signal;
  let uploadId: string | undefined;
  try {
    if (ranges.length === 1) {
      // One part's worth: a single PutObject, as lib-storage and the AWS CLI send it, streamed with the SDK's CRC32 trailer.
      await send(ranges[0], () => client.putObject({ ...target, Body: createReadStream(file), ContentLength: size }, { abortSignal }));
    } else {
      const source = await open(file);
      try {
        // The parts' CRC32s are the SDK's default (not where the user's config says WHEN_REQUIRED), declared up front as lib-storage does.
        const crcs = (await client.config.requestChecksumCalculation()) === 'WHEN_SUPPORTED';
        ({ UploadId: uploadId } = await client.createMultipartUpload({ ...target, ...(crcs && { ChecksumAlgorithm: 'CRC32' }) }, { abortSignal }));
        const parts: CompletedPart[] = [];
        let next = 0;
        let failure: unknown;
        const worker = async () => {
          // Reused for this worker's parts: a part's request has been answered, so its bytes sent, before the next is read.
          const buffer = Buffer.allocUnsafe(ranges[0].end - ranges[0].start);
          while (next < ranges.length && !abortSignal.aborted) {
            const range = ranges[next++];
            const answer = await send(range, async () => {
              const body = await readPart(source, path, buffer, range);
              const checked = crcs && { ChecksumAlgorithm: 'CRC32' as const, ChecksumCRC32: crc32Base64(body) };
              return client.uploadPart({ ...target, UploadId: uploadId, PartNumber: range.part, Body: body, ContentLength: body.length, ...checked }, { abortSignal });
            });
            parts[range.part - 1] = completed(range.part, answer);
          }
        };
        const workers = Array.from({ length: Math.min(options.concurrency ?? 4, ranges.length) }, () =>
          worker().catch((error) => {
            failure ??= error;
            stop.abort();
          }),
        );
        await Promise.all(workers);
        if (failure !== undefined || abortSignal.aborted) throw failure ?? abortSignal.reason;
        await client.completeMultipartUpload({ ...target, UploadId: uploadId, MultipartUpload: { Parts: parts } }, { abortSignal });
      } catch (error) {
        await abandon(bucket, key, uploadId, new Date(started), out);
        throw error;
      } finally {
        await source.close();
      }
    }
  } finally {
    out.end();
  }
  out.say(`${size} bytes transferred / ${size} bytes total in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return requireKey(bucket, key);
}
