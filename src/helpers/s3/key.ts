/**
 * An S3 object as boto's Key: `Key:bucket/path/name`. `newKey()` makes one locally (fill
 * `metadata`, `contentType`, then upload); `lookup()`/listing make one from S3's answer. Getters
 * read only what S3 last said, never the network.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import type { S3, StorageClass, ObjectCannedACL } from '@aws-sdk/client-s3';
import { GetObjectCommand, PutObjectCommand } from './sdk.js';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { Bucket } from './bucket.js';
import { errorCode } from '../core/errors.js';
import { refOf, Resource, ResourceNotFound, type Column, type Ref } from '../core/resource.js';

export interface KeyData {
  Bucket: string;
  Key: string;
  Size?: number;
  ETag?: string;
  LastModified?: Date;
  StorageClass?: string;
  ContentType?: string;
  Metadata?: Record<string, string>;
  VersionId?: string;
}

export interface UploadOptions {
  /** STANDARD, REDUCED_REDUNDANCY, STANDARD_IA… @default STANDARD */
  storageClass?: StorageClass | string;
  /** User metadata (x-amz-meta-*); merged over `key.metadata`. */
  metadata?: Record<string, string>;
  /** @default key.contentType, else S3's default */
  contentType?: string;
  /** A canned ACL: private, public-read… @default private */
  acl?: ObjectCannedACL | string;
}

export interface CopyOptions {
  /** New metadata (a REPLACE copy); omitted: the source's metadata is kept (COPY). */
  metadata?: Record<string, string>;
  /** Copy the source's ACL grants to the new object. @default false */
  preserveAcl?: boolean;
  storageClass?: StorageClass | string;
}

export class Key extends Resource<KeyData, S3> {
  static override kind = 'Key';
  static override columns: readonly Column<Key>[] = [
    { header: 'Key', value: (k) => k.name },
    { header: 'Size', value: (k) => k.size },
    { header: 'Last modified', value: (k) => k.lastModified },
    { header: 'Storage class', value: (k) => k.storageClass },
  ];

  get id(): string {
    return `${this.bucketName}/${this.name}`;
  }
  /** Where a key name goes, a Key stands for its name (its bucket is passed separately). */
  override get ref(): string {
    return this.name;
  }
  get name(): string {
    return this.data.Key;
  }
  get bucketName(): string {
    return this.data.Bucket;
  }
  /** User metadata; edit it before an upload to store it with the object (recipe 3.4). */
  get metadata(): Record<string, string> {
    return (this.data.Metadata ??= {});
  }
  get size(): number | undefined {
    return this.data.Size;
  }
  get lastModified(): Date | undefined {
    return this.data.LastModified;
  }
  get etag(): string | undefined {
    return this.data.ETag;
  }
  get storageClass(): string {
    return this.data.StorageClass ?? 'STANDARD';
  }
  get contentType(): string | undefined {
    return this.data.ContentType;
  }
  set contentType(value: string | undefined) {
    this.data.ContentType = value;
  }
  get versionId(): string | undefined {
    return this.data.VersionId;
  }

  protected async describe(): Promise<KeyData> {
    try {
      const h = await this.client.headObject({ Bucket: this.bucketName, Key: this.name, VersionId: this.versionId });
      return { Bucket: this.bucketName, Key: this.name, Size: h.ContentLength, ETag: h.ETag, LastModified: h.LastModified, StorageClass: h.StorageClass, ContentType: h.ContentType, Metadata: h.Metadata, VersionId: h.VersionId };
    } catch (err) {
      if (errorCode(err) === 'NotFound') throw new ResourceNotFound('Key', this.id);
      throw err;
    }
  }

  async setContentsFromString(text: string | Uint8Array, options: UploadOptions = {}): Promise<this> {
    return this.put(typeof text === 'string' ? Buffer.from(text) : text, Buffer.byteLength(text as string), options);
  }

