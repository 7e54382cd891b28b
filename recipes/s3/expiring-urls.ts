/**
 * Recipe 3.10 Generating Expiring URLs for S3 Objects — creates the bucket `paws-share-<account>` and a private object, shares it through a URL valid for 2 seconds, and shows the URL refused once expired.
 *
 * Book: k.set_contents_from_string('Python and AWS'); url = k.generate_url(30);
 * urllib2.urlopen(url).read(); time.sleep(30); → HTTP Error 403: Forbidden.
 */
const { Account } = await sts.getCallerIdentity({});
const name = `paws-share-${Account}`;
const bucket = (await createBucket(name))!;
const key = bucket.newKey('my_private_data_to_share.txt');
await key.setContentsFromString('Python and AWS');
const url = await key.generateUrl(2);
console.log(`now: ${(await fetch(url)).status} ${await (await fetch(url)).text()}`);
await new Promise((resolve) => setTimeout(resolve, 3000));
const late = await fetch(url);
console.log(`expired: HTTP ${late.status} ${late.statusText}`);
if (late.status !== 403) throw new Error(`an expired URL answered ${late.status}`);
