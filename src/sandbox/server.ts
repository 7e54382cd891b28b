/**
 * The sandbox's HTTP front door: one port for every service, routed as AWS routes — by the SigV4
 * credential scope (service and region), else X-Amz-Target, else S3 (anonymous website and object
 * requests). Authenticates, applies IAM policies, and reads the request, calls the provider's
 * handler and writes the answer or any error through the service's protocol object (./protocols).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { AwsError, type Principal, type RequestContext, type SandboxRuntime, type ServiceDefinition } from './core/types.js';
import { parseSignature, sha256Hex, verifySignature, type SignedRequest } from './core/sigv4.js';
import { checkSessionToken, sessionTokenOf } from './core/session-token.js';
import { operationModel } from './protocols/models.js';
import { isJsonRequest, protocolsOf, unknownServiceProtocol, type Protocol, type RpcProtocol } from './protocols/protocol.js';
import type { RestXmlProtocol } from './protocols/rest-xml.js';
import { readBody } from './protocols/body.js';
import { isRegion } from './services/ec2/regions.js';
import { targetOf, type RequestTarget } from './protocols/request-target.js';

const READ_ONLY = /^(Describe|List|Get|Head)/;

export function createSandboxServer(runtime: SandboxRuntime, services: ServiceDefinition[]): Server {
  const bySigningName = new Map(services.map((s) => [s.signingName, s]));
  const byTargetPrefix = new Map(services.filter((s) => s.targetPrefix).map((s) => [s.targetPrefix!, s]));
  const protocols = new Map(services.map((s) => [s, protocolsOf(s)]));
  return createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (runtime.options.verbose) console.error(err);
      res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = targetOf(req);
    const requestId = randomUUID();
    if (runtime.options.latencyMs > 0) await new Promise((r) => setTimeout(r, runtime.options.latencyMs).unref());
    let service: ServiceDefinition | undefined;
    let protocol: Protocol = unknownServiceProtocol(req);
    try {
      const sig = parseSignature(req.headersDistinct, url.query);
      const target = req.headers['x-amz-target'] as string | undefined;
      // An unsigned query form (STS's AssumeRoleWithWebIdentity) names its action in the body.
      const form = !sig && !target && isRootForm(req, url) ? await readBody(req) : undefined;
      const action = url.query.get('Action') ?? (form && new URLSearchParams(form.toString('utf8')).get('Action')) ?? '';
      service = sig
        ? bySigningName.get(sig.service)
        : target
          ? byTargetPrefix.get(target.split('.')[0])
          : (publicService(action) ?? bySigningName.get('s3'));
      if (!service) throw new AwsError('UnrecognizedClientException', `The sandbox does not serve the service '${sig?.service ?? target}'.`, 400);
      protocol = pickProtocol(protocols.get(service)!, req);
      // A region is a state key: never `__proto__`, only a region AWS has (eu-west-4 is refused as AWS refuses it).
      if (sig && !isRegion(sig.region)) throw invalidRegion(service, sig.region);
      if (service.rest) {
        const principal = sig ? await authenticate(sig, req, url, service) : undefined;
        // S3 answers from inside its handlers, each change committed before its answer (services/s3).
        await service.rest(context(req, requestId, service, sig, principal), res, protocol as RestXmlProtocol);
        return;
      }
      const body = form ?? (await readBody(req));
      if (!sig) {
        if (!service.publicActions?.includes(action)) throw missingAuth(service);
        return await dispatch(context(req, requestId, service), service, protocol as RpcProtocol, body, url, res);
      }
      const declared = req.headers['x-amz-content-sha256'] as string | undefined;
      if (declared && declared !== sha256Hex(body)) throw new AwsError('XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 header does not match what was computed.', 400);
      const principal = await authenticate(sig, req, url, service, body);
      await dispatch(context(req, requestId, service, sig, principal), service, protocol as RpcProtocol, body, url, res);
    } catch (err) {
      protocol.writeError(res, err instanceof AwsError ? err : internalError(err, service), requestId);
    }
  }

  /** A handler bug: logged (verbose), answered as the service's 500 rather than a dropped connection. */
  function internalError(err: unknown, service: ServiceDefinition | undefined): AwsError {
    if (runtime.options.verbose) console.error(err);
    return ['s3', 'ec2'].includes(service?.signingName ?? 's3')
      ? new AwsError('InternalError', 'We encountered an internal error. Please try again.', 500)
      : new AwsError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
  }

  /** The service of an unsigned action such as SNS's `/?Action=ConfirmSubscription&…` link or STS's AssumeRoleWithWebIdentity. */
  function publicService(action: string): ServiceDefinition | undefined {
    return action ? services.find((s) => s.publicActions?.includes(action)) : undefined;
  }

  function context(req: IncomingMessage, requestId: string, service: ServiceDefinition, sig?: SignedRequest, principal?: Principal): RequestContext {
    return {
      accountId: principal?.accountId ?? '',
      region: service.global ? 'global' : (sig?.region ?? 'us-east-1'),
      requestId,
      principal,
      req,
      sandbox: runtime,
    };
  }

  async function authenticate(sig: SignedRequest, req: IncomingMessage, url: RequestTarget, service: ServiceDefinition, body?: Buffer): Promise<Principal> {
    const s3 = service.signingName === 's3';
    const wire = { method: req.method ?? 'GET', path: url.path, query: url.query, headers: req.headersDistinct, body };
    const verdict = await verifySignature(sig, wire, { secretOf: (id) => activeKey(id)?.secretAccessKey, now: Date.now(), uriEscapePath: !s3 });
    switch (verdict) {
      case 'valid': {
        const key = activeKey(sig.accessKeyId)!;
        checkSessionToken(key, sessionTokenOf(sig, wire), service.signingName);
        runtime.keys.used(sig.accessKeyId, service.signingName, service.global ? 'us-east-1' : sig.version === 4 ? sig.region : 'us-east-1');
        return key.principal;
      }
      case 'unknown-key':
        throw unknownKey(service);
      case 'too-skewed':
        throw new AwsError('RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.', 403);
      case 'expired':
        throw new AwsError('AccessDenied', 'Request has expired', 403);
      case 'mismatch':
        throw new AwsError(
          'SignatureDoesNotMatch',
          s3
            ? 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
            : 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
          403,
        );
    }
  }

  function activeKey(accessKeyId: string) {
    const key = runtime.keys.lookup(accessKeyId);
    return key?.status === 'Active' ? key : undefined;
  }

  async function dispatch(ctx: RequestContext, service: ServiceDefinition, protocol: RpcProtocol, body: Buffer, url: RequestTarget, res: ServerResponse): Promise<void> {
    const request = protocol.readRequest({ req: ctx.req, query: url.query, body });
    const operation = request.operation;
    const model = operationModel(service.modelPackage, operation);
    if (!model) throw protocol.unknownOperation(operation);
    const handler = Object.hasOwn(service.handlers, operation) ? service.handlers[operation] : undefined;
    if (!handler) throw new AwsError('NotImplemented', `The paws sandbox does not implement ${service.actionPrefix}:${operation} yet.`, 501);
    const authorize = (resource: string) => ctx.principal && runtime.authorize?.(ctx.principal, `${service.actionPrefix}:${operation}`, resource);
    // Authorized before the input is read (a gzipped JSON body is inflated only then), unless the policies name what it acts on.
    if (!service.resourceOf) authorize('*');
    const input = request.input(model);
    if (service.resourceOf) authorize(service.resourceOf(operation, input, ctx) ?? '*');
    const output = (await handler(input, ctx)) as Record<string, unknown> | undefined;
    // What the 200 acknowledges is on disk before it is sent (a group commit: core/store.ts).
    if (!READ_ONLY.test(operation)) runtime.store.markDirty(service.signingName);
    await runtime.store.commit();
    await protocol.writeOutput(res, model, output, ctx.requestId);
  }
}

