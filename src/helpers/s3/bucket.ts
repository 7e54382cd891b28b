/**
 * A bucket as boto's Bucket: `Bucket:my-bucket`, with its keys (looked up, created, iterated
 * lazily page by page), and its settings: location, versioning, logging, website, ACL.
 */
import type { BucketCannedACL, S3 } from '@aws-sdk/client-s3';
import { paginateListObjectsV2 } from './sdk.js';
import { errorCode } from '../core/errors.js';
import { Listing } from '../core/listing.js';
import { refOf, Resource, ResourceNotFound, type Column, type Ref } from '../core/resource.js';
import { Key } from './key.js';

/** Listings bucketDu runs at once, each a prefix of the bucket. */
const LISTINGS_IN_FLIGHT = 4;

export interface BucketData {
  Name: string;
  CreationDate?: Date;
  BucketRegion?: string;
}

/** A common prefix of a delimited listing (a "directory"): `Prefix:bucket/photos/`. */
export class Prefix {
  constructor(
    readonly bucketName: string,
    readonly name: string,
  ) {}
  toString(): string {
    return `Prefix:${this.bucketName}/${this.name}`;
  }
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

export interface VersioningStatus {
  Versioning?: string;
  MfaDelete?: string;
}

/** The statement that lets S3 deliver access logs into a bucket (what S3 asks for today, not ACLs). */
export function logDeliveryStatement(bucket: string): Record<string, unknown> {
  return {
    Sid: 'S3ServerAccessLogsPolicy',
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `arn:aws:s3:::${bucket}/*`,
  };
}

export class Bucket extends Resource<BucketData, S3> {
  static override kind = 'Bucket';
  static override columns: readonly Column<Bucket>[] = [
    { header: 'Bucket', value: (b) => b.name },
    { header: 'Created', value: (b) => b.data.CreationDate },
    { header: 'Region', value: (b) => b.data.BucketRegion },
  ];

  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.Name;
  }

  protected async describe(): Promise<BucketData> {
    try {
      const h = await this.client.headBucket({ Bucket: this.name });
      return { ...this.data, BucketRegion: h.BucketRegion };
    } catch (err) {
      if (errorCode(err) === 'NotFound') throw new ResourceNotFound('Bucket', this.name);
      throw err;
    }
  }

  /** A local Key to upload to (nothing is sent until you set its contents). */
  newKey(name: Ref<Key>): Key {
    return new Key(this.client, { Bucket: this.name, Key: refOf(name, 'a key') });
  }

  /** The key, or null when there is none. */
  async lookup(name: Ref<Key>): Promise<Key | null> {
    const key = this.newKey(name);
    try {
      return await key.update();
    } catch (err) {
      if (err instanceof ResourceNotFound) return null;
      throw err;
    }
  }

  /**
   * Keys (and, with a delimiter, common prefixes): `await bucket.keys()` lists them all,
   * `for await (const key of bucket.keys())` fetches a page at a time as it goes.
   */
  keys(options: { prefix?: string; delimiter?: string } = {}): Listing<Key | Prefix> {
    return new Listing(() => this.listKeys(options));
  }

