/**
 * Recipe 3.12 Hosting Static Websites on S3 — creates the bucket `paws-www-<account>`, uploads a small site (index.html, error.html, css/site.css) and configures it as a website.
 *
 * Book: upload_website(bucket_name, website_dir, index_file, error_file).
 */
const { mkdirSync, mkdtempSync, writeFileSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const site = mkdtempSync(join(tmpdir(), 'paws-site-'));
mkdirSync(join(site, 'css'));
writeFileSync(join(site, 'index.html'), '<html><body><h1>Hello from paws</h1></body></html>\n');
writeFileSync(join(site, 'error.html'), '<html><body>Not here.</body></html>\n');
writeFileSync(join(site, 'css', 'site.css'), 'h1 { color: teal }\n');
const { Account } = await sts.getCallerIdentity({});
const name = `paws-www-${Account}`;
await createBucket(name);
await uploadWebsite(name, site, 'index.html', 'error.html');