  /** Streams a file up (never read whole into memory). */
  async setContentsFromFile(path: string, options: UploadOptions = {}): Promise<this> {
    const { size } = await stat(path);
    return this.put(createReadStream(path), size, options);
  }

  private async put(body: Uint8Array | Readable, size: number, o: UploadOptions): Promise<this> {
    const metadata = { ...this.metadata, ...o.metadata };
    const contentType = o.contentType ?? this.contentType;
    const out = await this.client.send(
      new PutObjectCommand({ Bucket: this.bucketName, Key: this.name, Body: body, ContentLength: size, Metadata: metadata, ContentType: contentType, StorageClass: o.storageClass as StorageClass, ACL: o.acl as ObjectCannedACL }),
    );
    this.data = { ...this.data, Size: size, ETag: out.ETag, VersionId: out.VersionId, Metadata: metadata, ContentType: contentType, StorageClass: o.storageClass ?? 'STANDARD', LastModified: new Date() };
    return this;
  }

  async getContentsAsString(): Promise<string> {
    const out = await this.client.getObject({ Bucket: this.bucketName, Key: this.name, VersionId: this.versionId });
    return out.Body!.transformToString();
  }

  /** Streams the object down into a file. */
  async getContentsToFile(path: string): Promise<string> {
    const out = await this.client.getObject({ Bucket: this.bucketName, Key: this.name, VersionId: this.versionId });
    await pipeline(out.Body as Readable, createWriteStream(path));
    return path;
  }

  /** A server-side copy (recipes 3.6, 3.7, 3.9); returns the new Key. */
  async copy(dstBucketRef: Ref<Bucket>, dstKeyRef: Ref<Key>, options: CopyOptions = {}): Promise<Key> {
    const dstBucket = refOf(dstBucketRef, 'a bucket');
    const dstKey = refOf(dstKeyRef, 'a key');
    const source = `${this.bucketName}/${encodeURIComponent(this.name).replace(/%2F/g, '/')}${this.versionId && this.versionId !== 'null' ? `?versionId=${this.versionId}` : ''}`;
    const replace = options.metadata !== undefined;
    const out = await this.client.copyObject({
      Bucket: dstBucket,
      Key: dstKey,
      CopySource: source,
      MetadataDirective: replace ? 'REPLACE' : 'COPY',
      Metadata: options.metadata,
      ContentType: replace ? this.contentType : undefined,
      StorageClass: options.storageClass as StorageClass,
    });
    if (options.preserveAcl) await this.copyAclTo(dstBucket, dstKey);
    const copied = new Key(this.client, { Bucket: dstBucket, Key: dstKey, VersionId: out.VersionId });
    return copied.update();
  }

  /** Applies this object's grants to another one; buckets with ACLs disabled have none to copy. */
  private async copyAclTo(bucket: string, key: string): Promise<void> {
    const acl = await this.client.getObjectAcl({ Bucket: this.bucketName, Key: this.name });
    if ((acl.Grants ?? []).length <= 1) return; // only the owner's FULL_CONTROL
    await this.client.putObjectAcl({ Bucket: bucket, Key: key, AccessControlPolicy: { Owner: acl.Owner, Grants: acl.Grants } });
  }

  /** A URL that works without credentials for `seconds` (recipe 3.10). */
  generateUrl(seconds: number, options: { method?: 'GET' | 'PUT' } = {}): Promise<string> {
    const params = { Bucket: this.bucketName, Key: this.name, VersionId: this.versionId };
    const command = options.method === 'PUT' ? new PutObjectCommand(params) : new GetObjectCommand(params);
    return getSignedUrl(this.client, command, { expiresIn: seconds });
  }

  /** Deletes this object (this version, if it is one), or the version given. */
  async delete(versionId = this.versionId): Promise<void> {
    await this.client.deleteObject({ Bucket: this.bucketName, Key: this.name, VersionId: versionId });
  }
}
