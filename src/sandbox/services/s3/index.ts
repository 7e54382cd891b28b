/**
 * Sandbox S3: REST-XML over path-style, virtual-hosted-style and website addressing. The server
 * has checked the signature (if any); this routes the request to an operation, checks the
 * requester's access to the bucket or object, runs the handler and logs the request when the
 * bucket has server access logging on.
 */
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { AwsError, type Handler, type RequestContext, type ServiceDefinition } from '../../core/types.js';
import { S3_XMLNS, type RestOutput, type RestXmlProtocol } from '../../protocols/rest-xml.js';
import { targetOf } from '../../protocols/request-target.js';
import { address } from './addressing.js';
import { backend, withExtra } from './state.js';
import { accessDenied, checkAccess, type Permission } from './access.js';
import { AccessLogger } from './access-log.js';
import { s3ContextKeys } from './context-keys.js';
import { verifiedBody } from './payload.js';
import { serveWebsite } from './website.js';
import type { BucketConfig, S3Handlers } from './types.js';
import * as buckets from './buckets.js';
import * as objects from './objects.js';
import * as listing from './listing.js';
import * as multipart from './multipart.js';
import * as tagging from './tagging.js';
import * as encryption from './encryption.js';
import * as cors from './cors.js';
import * as configurations from './configurations.js';
import * as notifications from './notifications.js';
import * as lifecycle from './lifecycle.js';
import * as lock from './object-lock.js';
import { restoreObject } from './restore.js';
import { getObjectAttributes } from './attributes.js';

const MODEL = '@aws-sdk/client-s3';