/** A form POSTed to `/`: how query-protocol clients send; S3's browser uploads are multipart and go to a bucket. */
function isRootForm(req: IncomingMessage, url: RequestTarget): boolean {
  return req.method === 'POST' && url.path === '/' && String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
}

/** The service's one protocol, or for CloudWatch and SQS (json and query) the one the content type names. */
function pickProtocol(candidates: Protocol[], req: IncomingMessage): Protocol {
  const json = isJsonRequest(req);
  // A JSON request to a service of the query protocol alone is still answered in JSON.
  return candidates.find((p) => (p.name === 'json') === json) ?? (json ? unknownServiceProtocol(req) : candidates[0]);
}

/** The region of a credential scope names no region. */
function invalidRegion(service: ServiceDefinition, region: string): AwsError {
  if (service.signingName !== 's3') return new AwsError('SignatureDoesNotMatch', `Credential should be scoped to a valid region, not '${region}'.`, 403);
  return new AwsError('AuthorizationHeaderMalformed', `The authorization header is malformed; the region '${region}' is wrong; expecting 'us-east-1'`, 400);
}

function unknownKey(service: ServiceDefinition): AwsError {
  switch (service.signingName) {
    case 's3':
      return new AwsError('InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.', 403);
    case 'ec2':
      return new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    default:
      return new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
  }
}

function missingAuth(service: ServiceDefinition): AwsError {
  return service.signingName === 'ec2'
    ? new AwsError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401)
    : new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
}
