/** Bucket operations: create/delete/head, location, versioning, logging, website, ACL, policy, public access block. */
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, newBucketConfig, withExtra } from './state.js';
import { accessDenied, checkAccess, isPublicAcl, isPublicPolicy } from './access.js';
import { aclFromInput, aclOutput, requestedAcl, validMfa } from './objects.js';
import type { BucketConfig } from './types.js';
import type { Input, Output } from './types.js';

const NAME_RE = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function validateName(name: string): void {
  if (!NAME_RE.test(name) || name.includes('..') || /^\d+\.\d+\.\d+\.\d+$/.test(name) || name.startsWith('xn--') || name.endsWith('-s3alias')) {
    throw withExtra(new AwsError('InvalidBucketName', 'The specified bucket is not valid.', 400), { BucketName: name });
  }
}

export function createBucket(input: Input<'CreateBucket'>, ctx: RequestContext): Output<'CreateBucket'> {
  if (!ctx.principal) throw accessDenied();
  const s3 = backend(ctx);
  const name: string = input.Bucket;
  validateName(name);
  const location: string | undefined = input.CreateBucketConfiguration?.LocationConstraint || undefined;
  const region = bucketRegion(location, ctx.region);
  const existing = Object.hasOwn(s3.state.buckets, name) ? s3.state.buckets[name] : undefined;
  if (existing) {
    if (existing.owner !== ctx.principal.accountId) {
      throw withExtra(new AwsError('BucketAlreadyExists', 'The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.', 409), { BucketName: name });
    }
    // us-east-1 keeps its legacy answer: creating your own bucket again succeeds.
    if (region === 'us-east-1' && existing.region === 'us-east-1') return { Location: `/${name}` };
    throw withExtra(new AwsError('BucketAlreadyOwnedByYou', 'Your previous request to create the named bucket succeeded and you already own it.', 409), { BucketName: name });
  }
  const bucket = newBucketConfig(name, ctx.principal.accountId, region);
  if (input.ObjectOwnership) bucket.ownership = input.ObjectOwnership;
  // Object lock needs versioning, and keeps it on for good.
  if (input.ObjectLockEnabledForBucket) [bucket.versioning, bucket.objectLock] = ['Enabled', { ObjectLockEnabled: 'Enabled' }];
  if (input.ACL && input.ACL !== 'private') {
    if (bucket.ownership === 'BucketOwnerEnforced') {
      throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    }
    bucket.acl = requestedAcl(bucket, input);
  }
  s3.state.buckets[name] = bucket;
  s3.saveBuckets();
  return { Location: region === 'us-east-1' ? `/${name}` : `http://${name}.s3.localhost/`, BucketArn: `arn:aws:s3:::${name}` };
}

const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/**
 * The region a new bucket lives in. us-east-1 (the global endpoint) creates a bucket in any region
 * its LocationConstraint names, but refuses its own name there; every other endpoint creates only
 * its own region's buckets. `EU` is eu-west-1's legacy name.
 */
function bucketRegion(location: string | undefined, endpoint: string): string {
  const named = location === 'EU' ? 'eu-west-1' : location;
  if (named !== undefined && (!REGION_NAME.test(named) || (named === 'us-east-1' && endpoint === 'us-east-1'))) {
    throw new AwsError('InvalidLocationConstraint', 'The specified location-constraint is not valid', 400);
  }
  if (endpoint === 'us-east-1') return named ?? 'us-east-1';
  if (named !== endpoint) {
    throw new AwsError('IllegalLocationConstraintException', `The ${location ?? 'unspecified'} location constraint is incompatible for the region specific endpoint this request was sent to.`, 400);
  }
  return named;
}

export async function deleteBucket(input: Input<'DeleteBucket'>, ctx: RequestContext): Promise<Output<'DeleteBucket'>> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const index = await s3.index(bucket.name);
  if (!index.isEmpty) {
    const code = bucket.versioning ? 'The bucket you tried to delete is not empty. You must delete all versions in the bucket.' : 'The bucket you tried to delete is not empty';
    throw withExtra(new AwsError('BucketNotEmpty', code, 409), { BucketName: bucket.name });
  }
  await s3.dropBucket(bucket.name);
  return {};
}