const handlers: S3Handlers = {
  ListBuckets: listing.listBuckets,
  CreateBucket: buckets.createBucket,
  DeleteBucket: buckets.deleteBucket,
  HeadBucket: buckets.headBucket,
  GetBucketLocation: buckets.getBucketLocation,
  GetBucketVersioning: buckets.getBucketVersioning,
  PutBucketVersioning: buckets.putBucketVersioning,
  GetBucketLogging: buckets.getBucketLogging,
  PutBucketLogging: buckets.putBucketLogging,
  GetBucketWebsite: buckets.getBucketWebsite,
  PutBucketWebsite: buckets.putBucketWebsite,
  DeleteBucketWebsite: buckets.deleteBucketWebsite,
  GetBucketAcl: buckets.getBucketAcl,
  PutBucketAcl: buckets.putBucketAcl,
  GetBucketPolicy: buckets.getBucketPolicy,
  PutBucketPolicy: buckets.putBucketPolicy,
  DeleteBucketPolicy: buckets.deleteBucketPolicy,
  GetBucketPolicyStatus: buckets.getBucketPolicyStatus,
  GetPublicAccessBlock: buckets.getPublicAccessBlock,
  PutPublicAccessBlock: buckets.putPublicAccessBlock,
  DeletePublicAccessBlock: buckets.deletePublicAccessBlock,
  GetBucketOwnershipControls: buckets.getBucketOwnershipControls,
  PutBucketOwnershipControls: buckets.putBucketOwnershipControls,
  DeleteBucketOwnershipControls: buckets.deleteBucketOwnershipControls,
  GetBucketTagging: buckets.getBucketTagging,
  PutBucketTagging: buckets.putBucketTagging,
  DeleteBucketTagging: buckets.deleteBucketTagging,
  GetBucketEncryption: encryption.getBucketEncryption,
  PutBucketEncryption: encryption.putBucketEncryption,
  DeleteBucketEncryption: encryption.deleteBucketEncryption,
  ListObjects: listing.listObjects,
  ListObjectsV2: listing.listObjectsV2,
  ListObjectVersions: listing.listObjectVersions,
  PutObject: objects.putObject,
  GetObject: (input, ctx) => objects.getObject(input, ctx),
  HeadObject: (input, ctx) => objects.getObject(input, ctx, true),
  DeleteObject: objects.deleteObject,
  DeleteObjects: objects.deleteObjects,
  CopyObject: objects.copyObject,
  GetObjectAcl: objects.getObjectAcl,
  PutObjectAcl: objects.putObjectAcl,
  GetObjectTagging: tagging.getObjectTagging,
  PutObjectTagging: tagging.putObjectTagging,
  DeleteObjectTagging: tagging.deleteObjectTagging,
  CreateMultipartUpload: multipart.createMultipartUpload,
  UploadPart: multipart.uploadPart,
  UploadPartCopy: multipart.uploadPartCopy,
  CompleteMultipartUpload: multipart.completeMultipartUpload,
  AbortMultipartUpload: multipart.abortMultipartUpload,
  ListParts: multipart.listParts,
  ListMultipartUploads: multipart.listMultipartUploads,
  GetBucketCors: cors.getBucketCors,
  PutBucketCors: cors.putBucketCors,
  DeleteBucketCors: cors.deleteBucketCors,
  GetBucketAccelerateConfiguration: configurations.getBucketAccelerateConfiguration,
  PutBucketAccelerateConfiguration: configurations.putBucketAccelerateConfiguration,
  GetBucketInventoryConfiguration: configurations.getBucketInventoryConfiguration,
  PutBucketInventoryConfiguration: configurations.putBucketInventoryConfiguration,
  DeleteBucketInventoryConfiguration: configurations.deleteBucketInventoryConfiguration,
  ListBucketInventoryConfigurations: configurations.listBucketInventoryConfigurations,
  GetBucketAnalyticsConfiguration: configurations.getBucketAnalyticsConfiguration,
  PutBucketAnalyticsConfiguration: configurations.putBucketAnalyticsConfiguration,
  DeleteBucketAnalyticsConfiguration: configurations.deleteBucketAnalyticsConfiguration,
  ListBucketAnalyticsConfigurations: configurations.listBucketAnalyticsConfigurations,
  GetBucketMetricsConfiguration: configurations.getBucketMetricsConfiguration,
  PutBucketMetricsConfiguration: configurations.putBucketMetricsConfiguration,
  DeleteBucketMetricsConfiguration: configurations.deleteBucketMetricsConfiguration,
  ListBucketMetricsConfigurations: configurations.listBucketMetricsConfigurations,
  GetBucketIntelligentTieringConfiguration: configurations.getBucketIntelligentTieringConfiguration,
  PutBucketIntelligentTieringConfiguration: configurations.putBucketIntelligentTieringConfiguration,
  DeleteBucketIntelligentTieringConfiguration: configurations.deleteBucketIntelligentTieringConfiguration,
  ListBucketIntelligentTieringConfigurations: configurations.listBucketIntelligentTieringConfigurations,
  GetBucketNotificationConfiguration: notifications.getBucketNotificationConfiguration,
  PutBucketNotificationConfiguration: notifications.putBucketNotificationConfiguration,
  GetBucketLifecycleConfiguration: lifecycle.getBucketLifecycleConfiguration,
  PutBucketLifecycleConfiguration: lifecycle.putBucketLifecycleConfiguration,
  DeleteBucketLifecycle: lifecycle.deleteBucketLifecycle,
  GetObjectLockConfiguration: lock.getObjectLockConfiguration,
  PutObjectLockConfiguration: lock.putObjectLockConfiguration,
  GetObjectRetention: lock.getObjectRetention,
  PutObjectRetention: lock.putObjectRetention,
  GetObjectLegalHold: lock.getObjectLegalHold,
  PutObjectLegalHold: lock.putObjectLegalHold,
  RestoreObject: restoreObject,
  GetObjectAttributes: getObjectAttributes,
};

/**
 * The IAM action and ACL permission of an operation, where they are not `s3:<Operation>` and none,
 * as the S3 API reference names them. ListBuckets and CreateBucket are checked by authorizeService.
 */
