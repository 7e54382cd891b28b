/** Put/Get/DeleteObjectTagging: the tag set of the current object version, or of the one versionId names. */
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend } from './state.js';
import { resolveVersion } from './versions.js';
import { checkTags } from './tags.js';
import type { ObjectTag } from './types.js';
import type { Input, Output } from './types.js';

/** The version a tagging call addresses (with a versionId, ./index.ts has authorized the Version variant of the action). */
async function taggedVersion(ctx: RequestContext, input: Input<'GetObjectTagging' | 'PutObjectTagging' | 'DeleteObjectTagging'>) {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  const version = resolveVersion(index, input.Key, input.VersionId);
  const versionId = bucket.versioning ? version.versionId : undefined;
  const store = (tags: ObjectTag[] | undefined) => index.commit({ op: 'update', key: input.Key, version: { ...version, tags } });
  return { version, versionId, store };
}

export async function getObjectTagging(input: Input<'GetObjectTagging'>, ctx: RequestContext): Promise<Output<'GetObjectTagging'>> {
  const { version, versionId } = await taggedVersion(ctx, input);
  return { VersionId: versionId, TagSet: version.tags ?? [] };
}

export async function putObjectTagging(input: Input<'PutObjectTagging'>, ctx: RequestContext): Promise<Output<'PutObjectTagging'>> {
  const set: Array<Partial<ObjectTag>> | undefined = input.Tagging?.TagSet;
  if (!set || set.some((t) => t.Key === undefined || t.Value === undefined)) {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
  const tags = checkTags(set.map((t) => ({ Key: t.Key!, Value: t.Value! })));
  const { versionId, store } = await taggedVersion(ctx, input);
  await store(tags.length ? tags : undefined);
  return { VersionId: versionId };
}

export async function deleteObjectTagging(input: Input<'DeleteObjectTagging'>, ctx: RequestContext): Promise<Output<'DeleteObjectTagging'>> {
  const { versionId, store } = await taggedVersion(ctx, input);
  await store(undefined);
  return { VersionId: versionId };
}
