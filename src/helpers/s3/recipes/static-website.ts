/** Recipe 3.12: a static website hosted on S3. */
import { readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { contentType } from 'mime-types';
import type { Session } from '../../core/session.js';
import type { Ref } from '../../core/resource.js';
import type { Bucket } from '../bucket.js';
import { expandPath } from './local-path.js';
import { requireBucket } from './lookup.js';

/**
 * Recipe 3.12: uploads a directory as a website. Buckets block public access and disable ACLs
 * today, so instead of public-read ACLs it lifts the public access block and adds a public-read
 * bucket policy, then sets each file's real content type.
 */
export async function uploadWebsite(session: Session, bucketName: Ref<Bucket>, websiteDir: string, indexFile: string, errorFile?: string): Promise<string> {
  const out = session.reporter;
  const bucket = await requireBucket(session, bucketName);
  const s3 = bucket.client;
  await s3.putPublicAccessBlock({
    Bucket: bucket.name,
    PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: false, RestrictPublicBuckets: false },
  });
  const publicRead = { Sid: 'PublicReadForWebsite', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `arn:aws:s3:::${bucket.name}/*` };
  await s3.putBucketPolicy({ Bucket: bucket.name, Policy: JSON.stringify({ Version: '2012-10-17', Statement: [publicRead] }) });
  const dir = expandPath(websiteDir);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = join(entry.parentPath ?? entry.path, entry.name);
    const rel = relative(dir, full).split(sep).join('/');
    out.say(`Uploading ${full} as ${rel}`);
    await bucket.newKey(rel).setContentsFromFile(full, { contentType: contentType(entry.name) || 'application/octet-stream' });
  }
  await bucket.configureWebsite(indexFile, errorFile);
  const endpoint = await bucket.websiteEndpoint();
  out.say('You can access your website at:');
  out.say(endpoint);
  return endpoint;
}
