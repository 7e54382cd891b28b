/**
 * Recipe 3.5 Computing Total Storage Used by a Bucket — creates the bucket `paws-du-<account>` with three objects and totals their bytes.
 *
 * Book: bucket_du(bucket_name): for key in bucket: total_bytes += key.size.
 */
const { Account } = await sts.getCallerIdentity({});
const name = `paws-du-${Account}`;
await createBucket(name);
for (const [key, size] of [['a.bin', 1000], ['b.bin', 2000], ['dir/c.bin', 3000]] as const) {
  await s3.putObject({ Bucket: name, Key: key, Body: Buffer.alloc(size) });
}
const total = await bucketDu(name);
console.log(`${name} holds ${total} bytes`);
if (total !== 6000) throw new Error(`expected 6000 bytes, counted ${total}`);