const ACCESS: Record<string, [action: string, permission?: Permission, objectAcl?: boolean]> = {
  ListObjects: ['s3:ListBucket', 'READ'],
  ListObjectsV2: ['s3:ListBucket', 'READ'],
  HeadBucket: ['s3:ListBucket', 'READ'],
  ListObjectVersions: ['s3:ListBucketVersions', 'READ'],
  ListMultipartUploads: ['s3:ListBucketMultipartUploads', 'READ'],
  GetBucketAcl: ['s3:GetBucketAcl', 'READ_ACP'],
  PutBucketAcl: ['s3:PutBucketAcl', 'WRITE_ACP'],
  GetPublicAccessBlock: ['s3:GetBucketPublicAccessBlock'],
  PutPublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
  DeletePublicAccessBlock: ['s3:PutBucketPublicAccessBlock'],
  DeleteBucketOwnershipControls: ['s3:PutBucketOwnershipControls'],
  DeleteBucketTagging: ['s3:PutBucketTagging'],
  GetBucketEncryption: ['s3:GetEncryptionConfiguration'],
  PutBucketEncryption: ['s3:PutEncryptionConfiguration'],
  DeleteBucketEncryption: ['s3:PutEncryptionConfiguration'],
  GetObject: ['s3:GetObject', 'READ', true],
  HeadObject: ['s3:GetObject', 'READ', true],
  GetObjectAcl: ['s3:GetObjectAcl', 'READ_ACP', true],
  PutObjectAcl: ['s3:PutObjectAcl', 'WRITE_ACP', true],
  GetObjectTagging: ['s3:GetObjectTagging'],
  PutObjectTagging: ['s3:PutObjectTagging'],
  DeleteObjectTagging: ['s3:DeleteObjectTagging'],
  PutObject: ['s3:PutObject', 'WRITE'],
  CopyObject: ['s3:PutObject', 'WRITE'],
  CreateMultipartUpload: ['s3:PutObject', 'WRITE'],
  UploadPart: ['s3:PutObject', 'WRITE'],
  UploadPartCopy: ['s3:PutObject', 'WRITE'],
  CompleteMultipartUpload: ['s3:PutObject', 'WRITE'],
  AbortMultipartUpload: ['s3:AbortMultipartUpload', 'WRITE'],
  ListParts: ['s3:ListMultipartUploadParts', 'READ'],
  DeleteObject: ['s3:DeleteObject', 'WRITE'],
  GetBucketCors: ['s3:GetBucketCORS'],
  PutBucketCors: ['s3:PutBucketCORS'],
  DeleteBucketCors: ['s3:PutBucketCORS'],
  GetBucketAccelerateConfiguration: ['s3:GetAccelerateConfiguration'],
  PutBucketAccelerateConfiguration: ['s3:PutAccelerateConfiguration'],
  GetBucketInventoryConfiguration: ['s3:GetInventoryConfiguration'],
  PutBucketInventoryConfiguration: ['s3:PutInventoryConfiguration'],
  DeleteBucketInventoryConfiguration: ['s3:PutInventoryConfiguration'],
  ListBucketInventoryConfigurations: ['s3:GetInventoryConfiguration'],
  GetBucketAnalyticsConfiguration: ['s3:GetAnalyticsConfiguration'],
  PutBucketAnalyticsConfiguration: ['s3:PutAnalyticsConfiguration'],
  DeleteBucketAnalyticsConfiguration: ['s3:PutAnalyticsConfiguration'],
  ListBucketAnalyticsConfigurations: ['s3:GetAnalyticsConfiguration'],
  GetBucketMetricsConfiguration: ['s3:GetMetricsConfiguration'],
  PutBucketMetricsConfiguration: ['s3:PutMetricsConfiguration'],
  DeleteBucketMetricsConfiguration: ['s3:PutMetricsConfiguration'],
  ListBucketMetricsConfigurations: ['s3:GetMetricsConfiguration'],
  GetBucketIntelligentTieringConfiguration: ['s3:GetIntelligentTieringConfiguration'],
  PutBucketIntelligentTieringConfiguration: ['s3:PutIntelligentTieringConfiguration'],
  DeleteBucketIntelligentTieringConfiguration: ['s3:PutIntelligentTieringConfiguration'],
  ListBucketIntelligentTieringConfigurations: ['s3:GetIntelligentTieringConfiguration'],
  GetBucketNotificationConfiguration: ['s3:GetBucketNotification'],
  PutBucketNotificationConfiguration: ['s3:PutBucketNotification'],
  GetBucketLifecycleConfiguration: ['s3:GetLifecycleConfiguration'],
  PutBucketLifecycleConfiguration: ['s3:PutLifecycleConfiguration'],
  DeleteBucketLifecycle: ['s3:PutLifecycleConfiguration'],
  GetObjectLockConfiguration: ['s3:GetBucketObjectLockConfiguration'],
  PutObjectLockConfiguration: ['s3:PutBucketObjectLockConfiguration'],
  GetObjectRetention: ['s3:GetObjectRetention'],
  PutObjectRetention: ['s3:PutObjectRetention'],
  GetObjectLegalHold: ['s3:GetObjectLegalHold'],
  PutObjectLegalHold: ['s3:PutObjectLegalHold'],
  RestoreObject: ['s3:RestoreObject'],
  GetObjectAttributes: ['s3:GetObjectAttributes'],
};

/** With a versionId, object operations ask for the Version variant of their action instead. */
const VERSION_ACTIONS: Record<string, string> = {
  GetObject: 's3:GetObjectVersion',
  HeadObject: 's3:GetObjectVersion',
  DeleteObject: 's3:DeleteObjectVersion',
  GetObjectAcl: 's3:GetObjectVersionAcl',
  PutObjectAcl: 's3:PutObjectVersionAcl',
  GetObjectTagging: 's3:GetObjectVersionTagging',
  PutObjectTagging: 's3:PutObjectVersionTagging',
  DeleteObjectTagging: 's3:DeleteObjectVersionTagging',
};

