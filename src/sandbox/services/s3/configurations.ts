/**
 * Bucket configurations S3 stores and reports but whose effects (reports, metrics, tier moves,
 * faster endpoints) happen outside the request path: transfer acceleration, and inventory,
 * analytics, metrics and intelligent-tiering configurations kept by id (up to 1,000 of each kind,
 * listed 100 a page).
 */
import type { AnalyticsConfiguration, IntelligentTieringConfiguration, InventoryConfiguration, MetricsConfiguration } from '@aws-sdk/client-s3';
import { AwsError, type RequestContext } from '../../core/types.js';
import { backend, withExtra } from './state.js';
import type { Input, Output } from './types.js';

const PAGE = 100;
const MAX_PER_KIND = 1000;

const malformedXml = () => new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);

export function putBucketAccelerateConfiguration(input: Input<'PutBucketAccelerateConfiguration'>, ctx: RequestContext): Output<'PutBucketAccelerateConfiguration'> {
  const s3 = backend(ctx);
  const bucket = s3.bucket(input.Bucket);
  const status = input.AccelerateConfiguration?.Status;
  if (status !== 'Enabled' && status !== 'Suspended') throw malformedXml();
  // Accelerated endpoints are virtual-hosted names under TLS: a dot would break the certificate.
  if (bucket.name.includes('.')) throw new AwsError('InvalidRequest', 'S3 Transfer Acceleration is not supported for buckets with periods (.) in their names', 400);
  bucket.accelerate = status;
  s3.saveBuckets();
  return {};
}

/** Never set: an empty configuration, no Status. */
export function getBucketAccelerateConfiguration(input: Input<'GetBucketAccelerateConfiguration'>, ctx: RequestContext): Output<'GetBucketAccelerateConfiguration'> {
  return { Status: backend(ctx).bucket(input.Bucket).accelerate };
}

/** The kinds kept by id, with the members S3 requires of each (else MalformedXML). */
const REQUIRED = {
  inventory: ['Id', 'Destination', 'IsEnabled', 'IncludedObjectVersions', 'Schedule'],
  analytics: ['Id', 'StorageClassAnalysis'],
  metrics: ['Id'],
  intelligentTiering: ['Id', 'Status', 'Tierings'],
} as const;
type Kind = keyof typeof REQUIRED;

function configsOf(ctx: RequestContext, bucketName: string, kind: Kind): Record<string, unknown> {
  const bucket = backend(ctx).bucket(bucketName);
  bucket.configurations ??= {};
  return (bucket.configurations[kind] ??= {});
}

function put(ctx: RequestContext, bucketName: string, kind: Kind, id: string | undefined, config: object | undefined): object {
  const configs = configsOf(ctx, bucketName, kind);
  if (!config || !id || REQUIRED[kind].some((m) => (config as Record<string, unknown>)[m] === undefined)) throw malformedXml();
  if ((config as { Id: string }).Id !== id) throw new AwsError('InvalidArgument', 'The Id in the configuration does not match the Id in the request.', 400);
  if (!Object.hasOwn(configs, id) && Object.keys(configs).length >= MAX_PER_KIND) {
    throw new AwsError('TooManyConfigurations', `You are attempting to create a new configuration but have already reached the ${MAX_PER_KIND}-configuration limit.`, 400);
  }
  configs[id] = config;
  backend(ctx).saveBuckets();
  return {};
}

function get<T>(ctx: RequestContext, bucketName: string, kind: Kind, id: string | undefined): T {
  const configs = configsOf(ctx, bucketName, kind);
  if (!id || !Object.hasOwn(configs, id)) throw withExtra(new AwsError('NoSuchConfiguration', 'The specified configuration does not exist.', 404), { BucketName: bucketName });
  return configs[id] as T;
}

function remove(ctx: RequestContext, bucketName: string, kind: Kind, id: string | undefined): object {
  get(ctx, bucketName, kind, id);
  delete configsOf(ctx, bucketName, kind)[id!];
  backend(ctx).saveBuckets();
  return {};
}

/** A page of configurations in id order; the continuation token is the last id of the previous page. */
function list<T>(ctx: RequestContext, bucketName: string, kind: Kind, token: string | undefined): { items: T[]; IsTruncated: boolean; ContinuationToken?: string; NextContinuationToken?: string } {
  const configs = configsOf(ctx, bucketName, kind);
  const after = token ? Buffer.from(token, 'base64url').toString() : '';
  const ids = Object.keys(configs).sort().filter((id) => id > after);
  const page = ids.slice(0, PAGE);
  const truncated = ids.length > PAGE;
  return {
    items: page.map((id) => configs[id] as T),
    IsTruncated: truncated,
    ContinuationToken: token,
    NextContinuationToken: truncated ? Buffer.from(page.at(-1)!).toString('base64url') : undefined,
  };
}

export const putBucketInventoryConfiguration = (input: Input<'PutBucketInventoryConfiguration'>, ctx: RequestContext): Output<'PutBucketInventoryConfiguration'> =>
  put(ctx, input.Bucket, 'inventory', input.Id, input.InventoryConfiguration);