  private async *listKeys(options: { prefix?: string; delimiter?: string }): AsyncGenerator<Key | Prefix> {
    const pages = paginateListObjectsV2({ client: this.client }, { Bucket: this.name, Prefix: options.prefix, Delimiter: options.delimiter });
    for await (const page of pages) {
      for (const p of page.CommonPrefixes ?? []) yield new Prefix(this.name, p.Prefix ?? '');
      for (const o of page.Contents ?? []) {
        yield new Key(this.client, { Bucket: this.name, Key: o.Key!, Size: o.Size, ETag: o.ETag, LastModified: o.LastModified, StorageClass: o.StorageClass });
      }
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Key | Prefix> {
    return this.listKeys({});
  }

  /**
   * Total bytes and keys (recipe 3.5); `onPage` sees the running totals every 1,000 keys (a page
   * of a plain listing) and at the end. A listing is a round trip per 1,000 keys, one after
   * another, so the bucket is split by its `/` "directories" first: a level's delimited listing
   * counts the keys at that level and names the prefixes below it, down to enough prefixes to list
   * several at once. Each key is counted once, by exactly one listing.
   */
  async du(onPage?: (totals: { bytes: number; keys: number }) => void): Promise<{ bytes: number; keys: number }> {
    const totals = { bytes: 0, keys: 0 };
    let shown = 0;
    const show = () => {
      shown = totals.keys;
      onPage?.(totals);
    };
    const list = async (prefix?: string, delimiter?: string): Promise<string[]> => {
      const below: string[] = [];
      for await (const page of paginateListObjectsV2({ client: this.client, pageSize: 1000 }, { Bucket: this.name, Prefix: prefix, Delimiter: delimiter })) {
        for (const o of page.Contents ?? []) totals.bytes += o.Size ?? 0;
        totals.keys += page.Contents?.length ?? 0;
        for (const p of page.CommonPrefixes ?? []) below.push(p.Prefix!);
        if (Math.floor(totals.keys / 1000) > Math.floor(shown / 1000)) show();
      }
      return below;
    };
    let prefixes = await list(undefined, '/');
    while (prefixes.length > 0 && prefixes.length < LISTINGS_IN_FLIGHT) prefixes = (await Promise.all(prefixes.map((p) => list(p, '/')))).flat();
    let next = 0;
    const worker = async () => {
      try {
        while (next < prefixes.length) await list(prefixes[next++]);
      } catch (error) {
        next = prefixes.length; // The other listings take no further prefix.
        throw error;
      }
    };
    await Promise.all(Array.from({ length: Math.min(LISTINGS_IN_FLIGHT, prefixes.length) }, worker));
    if (totals.keys !== shown || totals.keys === 0) show();
    return totals;
  }

  /** The location constraint: '' for us-east-1 (boto's US Standard), else the region. */
  async location(): Promise<string> {
    return (await this.client.getBucketLocation({ Bucket: this.name })).LocationConstraint ?? '';
  }

  /** `{Versioning: 'Enabled', MfaDelete: 'Disabled'}`, or `{}` for a bucket never versioned (as boto). */
  async getVersioningStatus(): Promise<VersioningStatus> {
    const v = await this.client.getBucketVersioning({ Bucket: this.name });
    const status: VersioningStatus = {};
    if (v.Status) status.Versioning = v.Status;
    if (v.MFADelete) status.MfaDelete = v.MFADelete;
    return status;
  }

  /**
   * Turns versioning on or off (Suspended); `mfaDelete` switches MFA delete, which — like any
   * change once it is on — needs `mfa: [serialNumber, token]`.
   */
  async configureVersioning(enabled: boolean, options: { mfaDelete?: boolean; mfa?: [string, string] } = {}): Promise<void> {
    await this.client.putBucketVersioning({
      Bucket: this.name,
      VersioningConfiguration: { Status: enabled ? 'Enabled' : 'Suspended', MFADelete: options.mfaDelete === undefined ? undefined : options.mfaDelete ? 'Enabled' : 'Disabled' },
      MFA: options.mfa ? options.mfa.join(' ') : undefined,
    });
  }

  /** Lets S3's log delivery write here, adding to the bucket policy. */
  async setAsLoggingTarget(): Promise<void> {
    let policy: { Version: string; Statement: Array<Record<string, unknown>> } = { Version: '2012-10-17', Statement: [] };
    try {
      policy = JSON.parse((await this.client.getBucketPolicy({ Bucket: this.name })).Policy ?? '');
    } catch (err) {
      if (errorCode(err) !== 'NoSuchBucketPolicy') throw err;
    }
    const statement = logDeliveryStatement(this.name);
    policy.Statement = [...policy.Statement.filter((s) => s.Sid !== statement.Sid), statement];
    await this.client.putBucketPolicy({ Bucket: this.name, Policy: JSON.stringify(policy) });
  }

  async enableLogging(target: Ref<Bucket>, prefix = ''): Promise<void> {
    const TargetBucket = refOf(target, 'a bucket');
    await this.client.putBucketLogging({ Bucket: this.name, BucketLoggingStatus: { LoggingEnabled: { TargetBucket, TargetPrefix: prefix } } });
  }

  async disableLogging(): Promise<void> {
    await this.client.putBucketLogging({ Bucket: this.name, BucketLoggingStatus: {} });
  }

  async configureWebsite(index: string, error?: string): Promise<void> {
    await this.client.putBucketWebsite({
      Bucket: this.name,
      WebsiteConfiguration: { IndexDocument: { Suffix: index }, ErrorDocument: error ? { Key: error } : undefined },
    });
  }

  /**
   * The website's URL. On AWS `http://bucket.s3-website-REGION.amazonaws.com`; on paws's sandbox
   * `http://bucket.s3-website.localhost:PORT/`, the host name the sandbox serves websites on (curl
   * and browsers resolve *.localhost to this machine). Any other endpoint is taken to be AWS-like.
   */
  async websiteEndpoint(): Promise<string> {
    if ((this.client as { sandbox?: boolean }).sandbox) {
      const { port } = (await this.client.config.endpoint?.()) ?? {};
      return `http://${this.name}.s3-website.localhost${port ? `:${port}` : ''}/`;
    }
    const region = (await this.location()) || 'us-east-1';
    const dash = ['us-east-1', 'us-west-1', 'us-west-2', 'eu-west-1', 'ap-southeast-1', 'ap-southeast-2', 'ap-northeast-1', 'sa-east-1'].includes(region);
    return `http://${this.name}.s3-website${dash ? '-' : '.'}${region}.amazonaws.com`;
  }

  async setCannedAcl(acl: BucketCannedACL | string): Promise<void> {
    await this.client.putBucketAcl({ Bucket: this.name, ACL: acl as BucketCannedACL });
  }

  async delete(): Promise<void> {
    await this.client.deleteBucket({ Bucket: this.name });
  }
}
