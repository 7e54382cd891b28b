/**
 * Recipe 3.11 Preventing Accidental Deletion of Data from S3 — creates the bucket `paws-versions-<account>` with versioning on, and shows that a delete keeps the old versions (MFA delete needs a real MFA device: configureMfaDelete(bucket, serial, token)).
 *
 * Book: configure_versioning(bucket_name, enable=True); configure_mfa_delete(bucket_name, mfa_serial_number, mfa_token).
 */
const { Account } = await sts.getCallerIdentity({});
const name = `paws-versions-${Account}`;
await createBucket(name);
await configureVersioning(name, true);
await s3.putObject({ Bucket: name, Key: 'ledger.txt', Body: 'version 1' });
await s3.putObject({ Bucket: name, Key: 'ledger.txt', Body: 'version 2' });
await s3.deleteObject({ Bucket: name, Key: 'ledger.txt' });
const { Versions = [], DeleteMarkers = [] } = await s3.listObjectVersions({ Bucket: name });
console.log(`after the delete: ${Versions.length} versions kept, ${DeleteMarkers.length} delete marker`);
