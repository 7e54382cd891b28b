/**
 * Recipe 3.4 Store Metadata with an Object — creates the bucket `paws-meta-<account>` and the object `report.txt` with user metadata (x-amz-meta-*).
 *
 * Book: store_metadata_with_key(bucket_name, key_name, path_to_file, metadata); print_key_metadata(…).
 */
const { writeFileSync, mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { Account } = await sts.getCallerIdentity({});
const name = `paws-meta-${Account}`;
await createBucket(name);
const file = join(mkdtempSync(join(tmpdir(), 'paws-')), 'report.txt');
writeFileSync(file, 'quarterly numbers\n');
await storeMetadataWithKey(name, 'report.txt', file, { author: 'mitch', quarter: 'q3' });
await printKeyMetadata(name, 'report.txt');
