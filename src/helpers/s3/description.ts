/**
 * What S3 puts at the prompt (the `s3` service object and the book's chapter-3 helpers), and the
 * buckets and objects its operations create (see ../core/folder.ts).
 */
import { describeFolder, helper, type Found, type Gone } from '../core/folder.js';

/**
 * An object the session wrote, with the version it made. Written without versioning it is the
 * "null" version, which outlives a plain delete once versioning is enabled (a delete marker hides it).
 */
function written(input: any, output: any): Found[] {
  return [{ id: `${input.Bucket}/${input.Key}`, parent: input.Bucket, versions: [output.VersionId ?? 'null'] }];
}

/** A deleted object, or one version of it — and the delete marker a plain delete leaves in a versioned bucket. */
function removed(bucket: string, key: string, version: string | undefined, marker: { DeleteMarker?: boolean; VersionId?: string; DeleteMarkerVersionId?: string }): Gone {
  // A plain delete without a marker: the bucket has no versioning, the object is gone.
  if (!version && !marker.DeleteMarker) return `${bucket}/${key}`;
  const markerVersion = marker.DeleteMarker ? (marker.DeleteMarkerVersionId ?? (version ? undefined : marker.VersionId)) : undefined;
  return { id: `${bucket}/${key}`, version, marker: markerVersion };
}

export const s3Folder = describeFolder({
  service: {
    name: 's3',
    title: 'S3',
    doc: 'Amazon S3: every SDK operation, e.g. await s3.listBuckets()',
    members: [
      { name: 'buckets()', doc: 'your buckets, as Bucket resources' },
      { name: 'lookup(name)', doc: 'the Bucket, or null when it does not exist or is not yours' },
      { name: 'bucket(name)', doc: 'a Bucket object for a name, without asking S3' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    createBucket: helper("createBucket(name, {location?}) — makes a bucket, saying when it exists or is another owner's (3.1, 3.2)", async () => (await import('./recipes/create-bucket.js')).createBucket),
    storePrivateData: helper('storePrivateData(bucket, key, path) — writes a string, reads it back, then uploads the file (3.3)', async () => (await import('./recipes/private-data.js')).storePrivateData),
    storeMetadataWithKey: helper('storeMetadataWithKey(bucket, key, path, metadata) — uploads a file with user metadata (3.4)', async () => (await import('./recipes/metadata.js')).storeMetadataWithKey),
    printKeyMetadata: helper("printKeyMetadata(bucket, key) — prints an object's user metadata (3.4)", async () => (await import('./recipes/metadata.js')).printKeyMetadata),
    bucketDu: helper('bucketDu(bucket) — total bytes in a bucket, with a running count (3.5)', async () => (await import('./recipes/bucket-du.js')).bucketDu),
    copyObject: helper('copyObject(srcBucket, srcKey, dstBucket, dstKey, preserveMetadata?) — server-side copy (3.6)', async () => (await import('./recipes/copy-object.js')).copyObject),
    modifyMetadata: helper("modifyMetadata(bucket, key, metadata) — replaces an object's metadata in place (3.7)", async () => (await import('./recipes/modify-metadata.js')).modifyMetadata),
    enableLogging: helper('enableLogging(bucket, logBucket, prefix?) — server access logs into logBucket (3.8)', async () => (await import('./recipes/access-logging.js')).enableLogging),
    disableLogging: helper('disableLogging(bucket) — stops access logging (3.8)', async () => (await import('./recipes/access-logging.js')).disableLogging),
    uploadFileRrs: helper('uploadFileRrs(path, bucket, key?, {storageClass?}) — uploads as Reduced Redundancy (3.9)', async () => (await import('./recipes/reduced-redundancy.js')).uploadFileRrs),
    copyObjectToRrs: helper("copyObjectToRrs(bucket, key, {storageClass?}) — changes an object's storage class (3.9)", async () => (await import('./recipes/reduced-redundancy.js')).copyObjectToRrs),
    configureVersioning: helper('configureVersioning(bucket, enable?) — versioning on/off, printing the status (3.11)', async () => (await import('./recipes/versioning.js')).configureVersioning),
    configureMfaDelete: helper('configureMfaDelete(bucket, serial, token, enable?) — MFA delete on/off (3.11)', async () => (await import('./recipes/versioning.js')).configureMfaDelete),
    uploadWebsite: helper('uploadWebsite(bucket, dir, index, error?) — publishes a directory as a website (3.12)', async () => (await import('./recipes/static-website.js')).uploadWebsite),
    multipartUpload: helper('multipartUpload(path, bucket, key?, {partSize, concurrency}) — parallel upload with progress; aborts cleanly (3.13)', async () => (await import('./recipes/multipart-upload.js')).multipartUpload),
  },

  resources: {
    Object: {
      createdBy: { PutObject: written, CopyObject: written, CompleteMultipartUpload: written },
      deletedBy: {
        DeleteObject: (i, o) => [removed(i.Bucket, i.Key, i.VersionId, o)],
        DeleteObjects: (i, o) => (o.Deleted ?? []).map((d: any) => removed(i.Bucket, d.Key, d.VersionId, d)),
      },
      // Only what the session wrote: the versions it made (the "null" one too) and the delete markers it left.
      async remove(s3, r) {
        const key = s3.bucket(r.parent!).newKey(r.id.slice(r.parent!.length + 1));
        for (const version of new Set(r.versions)) await key.delete(version);
      },
    },
    Bucket: {
      deletedAfter: ['Object'],
      createdBy: { CreateBucket: (i) => [{ id: i.Bucket }] },
      deletedBy: { DeleteBucket: (i) => [i.Bucket] },
      // Objects the session did not write are never deleted: such a bucket is reported, not emptied.
      remove: (s3, r) => s3.bucket(r.id).delete(),
    },
  },

  names: {
    buckets: { list: async (s3) => ((await s3.listBuckets({})).Buckets ?? []).map((b) => b.Name!), members: ['Bucket'] },
  },
});
