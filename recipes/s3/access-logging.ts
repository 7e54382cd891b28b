/**
 * Recipe 3.8 Find Out Who Is Accessing Your Data — creates the buckets `paws-site-<account>` and `paws-logs-<account>`, turns server access logging on (into the second), then off.
 *
 * Book: enable_logging(bucket_name, log_bucket_name, log_prefix): log_bucket.set_as_logging_target();
 * bucket.enable_logging(log_bucket, target_prefix); disable_logging(bucket_name).
 */
const { Account } = await sts.getCallerIdentity({});
const [site, logs] = [`paws-site-${Account}`, `paws-logs-${Account}`];
await createBucket(site);
await createBucket(logs);
await enableLogging(site, logs, 'access/');
console.log(await s3.getBucketLogging({ Bucket: site }));
await disableLogging(site);
console.log(await s3.getBucketLogging({ Bucket: site }));
