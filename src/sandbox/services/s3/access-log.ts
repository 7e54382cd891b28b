/**
 * Server access logging: a record per request to a bucket that has logging enabled, in S3's log
 * format, delivered in batches (every simulated minute and at shutdown) as objects written by S3
 * itself into the target bucket under the target prefix.
 */
import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import type { SandboxRuntime } from '../../core/types.js';
import type { S3Backend } from './state.js';
import { canonicalId, type BucketConfig, type ObjectVersion } from './types.js';
import { newVersionId, storeVersion } from './objects.js';

export interface AccessRecord {
  bucket: BucketConfig;
  time: Date;
  remoteIp: string;
  requester: string;
  requestId: string;
  operation: string;
  key?: string;
  requestUri: string;
  status: number;
  errorCode?: string;
  bytesSent: number;
  objectSize?: number;
  totalMs: number;
  userAgent: string;
  versionId?: string;
  host: string;
  signed: boolean;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function logTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `[${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000]`;
}

export function formatRecord(r: AccessRecord): string {
  const dash = (v: unknown) => (v === undefined || v === '' ? '-' : String(v));
  return [
    canonicalId(r.bucket.owner),
    r.bucket.name,
    logTime(r.time),
    r.remoteIp,
    r.requester,
    r.requestId,
    r.operation,
    dash(r.key && encodeURIComponent(r.key)),
    `"${r.requestUri}"`,
    r.status,
    dash(r.errorCode),
    dash(r.bytesSent || undefined),
    dash(r.objectSize),
    r.totalMs,
    '-',
    '"-"',
    `"${r.userAgent.replace(/"/g, '')}"`,
    dash(r.versionId),
    r.requestId,
    r.signed ? 'SigV4' : '-',
    '-',
    r.signed ? 'AuthHeader' : '-',
    r.host,
    '-',
    '-',
    '-',
  ].join(' ');
}

export class AccessLogger {
  private buffers = new Map<string, string[]>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly s3: S3Backend,
    private readonly runtime: SandboxRuntime,
  ) {
    runtime.onClose(() => this.deliver());
  }

  record(r: AccessRecord): void {
    const logging = r.bucket.logging;
    if (!logging) return;
    const lines = this.buffers.get(r.bucket.name) ?? [];
    lines.push(formatRecord(r));
    this.buffers.set(r.bucket.name, lines);
    this.timer ??= setTimeout(() => void this.deliver(), 60_000 * this.runtime.options.timeScale);
  }

  /** Writes each source bucket's pending records as one log object. */
  async deliver(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const buffers = this.buffers;
    this.buffers = new Map();
    for (const [source, lines] of buffers) {
      const logging = this.s3.state.buckets[source]?.logging;
      const target = logging && this.s3.state.buckets[logging.TargetBucket!];
      if (!target) continue;
      const index = await this.s3.index(target.name);
      const body = Buffer.from(`${lines.join('\n')}\n`);
      const segment = await index.data.write(Readable.from([body]));
      const now = new Date();
      const stamp = now.toISOString().slice(0, 19).replace(/[T:]/g, '-');
      const version: ObjectVersion = {
        versionId: newVersionId(target),
        lastModified: now.toISOString(),
        etag: `"${createHash('md5').update(body).digest('hex')}"`,
        size: segment.size,
        segments: [segment],
        headers: { ContentType: 'text/plain' },
        metadata: {},
        storageClass: 'STANDARD',
        owner: target.owner,
        acl: [],
      };
      await storeVersion(index, `${logging.TargetPrefix ?? ''}${stamp}-${randomBytes(8).toString('hex').toUpperCase()}`, version);
    }
  }
}
