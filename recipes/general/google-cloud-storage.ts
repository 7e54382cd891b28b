/**
 * Recipe 1.5 Using boto with Google Cloud Storage — S3 calls to another store's S3-compatible API. Creates nothing.
 *
 * Book: boto.connect_gs(). paws: Google Cloud Storage answers the S3 API at
 * https://storage.googleapis.com with HMAC keys: `AWS_ACCESS_KEY_ID=GOOG… AWS_SECRET_ACCESS_KEY=…
 * paws --endpoint https://storage.googleapis.com run recipes/general/google-cloud-storage.ts`.
 */
const buckets = await s3.buckets();
console.log(buckets);