export function headBucket(input: Input<'HeadBucket'>, ctx: RequestContext): Output<'HeadBucket'> {
  const bucket = backend(ctx).bucket(input.Bucket);
  return { BucketRegion: bucket.region, BucketArn: `arn:aws:s3:::${bucket.name}` };
}

export function getBucketLocation(input: Input<'GetBucketLocation'>, ctx: RequestContext): Output<'GetBucketLocation'> {
  const bucket = backend(ctx).bucket(input.Bucket);
  return { LocationConstraint: bucket.region === 'us-east-1' ? undefined : bucket.region };
}

function update(ctx: RequestContext, name: string, change: (b: BucketConfig) => void): {} {
  const s3 = backend(ctx);
  change(s3.bucket(name));
  s3.saveBuckets();
  return {};
}

export function getBucketVersioning(input: Input<'GetBucketVersioning'>, ctx: RequestContext): Output<'GetBucketVersioning'> {
  const b = backend(ctx).bucket(input.Bucket);
  return { Status: b.versioning, MFADelete: b.mfaDelete };
}

export function putBucketVersioning(input: Input<'PutBucketVersioning'>, ctx: RequestContext): Output<'PutBucketVersioning'> {
  const config = input.VersioningConfiguration ?? {};
  return update(ctx, input.Bucket, (b) => {
    const mfaChange = config.MFADelete !== undefined && config.MFADelete !== (b.mfaDelete ?? 'Disabled');
    // Changing MFA delete — and any change once it is on — needs the MFA device.
    if ((mfaChange || b.mfaDelete === 'Enabled') && !validMfa(input.MFA)) throw accessDenied('Mfa Authentication must be used for this request');
    if (config.MFADelete === 'Enabled' && config.Status !== 'Enabled') {
      throw new AwsError('InvalidRequest', 'An MFA-delete-enabled bucket must have versioning enabled.', 400);
    }
    if (config.Status !== 'Enabled' && config.Status !== 'Suspended') throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
    if (b.objectLock && config.Status !== 'Enabled') throw new AwsError('InvalidBucketState', 'An Object Lock configuration is present on this bucket, so the versioning state cannot be changed.', 409);
    b.versioning = config.Status;
    if (config.MFADelete) b.mfaDelete = config.MFADelete;
  });
}

export function getBucketLogging(input: Input<'GetBucketLogging'>, ctx: RequestContext): Output<'GetBucketLogging'> {
  return { LoggingEnabled: backend(ctx).bucket(input.Bucket).logging };
}

export function putBucketLogging(input: Input<'PutBucketLogging'>, ctx: RequestContext): Output<'PutBucketLogging'> {
  const s3 = backend(ctx);
  const logging = input.BucketLoggingStatus?.LoggingEnabled;
  if (logging) {
    const source = s3.bucket(input.Bucket);
    const targetName = logging.TargetBucket ?? '';
    const target = Object.hasOwn(s3.state.buckets, targetName) ? s3.state.buckets[targetName] : undefined;
    const invalid = (message: string) => withExtra(new AwsError('InvalidTargetBucketForLogging', message, 400), { TargetBucket: targetName });
    if (!target) throw invalid('The target bucket for logging does not exist');
    if (target.region !== source.region) throw new AwsError('CrossLocationLoggingProhibitted', 'Cross S3 location logging not allowed. ', 403);
    try {
      // What S3's log delivery presents: the source bucket, which log-delivery policies pin with aws:SourceArn/SourceAccount.
      const context = { 'aws:SourceArn': `arn:aws:s3:::${source.name}`, 'aws:SourceAccount': source.owner };
      checkAccess(ctx.sandbox, { service: 'logging.s3.amazonaws.com' }, { bucket: target, action: 's3:PutObject', resource: `arn:aws:s3:::${target.name}/${logging.TargetPrefix ?? ''}x`, permission: 'WRITE', acl: target.acl, context: () => context });
    } catch {
      throw invalid('You must either provide the necessary permissions to the logging service using a bucket policy or give the log-delivery group WRITE and READ_ACP permissions to the target bucket');
    }
  }
  return update(ctx, input.Bucket, (b) => {
    b.logging = logging ? { TargetBucket: logging.TargetBucket, TargetPrefix: logging.TargetPrefix ?? '' } : undefined;
  });
}

