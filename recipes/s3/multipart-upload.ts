/**
 * Recipe 3.13 Uploading Large Objects to S3 — creates the bucket `paws-big-<account>` and uploads a 12 MiB file in parallel 5 MiB parts, with progress.
 *
 * Book: s3multiput -b my_bucket -c 20 mybigfile. paws: multipartUpload(path, bucket, key?, {partSize, concurrency}).
 */
const { mkdtempSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const file = join(mkdtempSync(join(tmpdir(), 'paws-')), 'mybigfile');
writeFileSync(file, Buffer.alloc(12 * 1024 * 1024, 1));
const { Account } = await sts.getCallerIdentity({});
const name = `paws-big-${Account}`;
await createBucket(name);
const key = await multipartUpload(file, name, undefined, { partSize: 5 * 1024 * 1024, concurrency: 3 });
console.log(`${key}: ${(await s3.headObject({ Bucket: name, Key: 'mybigfile' })).ContentLength} bytes`);
