/**
 * The contract between the sandbox's protocol layer and its service providers.
 *
 * A provider is a table of operation handlers keyed by the AWS operation name. The protocol layer
 * (src/sandbox/protocols) decodes the wire request into the operation's input shape, as the SDK
 * would have built it (PascalCase members, Dates, numbers, booleans, arrays), calls the handler,
 * and encodes what it returns with the operation's output schema. Handlers never see XML or JSON.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { Store } from './store.js';
import type { KeyRing } from './keys.js';
import type { ContextKeys } from './policy.js';
import type { RestXmlProtocol } from '../protocols/rest-xml.js';

/** Who signed the request. */
export interface Principal {
  accountId: string;
  accessKeyId: string;
  /** `arn:aws:iam::123456789012:root` or `arn:aws:iam::123456789012:user/alice` */
  arn: string;
  /** Set for IAM users; absent for an account's root keys. */
  userName?: string;
  /** The IAM user's unique id (AIDA…); the account id for root; `AROA…:session` for a role session. */
  userId?: string;
  /** Temporary credentials (STS): what the session is and what bounds it. */
  session?: PrincipalSession;
}

/** What STS recorded when it issued temporary credentials. */
export interface PrincipalSession {
  /** The role assumed (AssumeRole), whose policies the session acts with. */
  roleArn?: string;
  /** GetFederationToken: the IAM user whose policies bound the federated user. */
  federatedFrom?: string;
  /** Session policies (documents): the session may do only what they also allow. Unset: no bound. */
  policies?: string[];
  /** ISO time after which the token is refused with ExpiredToken. */
  expiration: string;
  /** When the credentials were issued (aws:TokenIssueTime). */
  issued: string;
  /** Whether an MFA code was given (aws:MultiFactorAuthPresent). */
  mfa: boolean;
  /** A role chain (a role session assuming a role) is limited to one hour. */
  chained?: boolean;
}

/** The account's root user: not bound by identity policies. */
export function isRoot(principal: Principal): boolean {
  return principal.arn.endsWith(':root');
}

export interface RequestContext {
  accountId: string;
  region: string;
  requestId: string;
  /** Undefined only for anonymous requests, which only S3 accepts (public objects, websites). */
  principal?: Principal;
  /** The raw request, for REST protocols (S3) that read headers, query and a streamed body. */
  req: IncomingMessage;
  sandbox: SandboxRuntime;
}

/** What every provider can reach: state, time, options, and the other services. */
export interface SandboxRuntime {
  store: Store;
  /** Access keys the sandbox issued (account root keys, IAM users' keys). */
  keys: KeyRing;
  /**
   * Set by the IAM provider: throws AccessDenied when the principal's policies do not allow
   * `action` (e.g. `ec2:RunInstances`) on `resource`. Root principals are always allowed.
   * `context` builds the request's condition keys (aws:SourceIp, s3:prefix…) for Conditions, only
   * when a policy is evaluated: an account's root, bound by none, is answered without them.
   * `service` refuses in another service's words than the action's (EC2 checking iam:PassRole).
   */
  authorize?: (principal: Principal, action: string, resource: string, context?: () => ContextKeys, service?: string) => void;
  options: Required<SandboxOptions>;
  /** Scales the sandbox's simulated delays: `delay(20_000)` is 20 s at timeScale 1. */
  delay(ms: number): Promise<void>;
  /** The endpoint URL clients use, e.g. http://127.0.0.1:4566 */
  endpoint: string;
  /** Registers work to do when the sandbox shuts down (stop instance hosts, timers). */
  onClose(fn: () => void | Promise<void>): void;
}

/**
 * The operations of an SDK client package (`typeof import('@aws-sdk/client-ec2')`), by name, with the
 * SDK's own shapes: `RunInstances: { input: RunInstancesRequest; output: Reservation }`. Read from
 * each command class (its constructor's input, its handler's output minus `$metadata`), so only
 * real operations are keys.
 */
export type SdkApi<M> = {
  [K in keyof M as K extends `${infer Op}Command` ? (Op extends '' | '$' ? never : Op) : never]: M[K] extends new (...args: infer A) => { resolveMiddleware(...args: any[]): (args: any) => Promise<{ output: infer O }> }
    ? { input: NonNullable<A[0]>; output: Omit<O, '$metadata'> }
    : never;
};

