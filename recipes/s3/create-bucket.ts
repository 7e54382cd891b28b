/**
 * Recipe 3.1 Create a Bucket — creates the bucket `paws-recipes-<account>` (bucket names are global: yours carries your account id), or says it exists.
 *
 * Book: create_bucket(bucket_name): s3.lookup(name), else s3.create_bucket(name).
 */
const { Account } = await sts.getCallerIdentity({});
const bucket = await createBucket(`paws-recipes-${Account}`);
console.log(bucket);
