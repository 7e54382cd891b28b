/**
 * Recipe 3.7 Modify the Metadata of an Existing Object — creates the bucket `paws-meta-<account>` and an object, then replaces its metadata by copying it onto itself.
 *
 * Book: modify_metadata(bucket_name, key_name, metadata): key.copy(bucket.name, key.name, metadata).
 */
const { Account } = await sts.getCallerIdentity({});
const name = `paws-meta-${Account}`;
await createBucket(name);
await s3.putObject({ Bucket: name, Key: 'doc.txt', Body: 'contents stay', Metadata: { status: 'draft' } });
const key = await modifyMetadata(name, 'doc.txt', { status: 'final', reviewer: 'mitch' });
console.log(key);
await printKeyMetadata(name, 'doc.txt');
