/** What S3 puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

const recipes = () => import('./recipes.js');

function recipe(name: keyof Awaited<ReturnType<typeof recipes>>, doc: string): PromptGlobal {
  return { kind: 'function', name, doc, load: async () => (await recipes())[name] as never };
}

export const s3Globals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 's3',
    title: 'S3',
    doc: 'Amazon S3: every SDK operation, e.g. await s3.listBuckets()',
    members: [
      { name: 'buckets()', doc: 'your buckets, as Bucket resources' },
      { name: 'lookup(name)', doc: 'the Bucket, or null when it does not exist or is not yours' },
      { name: 'bucket(name)', doc: 'a Bucket object for a name, without asking S3' },
    ],
    load: () => import('./service.js'),
  },
  recipe('createBucket', "createBucket(name, {location?}) — makes a bucket, saying when it exists or is another owner's (3.1, 3.2)"),
  recipe('storePrivateData', 'storePrivateData(bucket, key, path) — writes a string, reads it back, then uploads the file (3.3)'),
  recipe('storeMetadataWithKey', 'storeMetadataWithKey(bucket, key, path, metadata) — uploads a file with user metadata (3.4)'),
  recipe('printKeyMetadata', "printKeyMetadata(bucket, key) — prints an object's user metadata (3.4)"),
  recipe('bucketDu', 'bucketDu(bucket) — total bytes in a bucket, with a running count (3.5)'),
  recipe('copyObject', 'copyObject(srcBucket, srcKey, dstBucket, dstKey, preserveMetadata?) — server-side copy (3.6)'),
  recipe('modifyMetadata', "modifyMetadata(bucket, key, metadata) — replaces an object's metadata in place (3.7)"),
  recipe('enableLogging', 'enableLogging(bucket, logBucket, prefix?) — server access logs into logBucket (3.8)'),
  recipe('disableLogging', 'disableLogging(bucket) — stops access logging (3.8)'),
  recipe('uploadFileRrs', 'uploadFileRrs(path, bucket, key?, {storageClass?}) — uploads as Reduced Redundancy (3.9)'),
  recipe('copyObjectToRrs', "copyObjectToRrs(bucket, key, {storageClass?}) — changes an object's storage class (3.9)"),
  recipe('configureVersioning', 'configureVersioning(bucket, enable?) — versioning on/off, printing the status (3.11)'),
  recipe('configureMfaDelete', 'configureMfaDelete(bucket, serial, token, enable?) — MFA delete on/off (3.11)'),
  recipe('uploadWebsite', 'uploadWebsite(bucket, dir, index, error?) — publishes a directory as a website (3.12)'),
  recipe('multipartUpload', 'multipartUpload(path, bucket, key?, {partSize, concurrency}) — parallel upload with progress; aborts cleanly (3.13)'),
];
