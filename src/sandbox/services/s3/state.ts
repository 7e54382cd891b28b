/**
 * The S3 state of one running sandbox: the bucket registry (in the sandbox store, one global
 * namespace shared by all accounts) and each bucket's object index, opened on first use.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { AwsError, type RequestContext, type SandboxRuntime } from '../../core/types.js';
import { SANDBOX_ACCOUNTS } from '../../core/keys.js';
import { BucketIndex } from './bucket-index.js';
import type { BucketConfig, S3State } from './types.js';

/** Names the second sandbox account owns from the start, for "already exists" cases (recipe 3.1). */
export const PRE_OWNED_BUCKETS = ['test', 'bucket', 'my-bucket', 'mybucket', 'backup', 'logs', 'www', 'images', 'data'];

export class S3Backend {
  private readonly indexes = new Map<string, Promise<BucketIndex>>();

  constructor(readonly runtime: SandboxRuntime) {}

  get state(): S3State {
    return this.runtime.store.get<S3State>('s3', 'all', 'global', () => ({
      buckets: Object.fromEntries(PRE_OWNED_BUCKETS.map((name) => [name, newBucketConfig(name, SANDBOX_ACCOUNTS[1].accountId, 'us-east-1')])),
    }));
  }

  /** The bucket, or NoSuchBucket. */
  bucket(name: string): BucketConfig {
    const b = this.state.buckets[name];
    if (!b) throw withExtra(new AwsError('NoSuchBucket', 'The specified bucket does not exist', 404), { BucketName: name });
    return b;
  }

  index(name: string): Promise<BucketIndex> {
    let index = this.indexes.get(name);
    if (!index) this.indexes.set(name, (index = BucketIndex.open(this.dir(name))));
    return index;
  }

  async dropBucket(name: string): Promise<void> {
    const index = this.indexes.get(name);
    this.indexes.delete(name);
    await (await index)?.close();
    delete this.state.buckets[name];
    this.saveBuckets();
    await rm(this.dir(name), { recursive: true, force: true });
  }

  /** Bucket settings are small and rare: they are committed (./index.ts awaits it) before the answer. */
  saveBuckets(): void {
    this.runtime.store.markDirty('s3');
  }

  async close(): Promise<void> {
    for (const index of this.indexes.values()) await (await index).close();
    this.indexes.clear();
  }

  private dir(name: string): string {
    return join(this.runtime.store.filesDir('s3'), name);
  }
}

export function newBucketConfig(name: string, owner: string, region: string): BucketConfig {
  return {
    name,
    owner,
    region,
    created: new Date().toISOString(),
    acl: [],
    ownership: 'BucketOwnerEnforced',
    // New buckets block public access, as S3 has done since April 2023.
    publicAccessBlock: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true },
  };
}

/** S3 errors name what they are about: `<BucketName>`, `<Key>`… */
export function withExtra(err: AwsError, extra: Record<string, string>): AwsError {
  return Object.assign(err, { extra });
}

const backends = new WeakMap<SandboxRuntime, S3Backend>();

export function backend(ctx: RequestContext | SandboxRuntime): S3Backend {
  const runtime = 'sandbox' in ctx ? ctx.sandbox : ctx;
  let b = backends.get(runtime);
  if (!b) {
    backends.set(runtime, (b = new S3Backend(runtime)));
    runtime.onClose(() => b!.close());
  }
  return b;
}
