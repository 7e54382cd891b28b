/** Recipe 3.13: a large object uploaded in parallel parts. */
import { stat } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Upload } from '@aws-sdk/lib-storage';
import type { Session } from '../../core/session.js';
import { currentSignal, withoutSignal } from '../../core/call-context.js';
import { errorCode, errorLine } from '../../core/errors.js';
import type { Reporter } from '../../core/reporter.js';
import { refOf, type Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import type { Key } from '../key.js';
import { uploadLines, type PartInFlight } from '../progress-bar.js';
import { expandPath } from './local-path.js';
import { requireBucket, requireKey } from './lookup.js';

/**
 * After a failure or Ctrl-C the parts sent so far stay stored (and billed) until the upload is
 * aborted; lib-storage's own abort goes out on the already-aborted signal, so it is done here.
 * Ctrl-C can come while CreateMultipartUpload is under way: its answer (or, when that request
 * was cut off after AWS acted on it, the listing of this key's uploads begun since) names it.
 */
async function abandon(upload: Upload, bucket: Bucket, key: string, started: Date, out: Reporter): Promise<void> {
  const pending = upload as unknown as { uploadId?: string; createMultiPartPromise?: Promise<{ UploadId?: string }> };
  const created = pending.uploadId ?? (await pending.createMultiPartPromise?.catch(() => undefined))?.UploadId;
  const uploadIds = created ? [created] : pending.createMultiPartPromise ? await uploadsBegunSince(bucket, key, started) : [];
  for (const uploadId of uploadIds) {
    try {
      await withoutSignal(() => bucket.client.abortMultipartUpload({ Bucket: bucket.name, Key: key, UploadId: uploadId }));
      out.say(`Aborted the multipart upload of ${bucket.name}/${key}: no parts are left behind`);
    } catch (error) {
      if (errorCode(error) === 'NoSuchUpload') continue;
      out.say(`Could not abort the multipart upload of ${bucket.name}/${key} (${errorLine(error)}); abort it with await s3.abortMultipartUpload({Bucket: '${bucket.name}', Key: '${key}', UploadId: '${uploadId}'})`);
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

/**
 * Recipe 3.13: a parallel multipart upload, showing a line per part in flight and the total's bar. A failure or Ctrl-C aborts the
 * upload, so no parts are left behind (and billed).
 */
export async function multipartUpload(session: Session, path: string, bucketName: Ref<Bucket>, keyName?: Ref<Key>, options: MultipartOptions = {}): Promise<Key> {
  const out = session.reporter;
  const file = expandPath(path);
  const { size } = await stat(file);
  const bucket = await requireBucket(session, bucketName);
  const partSize = options.partSize ?? 8 * 1024 * 1024;
  const key = keyName ? refOf(keyName, 'a key') : basename(file);
  // The view's parts in flight: each UploadPart the upload sends, from its request to its answer.
  const inFlight = new Map<number, PartInFlight>();
  let loaded = 0;
  const started = Date.now();
  const show = () => out.progress(uploadLines(inFlight.values(), loaded, size, Date.now() - started), `${Math.floor((loaded / Math.max(size, 1)) * 10)}`);
  const client = new Proxy(bucket.client, {
    get(target, prop, receiver) {
      if (prop !== 'send') return Reflect.get(target, prop, receiver);
      return async (command: { input: { PartNumber?: number; Body?: { length?: number } } }, ...rest: unknown[]) => {
        const part = command.input.PartNumber;
        if (part !== undefined) inFlight.set(part, { part, bytes: command.input.Body?.length ?? 0, startedMs: Date.now() });
        show();
        try {
          return await Reflect.apply(target.send, target, [command, ...rest]);
        } finally {
          if (part !== undefined) inFlight.delete(part);
        }
      };
    },
  });
  const upload = new Upload({
    client,
    params: { Bucket: bucket.name, Key: key, Body: createReadStream(file, { highWaterMark: 1024 * 1024 }), ContentLength: size },
    partSize,
    queueSize: options.concurrency ?? 4,
    leavePartsOnError: false,
  });
  upload.on('httpUploadProgress', (p) => {
    loaded = p.loaded ?? 0;
    show();
  });
  const signal = currentSignal();
  const onAbort = () => void upload.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await upload.done();
  } catch (error) {
    await abandon(upload, bucket, key, new Date(started), out);
    throw error;
  } finally {
    signal?.removeEventListener('abort', onAbort);
    out.end();
  }
  out.say(`${size} bytes transferred / ${size} bytes total in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return requireKey(bucket, key);
}