/**
 * An output as a handler may give it: what the protocols write the same way (timestamps as Date,
 * ISO text or epoch ms; blobs as bytes or base64 text; streamed payloads as Node streams or bytes)
 * may be either, and enums are plain strings. Members keep their names, so a misspelt one fails to
 * compile.
 */
export type Wire<T> = T extends Date
  ? Date | string | number
  : T extends Uint8Array
    ? Uint8Array | string
    : T extends { transformToByteArray(): unknown }
      ? Readable | Uint8Array | string
      : T extends string
        ? string
        : T extends number | boolean | undefined | null
          ? T
          : T extends ReadonlyArray<infer E>
            ? Array<Wire<E>>
            : T extends object
              ? { [K in keyof T]: Wire<T[K]> }
              : T;

/** The input of operation `Op` of client package `M`. */
export type OperationInput<M, Op extends keyof SdkApi<M>> = SdkApi<M>[Op] extends { input: infer I } ? I : never;
/** The output of operation `Op` of client package `M`, as a handler returns it. */
export type OperationOutput<M, Op extends keyof SdkApi<M>> = SdkApi<M>[Op] extends { output: infer O } ? Wire<O> : never;

export type Handler<I = any, O = unknown> = (input: I, ctx: RequestContext) => O | Promise<O>;

/**
 * A service's handler table, typed by its SDK client package: each key must be an operation of
 * the client, each handler take its input and return its output.
 */
export type Handlers<M = any> = unknown extends M
  ? { [operation: string]: Handler | undefined }
  : { [Op in keyof SdkApi<M>]?: Handler<OperationInput<M, Op>, OperationOutput<M, Op>> };

export type ProtocolName = 'ec2' | 'query' | 'json' | 'rest-xml';

/** `M` is the service's SDK client package (`typeof import('@aws-sdk/client-ec2')`): it types the handlers. */
export interface ServiceDefinition<M = any> {
  /** SigV4 signing name, which is also how requests are routed: ec2, s3, monitoring, sns, iam, sts. */
  signingName: string;
  /** IAM action prefix: ec2, s3, cloudwatch, sns, iam, sts. */
  actionPrefix: string;
  /** The wire protocols the service answers. CloudWatch answers both json (JS SDK) and query (AWS CLI). */
  protocols: ProtocolName[];
  /** The SDK client package whose exported schemas (`Operation$`) describe the operations. */
  modelPackage: string;
  /** XML namespace of query responses, e.g. http://ec2.amazonaws.com/doc/2016-11-15/ */
  xmlNamespace: string;
  /** JSON 1.0 target prefix, e.g. GraniteServiceVersion20100801. */
  targetPrefix?: string;
  /** Global services (IAM) keep one state for all regions, signed with us-east-1. */
  global?: boolean;
  handlers: Handlers<M>;
  /** The ARN an operation acts on, as IAM policies name it (sts:AssumeRole on the role's ARN); unset or undefined: `*`. */
  resourceOf?: (operation: string, input: any, ctx: RequestContext) => string | undefined;
  /** Query actions AWS accepts unsigned (SNS's confirm and unsubscribe links); their handlers see no principal. */
  publicActions?: string[];
  /**
   * REST protocols (S3) route by method, path and query themselves: the server authenticates the
   * request (without reading the body) and hands it over with the service's protocol object.
   */
  rest?: (ctx: RequestContext, res: ServerResponse, protocol: RestXmlProtocol) => Promise<void>;
  /** Called once when the sandbox starts, after the port is open (resume running instances, timers). */
  start?: (runtime: SandboxRuntime) => void | Promise<void>;
}

export interface SandboxOptions {
  /** @default 4566; 0 picks a free port */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** @default $PAWS_HOME/sandbox, else ~/.paws/sandbox */
  stateDir?: string;
  /** Added to every request, to make slow calls observable (Ctrl-C tests, benchmarks). @default 0 */
  latencyMs?: number;
  /** Multiplies simulated delays (boot, state changes); tests use e.g. 0.02. @default 1 */
  timeScale?: number;
  /** Log each request to stderr. @default false */
  verbose?: boolean;
  /** How many accounts, each with its root key (1 to 10). @default 2 */
  accounts?: number;
}

/** An AWS error: serialised by each protocol in its own format (XML Error, JSON __type, EC2 Response/Errors). */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
    /** Extra response headers (e.g. x-amz-bucket-region). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  get senderFault(): boolean {
    return this.status < 500;
  }
}