export function getBucketWebsite(input: Input<'GetBucketWebsite'>, ctx: RequestContext): Output<'GetBucketWebsite'> {
  const b = backend(ctx).bucket(input.Bucket);
  if (!b.website) throw withExtra(new AwsError('NoSuchWebsiteConfiguration', 'The specified bucket does not have a website configuration', 404), { BucketName: b.name });
  return { ...b.website };
}

export function putBucketWebsite(input: Input<'PutBucketWebsite'>, ctx: RequestContext): Output<'PutBucketWebsite'> {
  const config = input.WebsiteConfiguration ?? {};
  if (!config.IndexDocument?.Suffix && !config.RedirectAllRequestsTo) {
    throw new AwsError('InvalidArgument', 'A value for IndexDocument Suffix must be provided if RedirectAllRequestsTo is empty', 400);
  }
  if (config.IndexDocument?.Suffix?.includes('/')) throw new AwsError('InvalidArgument', 'The IndexDocument Suffix is not well formed', 400);
  return update(ctx, input.Bucket, (b) => void (b.website = config));
}

export function deleteBucketWebsite(input: Input<'DeleteBucketWebsite'>, ctx: RequestContext): Output<'DeleteBucketWebsite'> {
  return update(ctx, input.Bucket, (b) => void (b.website = undefined));
}

export function getBucketAcl(input: Input<'GetBucketAcl'>, ctx: RequestContext): Output<'GetBucketAcl'> {
  const b = backend(ctx).bucket(input.Bucket);
  return aclOutput(b.owner, b.acl);
}

export function putBucketAcl(input: Input<'PutBucketAcl'>, ctx: RequestContext): Output<'PutBucketAcl'> {
  return update(ctx, input.Bucket, (b) => void (b.acl = aclFromInput(b, input, b.owner)));
}

export function getBucketPolicy(input: Input<'GetBucketPolicy'>, ctx: RequestContext): Output<'GetBucketPolicy'> {
  const b = backend(ctx).bucket(input.Bucket);
  if (!b.policy) throw withExtra(new AwsError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404), { BucketName: b.name });
  return { Policy: b.policy };
}

export function putBucketPolicy(input: Input<'PutBucketPolicy'>, ctx: RequestContext): Output<'PutBucketPolicy'> {
  const policy = String(input.Policy ?? '');
  try {
    const doc = JSON.parse(policy) as { Statement?: unknown };
    if (!doc.Statement) throw new Error('no statements');
  } catch {
    throw new AwsError('MalformedPolicy', 'Policies must be valid JSON and the first byte must be \'{\'', 400);
  }
  return update(ctx, input.Bucket, (b) => {
    if (b.publicAccessBlock?.BlockPublicPolicy && isPublicPolicy(policy)) {
      throw accessDenied(
        `User: ${ctx.principal?.arn} is not authorized to perform: s3:PutBucketPolicy on resource: "arn:aws:s3:::${b.name}" because public policies are blocked by the BlockPublicPolicy block public access setting.`,
      );
    }
    b.policy = policy;
  });
}

export function deleteBucketPolicy(input: Input<'DeleteBucketPolicy'>, ctx: RequestContext): Output<'DeleteBucketPolicy'> {
  return update(ctx, input.Bucket, (b) => void (b.policy = undefined));
}