export const getBucketInventoryConfiguration = (input: Input<'GetBucketInventoryConfiguration'>, ctx: RequestContext): Output<'GetBucketInventoryConfiguration'> => ({
  InventoryConfiguration: get<InventoryConfiguration>(ctx, input.Bucket, 'inventory', input.Id),
});
export const deleteBucketInventoryConfiguration = (input: Input<'DeleteBucketInventoryConfiguration'>, ctx: RequestContext): Output<'DeleteBucketInventoryConfiguration'> =>
  remove(ctx, input.Bucket, 'inventory', input.Id);
export function listBucketInventoryConfigurations(input: Input<'ListBucketInventoryConfigurations'>, ctx: RequestContext): Output<'ListBucketInventoryConfigurations'> {
  const { items, ...page } = list<InventoryConfiguration>(ctx, input.Bucket, 'inventory', input.ContinuationToken);
  return { ...page, InventoryConfigurationList: items };
}

export const putBucketAnalyticsConfiguration = (input: Input<'PutBucketAnalyticsConfiguration'>, ctx: RequestContext): Output<'PutBucketAnalyticsConfiguration'> =>
  put(ctx, input.Bucket, 'analytics', input.Id, input.AnalyticsConfiguration);
export const getBucketAnalyticsConfiguration = (input: Input<'GetBucketAnalyticsConfiguration'>, ctx: RequestContext): Output<'GetBucketAnalyticsConfiguration'> => ({
  AnalyticsConfiguration: get<AnalyticsConfiguration>(ctx, input.Bucket, 'analytics', input.Id),
});
export const deleteBucketAnalyticsConfiguration = (input: Input<'DeleteBucketAnalyticsConfiguration'>, ctx: RequestContext): Output<'DeleteBucketAnalyticsConfiguration'> =>
  remove(ctx, input.Bucket, 'analytics', input.Id);
export function listBucketAnalyticsConfigurations(input: Input<'ListBucketAnalyticsConfigurations'>, ctx: RequestContext): Output<'ListBucketAnalyticsConfigurations'> {
  const { items, ...page } = list<AnalyticsConfiguration>(ctx, input.Bucket, 'analytics', input.ContinuationToken);
  return { ...page, AnalyticsConfigurationList: items };
}

export const putBucketMetricsConfiguration = (input: Input<'PutBucketMetricsConfiguration'>, ctx: RequestContext): Output<'PutBucketMetricsConfiguration'> =>
  put(ctx, input.Bucket, 'metrics', input.Id, input.MetricsConfiguration);
export const getBucketMetricsConfiguration = (input: Input<'GetBucketMetricsConfiguration'>, ctx: RequestContext): Output<'GetBucketMetricsConfiguration'> => ({
  MetricsConfiguration: get<MetricsConfiguration>(ctx, input.Bucket, 'metrics', input.Id),
});
export const deleteBucketMetricsConfiguration = (input: Input<'DeleteBucketMetricsConfiguration'>, ctx: RequestContext): Output<'DeleteBucketMetricsConfiguration'> =>
  remove(ctx, input.Bucket, 'metrics', input.Id);
export function listBucketMetricsConfigurations(input: Input<'ListBucketMetricsConfigurations'>, ctx: RequestContext): Output<'ListBucketMetricsConfigurations'> {
  const { items, ...page } = list<MetricsConfiguration>(ctx, input.Bucket, 'metrics', input.ContinuationToken);
  return { ...page, MetricsConfigurationList: items };
}

export const putBucketIntelligentTieringConfiguration = (input: Input<'PutBucketIntelligentTieringConfiguration'>, ctx: RequestContext): Output<'PutBucketIntelligentTieringConfiguration'> =>
  put(ctx, input.Bucket, 'intelligentTiering', input.Id, input.IntelligentTieringConfiguration);
export const getBucketIntelligentTieringConfiguration = (input: Input<'GetBucketIntelligentTieringConfiguration'>, ctx: RequestContext): Output<'GetBucketIntelligentTieringConfiguration'> => ({
  IntelligentTieringConfiguration: get<IntelligentTieringConfiguration>(ctx, input.Bucket, 'intelligentTiering', input.Id),
});
export const deleteBucketIntelligentTieringConfiguration = (input: Input<'DeleteBucketIntelligentTieringConfiguration'>, ctx: RequestContext): Output<'DeleteBucketIntelligentTieringConfiguration'> =>
  remove(ctx, input.Bucket, 'intelligentTiering', input.Id);
export function listBucketIntelligentTieringConfigurations(input: Input<'ListBucketIntelligentTieringConfigurations'>, ctx: RequestContext): Output<'ListBucketIntelligentTieringConfigurations'> {
  const { items, ...page } = list<IntelligentTieringConfiguration>(ctx, input.Bucket, 'intelligentTiering', input.ContinuationToken);
  return { ...page, IntelligentTieringConfigurationList: items };
}
