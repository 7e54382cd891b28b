/**
 * Recipe 3.9 Reduce the Cost of Storing Noncritical Data — creates the bucket `paws-rrs-<account>`, uploads a file as Reduced Redundancy and changes another object's storage class.
 *
 * Book: upload_file_rrs(local_file, bucket_name, key_name); copy_object_to_rrs(bucket_name, key_name).
 */
const { writeFileSync, mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { Account } = await sts.getCallerIdentity({});
const name = `paws-rrs-${Account}`;
await createBucket(name);
const file = join(mkdtempSync(join(tmpdir(), 'paws-')), 'thumbnail.jpg');
writeFileSync(file, Buffer.alloc(4096, 7));
console.log(await uploadFileRrs(file, name));
await s3.putObject({ Bucket: name, Key: 'cache.json', Body: '{}' });
console.log(await copyObjectToRrs(name, 'cache.json'));
for (const o of (await s3.listObjectsV2({ Bucket: name })).Contents ?? []) console.log(`${o.Key}: ${o.StorageClass}`);