export function getBucketPolicyStatus(input: Input<'GetBucketPolicyStatus'>, ctx: RequestContext): Output<'GetBucketPolicyStatus'> {
  const b = backend(ctx).bucket(input.Bucket);
  const pab = b.publicAccessBlock ?? {};
  const isPublic = (!!b.policy && isPublicPolicy(b.policy) && !pab.RestrictPublicBuckets) || (isPublicAcl(b.acl) && !pab.IgnorePublicAcls);
  return { PolicyStatus: { IsPublic: isPublic } };
}

export function getPublicAccessBlock(input: Input<'GetPublicAccessBlock'>, ctx: RequestContext): Output<'GetPublicAccessBlock'> {
  const b = backend(ctx).bucket(input.Bucket);
  if (!b.publicAccessBlock) {
    throw withExtra(new AwsError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404), { BucketName: b.name });
  }
  return { PublicAccessBlockConfiguration: b.publicAccessBlock };
}

export function putPublicAccessBlock(input: Input<'PutPublicAccessBlock'>, ctx: RequestContext): Output<'PutPublicAccessBlock'> {
  const c = input.PublicAccessBlockConfiguration ?? {};
  return update(ctx, input.Bucket, (b) => {
    b.publicAccessBlock = {
      BlockPublicAcls: !!c.BlockPublicAcls,
      IgnorePublicAcls: !!c.IgnorePublicAcls,
      BlockPublicPolicy: !!c.BlockPublicPolicy,
      RestrictPublicBuckets: !!c.RestrictPublicBuckets,
    };
  });
}

export function deletePublicAccessBlock(input: Input<'DeletePublicAccessBlock'>, ctx: RequestContext): Output<'DeletePublicAccessBlock'> {
  return update(ctx, input.Bucket, (b) => void (b.publicAccessBlock = undefined));
}

export function getBucketOwnershipControls(input: Input<'GetBucketOwnershipControls'>, ctx: RequestContext): Output<'GetBucketOwnershipControls'> {
  const b = backend(ctx).bucket(input.Bucket);
  return { OwnershipControls: { Rules: [{ ObjectOwnership: b.ownership }] } };
}

export function putBucketOwnershipControls(input: Input<'PutBucketOwnershipControls'>, ctx: RequestContext): Output<'PutBucketOwnershipControls'> {
  const ownership = input.OwnershipControls?.Rules?.[0]?.ObjectOwnership;
  if (!ownership || !['BucketOwnerEnforced', 'BucketOwnerPreferred', 'ObjectWriter'].includes(ownership)) {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
  return update(ctx, input.Bucket, (b) => {
    if (ownership === 'BucketOwnerEnforced' && b.acl.length) throw new AwsError('InvalidBucketAclWithObjectOwnership', "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting", 400);
    b.ownership = ownership;
  });
}

export function deleteBucketOwnershipControls(input: Input<'DeleteBucketOwnershipControls'>, ctx: RequestContext): Output<'DeleteBucketOwnershipControls'> {
  return update(ctx, input.Bucket, (b) => void (b.ownership = 'ObjectWriter'));
}

export function getBucketTagging(input: Input<'GetBucketTagging'>, ctx: RequestContext): Output<'GetBucketTagging'> {
  const b = backend(ctx).bucket(input.Bucket);
  if (!b.tags) throw withExtra(new AwsError('NoSuchTagSet', 'The TagSet does not exist', 404), { BucketName: b.name });
  return { TagSet: b.tags };
}

export function putBucketTagging(input: Input<'PutBucketTagging'>, ctx: RequestContext): Output<'PutBucketTagging'> {
  update(ctx, input.Bucket, (b) => void (b.tags = input.Tagging?.TagSet ?? []));
  // S3 answers 204 here, though the model's success code is 200.
  return { $status: 204 };
}

export function deleteBucketTagging(input: Input<'DeleteBucketTagging'>, ctx: RequestContext): Output<'DeleteBucketTagging'> {
  return update(ctx, input.Bucket, (b) => void (b.tags = undefined));
}

