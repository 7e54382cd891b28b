/**
 * Recipe 3.3 Store Private Data — creates the bucket `paws-private-<account>` and the private object `notes.txt` in it, from a string then from a file.
 *
 * Book: store_private_data(bucket_name, key_name, path_to_file): key.set_contents_from_string(…),
 * bucket.lookup(key_name).get_contents_as_string(), key.set_contents_from_filename(path).
 */
const { writeFileSync, mkdtempSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const { Account } = await sts.getCallerIdentity({});
const name = `paws-private-${Account}`;
await createBucket(name);
const file = join(mkdtempSync(join(tmpdir(), 'paws-')), 'notes.txt');
writeFileSync(file, 'Private notes, readable only with my credentials.\n');
const key = await storePrivateData(name, 'notes.txt', file);
console.log(`${key}: ${JSON.stringify(await key.getContentsAsString())}`);
