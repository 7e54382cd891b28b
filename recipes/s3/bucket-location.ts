/**
 * Recipe 3.2 Create a Bucket in a Specific Location — creates the bucket `paws-eu-<account>` in eu-west-1.
 *
 * Book: create_bucket(bucket_name, location=Location.EU).
 */
const { Account } = await sts.getCallerIdentity({});
const bucket = await createBucket(`paws-eu-${Account}`, { location: 'eu-west-1' });
if (!bucket) throw new Error(`paws-eu-${Account} belongs to someone else; pick another name`);
console.log(`${bucket} is in ${await bucket.location()}`);