/** S3's limit on a single PUT (an object or a part): 5 GiB. */
const MAX_PUT = 5 * 1024 ** 3;

/** S3's limit on a key's name, in UTF-8 bytes, which the operations that name a new key check. */
const MAX_KEY_BYTES = 1024;
const KEY_WRITES = new Set(['PutObject', 'CopyObject', 'CreateMultipartUpload']);

/** Operations every region's endpoint answers for any bucket. */
const ANY_REGION = new Set(['CreateBucket', 'GetBucketLocation', 'ListBuckets']);

const loggers = new WeakMap<object, AccessLogger>();

async function rest(ctx: RequestContext, res: ServerResponse, protocol: RestXmlProtocol): Promise<void> {
  const req = ctx.req;
  const started = Date.now();
  const url = targetOf(req);
  const s3 = backend(ctx);
  let logger = loggers.get(ctx.sandbox);
  if (!logger) loggers.set(ctx.sandbox, (logger = new AccessLogger(s3, ctx.sandbox)));
  let bucket: BucketConfig | undefined;
  // How the access log names it (REST.GET.OBJECT…), worked out only for a bucket that logs.
  let operation = () => 'WEBSITE.GET.OBJECT';
  let status = 200;
  let errorCode: string | undefined;
  let key: string | undefined;
  try {
    const addr = address(req.headers.host, url.path);
    key = addr.key;
    if (addr.website) {
      bucket = Object.hasOwn(s3.state.buckets, addr.bucket!) ? s3.state.buckets[addr.bucket!] : undefined;
      status = await serveWebsite(ctx, res, addr.bucket!, addr.key ?? '');
      return;
    }
    const shape = addr.key !== undefined ? 'object' : addr.bucket ? 'bucket' : 'service';
    // Browsers' CORS preflights are unsigned OPTIONS, answered from the bucket's CORS rules.
    if (req.method === 'OPTIONS' && addr.bucket) {
      operation = () => 'REST.OPTIONS.PREFLIGHT';
      bucket = s3.bucket(addr.bucket);
      status = cors.preflight(bucket, req, res, ctx.requestId, shape === 'object');
      return;
    }
    const model = protocol.route(req.method ?? 'GET', shape, url.query, req.headers);
    if (!model) throw new AwsError('MethodNotAllowed', 'The specified method is not allowed against this resource.', 405);
    operation = () => logOperation(req.method ?? 'GET', model.name, shape);
    const handler = Object.hasOwn(handlers, model.name) ? (handlers as { [operation: string]: Handler | undefined })[model.name] : undefined;
    if (!handler) throw new AwsError('NotImplemented', `The paws sandbox does not implement s3:${model.name} yet.`, 501);
    if (addr.bucket && model.name !== 'CreateBucket') {
      bucket = s3.bucket(addr.bucket);
      if (ctx.principal && bucket.region !== ctx.region && !ANY_REGION.has(model.name)) {
        throw withExtra(
          new AwsError('PermanentRedirect', 'The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.', 301, { 'x-amz-bucket-region': bucket.region }),
          { Bucket: bucket.name, Endpoint: `${bucket.name}.s3.${bucket.region}.localhost` },
        );
      }
    }
    if (bucket) cors.addCorsHeaders(bucket, req, res);
    if (model.name === 'PutObject' || model.name === 'UploadPart') checkPutSize(req.headers);
    if (key !== undefined && KEY_WRITES.has(model.name)) checkKeyLength(key);
    const body = verifiedBody(req, ctx.sandbox.keys, model.name !== 'CompleteMultipartUpload');
    const input = protocol.readInput(model, { labels: { Bucket: addr.bucket ?? '', Key: addr.key ?? '' }, query: url.query, headers: req.headers, body });
    if (bucket) await authorize(ctx, bucket, model.name, input);
    else authorizeService(ctx, model.name, input);
    await protocol.readPayload(model, body, input);
    const output = (await handler(input, ctx)) as RestOutput;
    await ctx.sandbox.store.commit(); // bucket settings a handler changed are on disk before the answer (objects commit in their journal)
    status = output.$status ?? model.successCode;
    await protocol.writeOutput(res, model, output, ctx.requestId);
  } catch (err) {
    status = err instanceof AwsError ? err.status : 500;
    if (!(err instanceof AwsError)) throw err;
    errorCode = err.code;
    protocol.writeError(res, err, ctx.requestId);
  } finally {
    if (bucket?.logging) {
      logger.record({
        bucket,
        time: new Date(started),
        remoteIp: req.socket.remoteAddress ?? '-',
        requester: ctx.principal?.arn ?? '-',
        requestId: ctx.requestId,
        operation: operation(),
        key,
        requestUri: `${req.method} ${req.url} HTTP/${req.httpVersion}`,
        status,
        errorCode,
        bytesSent: Number(res.getHeader('content-length') ?? 0),
        totalMs: Date.now() - started,
        userAgent: String(req.headers['user-agent'] ?? '-'),
        host: String(req.headers.host ?? '-'),
        signed: !!ctx.principal,
      });
    }
  }
}

