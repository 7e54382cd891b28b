/**
 * Recipe 3.6 Copy an Existing Object to Another Bucket — creates the buckets `paws-src-<account>` and `paws-dst-<account>`, an object, and its server-side copy.
 *
 * Book: copy_object(src_bucket_name, src_key_name, dst_bucket_name, dst_key_name, preserve_metadata=True).
 */
const { Account } = await sts.getCallerIdentity({});
const [src, dst] = [`paws-src-${Account}`, `paws-dst-${Account}`];
await createBucket(src);
await createBucket(dst);
await s3.putObject({ Bucket: src, Key: 'big.dat', Body: 'a large object, copied inside S3', Metadata: { origin: 'paws' } });
const copy = await copyObject(src, 'big.dat', dst, 'copy-of-big.dat');
console.log(`${copy}: ${await copy.getContentsAsString()}`);