/**
 * Operations on no existing bucket: ListBuckets (s3:ListAllMyBuckets) and CreateBucket
 * (s3:CreateBucket, plus s3:PutBucketAcl and s3:PutBucketOwnershipControls for what it also sets).
 * Only signed requests may make them.
 */
function authorizeService(ctx: RequestContext, operation: string, input: Record<string, any>): void {
  const principal = ctx.principal;
  if (!principal) throw accessDenied();
  const context = () => s3ContextKeys(ctx.req, principal, operation, input);
  const check = (action: string, resource: string) => ctx.sandbox.authorize?.(principal, action, resource, context);
  if (operation !== 'CreateBucket') return check(operation === 'ListBuckets' ? 's3:ListAllMyBuckets' : `s3:${operation}`, '*');
  const arn = `arn:aws:s3:::${input.Bucket}`;
  check('s3:CreateBucket', arn);
  if (input.ACL || Object.keys(input).some((k) => k.startsWith('Grant'))) check('s3:PutBucketAcl', arn);
  if (input.ObjectOwnership) check('s3:PutBucketOwnershipControls', arn);
}

/** A PUT declaring more than S3 takes in one request is refused before a byte of it is read. */
function checkPutSize(headers: IncomingHttpHeaders): void {
  const declared = Number(headers['x-amz-decoded-content-length'] ?? headers['content-length'] ?? 0);
  if (declared > MAX_PUT) {
    throw withExtra(new AwsError('EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size', 400), { ProposedSize: String(declared), MaxSizeAllowed: String(MAX_PUT) });
  }
}

function checkKeyLength(key: string): void {
  const size = Buffer.byteLength(key);
  if (size > MAX_KEY_BYTES) throw withExtra(new AwsError('KeyTooLongError', 'Your key is too long', 400), { Size: String(size), MaxSizeAllowed: String(MAX_KEY_BYTES) });
}

async function authorize(ctx: RequestContext, bucket: BucketConfig, operation: string, input: Record<string, any>): Promise<void> {
  // DeleteObjects authorizes each key it names (s3:DeleteObject or s3:DeleteObjectVersion), as S3 does.
  if (operation === 'DeleteObjects') return;
  const [plainAction, permission, objectAcl] = ACCESS[operation] ?? [`s3:${operation}`];
  const action = (input.VersionId && VERSION_ACTIONS[operation]) || plainAction;
  const key: string | undefined = input.Key || undefined;
  const resource = `arn:aws:s3:::${bucket.name}${key !== undefined && ACCESS[operation] && action !== 's3:ListBucket' ? `/${key}` : ''}`;
  let acl = bucket.acl;
  let objectOwner: string | undefined;
  if (objectAcl && key) {
    // The object's own ACL decides reads; a missing object leaves only the bucket's grants.
    const version = (await backend(ctx).index(bucket.name)).current(key);
    acl = version?.acl ?? [];
    objectOwner = version?.owner;
  }
  const context = () => s3ContextKeys(ctx.req, ctx.principal, operation, input);
  checkAccess(ctx.sandbox, { principal: ctx.principal }, { bucket, action, resource, permission, acl, objectOwner, context });
}

/** `REST.GET.OBJECT`, `REST.PUT.VERSIONING`… as access logs name operations. */
function logOperation(method: string, operation: string, shape: string): string {
  const kind = shape === 'object' ? (/Part|Multipart/.test(operation) ? 'UPLOAD' : /Acl/.test(operation) ? 'ACL' : 'OBJECT') : operation.replace(/^(Get|Put|Delete|Head|List)(Bucket)?/, '').toUpperCase() || 'BUCKET';
  return `REST.${method}.${kind}`;
}

export const s3: ServiceDefinition = {
  signingName: 's3',
  actionPrefix: 's3',
  protocols: ['rest-xml'],
  modelPackage: MODEL,
  xmlNamespace: S3_XMLNS,
  handlers,
  rest,
  start: lifecycle.startLifecycle,
};
