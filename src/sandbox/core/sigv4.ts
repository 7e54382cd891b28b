/**
 * SigV4 verification by re-signing (see style.md, @smithy/signature-v4): rebuild the request from
 * only the headers the client signed, sign it with the secret we issued, compare in constant time.
 * Handles the Authorization header and presigned URLs (X-Amz-* query parameters); S3's legacy
 * SigV2 is read and verified by ./sigv2.ts through the same two entry points. Pure functions
 * of the request as sent: the official SigV4 test suite runs them directly (test/sandbox/sigv4-suite).
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { ALGORITHM_IDENTIFIER, AMZ_DATE_HEADER, createScope, GENERATED_HEADERS, getCanonicalHeaders, SHA256_HEADER, SignatureV4, SignatureV4Base, TOKEN_HEADER } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { Sha256 } from './sha256.js';
import { AwsError } from './types.js';
import { parseSigV2, verifySigV2, type SigV2Request } from './sigv2.js';

/** A request as it came over the wire. */
export interface WireRequest {
  method: string;
  /** The raw path, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case names; a repeated header's values in order (IncomingMessage.headersDistinct). */
  headers: NodeJS.Dict<string[]>;
  /** The buffered body of RPC requests; REST requests (S3) are verified against the x-amz-content-sha256 they signed. */
  body?: Buffer;
}
export type SignedRequest = SigV4Request | SigV2Request;

export interface SigV4Request {
  version: 4;
  accessKeyId: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
  /** X-Amz-Date, e.g. 20261128T024824Z */
  amzDate: string;
  /** Seconds a presigned URL stays valid; undefined for header auth. */
  expires?: number;
  sessionToken?: string;
}

const AUTH_RE = /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/;

/** Reads the signature parameters of a request; undefined when it is not signed. */
export function parseSignature(headers: WireRequest['headers'], q: URLSearchParams): SignedRequest | undefined {
  const v2 = parseSigV2(headers, q);
  if (v2) return v2;
  const header = headers.authorization?.[0];
  if (header) {
    const m = AUTH_RE.exec(header.trim());
    if (!m) throw new AwsError('IncompleteSignature', 'Authorization header requires Credential, SignedHeaders and Signature with AWS4-HMAC-SHA256.', 400);
    const amzDate = headers['x-amz-date']?.[0] ?? '';
    return {
      version: 4,
      accessKeyId: m[1],
      region: m[3],
      service: m[4],
      signedHeaders: m[5].split(';'),
      signature: m[6],
      amzDate,
      sessionToken: headers['x-amz-security-token']?.[0],
    };
  }
  if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    const [accessKeyId, , region, service] = (q.get('X-Amz-Credential') ?? '').split('/');
    const expires = q.get('X-Amz-Expires') ?? '0';
    if (!/^\d{1,9}$/.test(expires)) throw new AwsError('AuthorizationQueryParametersError', 'X-Amz-Expires should be a number', 400);
    return {
      version: 4,
      accessKeyId,
      region,
      service,
      signedHeaders: (q.get('X-Amz-SignedHeaders') ?? 'host').split(';'),
      signature: q.get('X-Amz-Signature') ?? '',
      amzDate: q.get('X-Amz-Date') ?? '',
      expires: Number(expires),
      sessionToken: q.get('X-Amz-Security-Token') ?? undefined,
    };
  }
  return undefined;
}

/** When a request was signed, and that time as the signer writes it (20261128T024824Z). */
interface SigningDate {
  date: Date;
  long: string;
}

/** The last X-Amz-Date read: the requests of one second share it, so most are read once. */
let lastSigningDate: { amzDate: string; parsed: SigningDate } | undefined;

function parseAmzDate(amzDate: string): SigningDate {
  if (lastSigningDate?.amzDate === amzDate) return lastSigningDate.parsed;
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(amzDate);
  if (!m) throw new AwsError('IncompleteSignature', `Invalid X-Amz-Date: ${amzDate || '(missing)'}`, 400);
  const date = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
  // An out-of-range field (month 13) rolls over in Date.UTC: the signature is computed for the date it makes.
  const parsed = { date, long: date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '') };
  lastSigningDate = { amzDate, parsed };
  return parsed;
}

export function sha256Hex(data: Buffer | string): string {
  return hash('sha256', data, 'hex'); // one-shot: no Hash object per call
}

/** How a signed request fares: a key the sandbox issued, within its time, with the signature it has. */
export type Verdict = 'valid' | 'unknown-key' | 'too-skewed' | 'expired' | 'mismatch';

const MAX_SKEW_MS = 15 * 60 * 1000;
const WEEK_S = 604800;

export interface VerifyOptions {
  /** The secret of an active access key, undefined for a key that is unknown or inactive. */
  secretOf(accessKeyId: string): string | undefined;
  /** Epoch ms. */
  now: number;
  /** S3 signs the path as sent; other services sign it decoded and normalized, then escape it. */
  uriEscapePath: boolean;
}

export async function verifySignature(sig: SignedRequest, request: WireRequest, opts: VerifyOptions): Promise<Verdict> {
  if (sig.version === 2) return verifySigV2(sig, request, opts);
  const secret = opts.secretOf(sig.accessKeyId);
  if (secret === undefined) return 'unknown-key';
  const signingDate = parseAmzDate(sig.amzDate);
  const signedAt = signingDate.date.getTime();
  if (sig.expires === undefined && Math.abs(opts.now - signedAt) > MAX_SKEW_MS) return 'too-skewed';
  if (sig.expires !== undefined) {
    if (sig.expires > WEEK_S) throw new AwsError('AuthorizationQueryParametersError', `X-Amz-Expires must be less than a week (in seconds) that is ${WEEK_S}`, 400);
    if (opts.now > signedAt + sig.expires * 1000) return 'expired';
  }
  const expected = await expectedSignature(sig, request, secret, opts.uriEscapePath, signingDate);
  const a = Buffer.from(expected);
  const b = Buffer.from(sig.signature);
  return a.length === b.length && timingSafeEqual(a, b) ? 'valid' : 'mismatch';
}

async function expectedSignature(sig: SigV4Request, wire: WireRequest, secretAccessKey: string, uriEscapePath: boolean, signingDate: SigningDate): Promise<string> {
  // A repeated header is signed as its values joined by commas (not Node's ", "). The headers the
  // signer generates (Authorization, X-Amz-Date, Date) are its own, whatever the client sent.
  const headers: Record<string, string> = {};
  for (const name of sig.signedHeaders) {
    const v = wire.headers[name];
    if (v !== undefined && !GENERATED_HEADERS.includes(name)) headers[name] = v.join(',');
  }
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of wire.query) {
    if (k === 'X-Amz-Signature') continue;
    const prev = query[k];
    query[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  const request = new HttpRequest({
    method: wire.method,
    protocol: 'http:',
    hostname: headers.host ?? '',
    path: uriEscapePath ? decodedPath(wire.path) : wire.path,
    query,
    headers,
    body: wire.body,
  });
  if (sig.expires === undefined) return headerSignature(sig, request, secretAccessKey, uriEscapePath, signingDate);
  const signer = new SignatureV4({
    credentials: { accessKeyId: sig.accessKeyId, secretAccessKey, sessionToken: sig.sessionToken },
    region: sig.region,
    service: sig.service,
    sha256: Sha256,
    uriEscapePath,
    applyChecksum: false,
  });
  const unhoistableHeaders = new Set(Object.keys(headers));
  const unsignableHeaders = new Set<string>();
  // Presigned S3 URLs sign the payload as UNSIGNED-PAYLOAD: the JS presigner says so in the query
  // (X-Amz-Content-Sha256, hoisted from a header), botocore (the AWS CLI) leaves it implicit.
  const payloadHash = wire.query.get('X-Amz-Content-Sha256');
  if (payloadHash) {
    request.headers['X-Amz-Content-Sha256'] = payloadHash;
  } else if (!uriEscapePath && !headers['x-amz-content-sha256']) {
    request.headers['x-amz-content-sha256'] = 'UNSIGNED-PAYLOAD';
    unhoistableHeaders.add('x-amz-content-sha256');
    unsignableHeaders.add('x-amz-content-sha256');
  }
  const signed = await signer.presign(request, { signingDate: signingDate.date, expiresIn: sig.expires, unhoistableHeaders, unsignableHeaders });
  return String(signed.query?.['X-Amz-Signature'] ?? '');
}

/** The canonical request exactly as SignatureV4 builds it: its path, query and header rules. */
class CanonicalRequest extends SignatureV4Base {
  constructor(uriEscapePath: boolean) {
    super({ credentials: { accessKeyId: '', secretAccessKey: '' }, region: '', service: '', sha256: Sha256, uriEscapePath });
  }

  of(request: HttpRequest, signableHeaders: Set<string>, payloadHash: string): string {
    return this.createCanonicalRequest(request, getCanonicalHeaders(request, undefined, signableHeaders), payloadHash);
  }
}

const CANONICAL = { escaped: new CanonicalRequest(true), asSent: new CanonicalRequest(false) };

const EMPTY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/**
 * A header-signed request's signature as SignatureV4.sign computes it — the same canonical request,
 * string to sign and HMAC — but synchronously, with the key from signingKey()'s cache: the signer
 * spends an HMAC per request only to look up its own cached key, and a few promises.
 */
function headerSignature(sig: SigV4Request, request: HttpRequest, secretAccessKey: string, uriEscapePath: boolean, signingDate: SigningDate): string {
  const longDate = signingDate.long;
  const shortDate = longDate.slice(0, 8);
  request.headers[AMZ_DATE_HEADER] = longDate;
  if (sig.sessionToken) request.headers[TOKEN_HEADER] = sig.sessionToken;
  const payloadHash = request.headers[SHA256_HEADER] ?? (request.body === undefined ? EMPTY_SHA256 : sha256Hex(request.body as Buffer));
  const canonical = (uriEscapePath ? CANONICAL.escaped : CANONICAL.asSent).of(request, new Set(sig.signedHeaders), payloadHash);
  const stringToSign = `${ALGORITHM_IDENTIFIER}\n${longDate}\n${createScope(shortDate, sig.region, sig.service)}\n${sha256Hex(canonical)}`;
  return createHmac('sha256', signingKey(secretAccessKey, shortDate, sig.region, sig.service)).update(stringToSign).digest('hex');
}

/** Derived signing keys by secret, day, region and service: four HMACs a day per client, not per request. */
const signingKeys = new Map<string, Buffer>();
const MAX_SIGNING_KEYS = 256;

/** The SigV4 signing key (kSigning) of a secret for a day (yyyymmdd), region and service. */
export function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const id = [secretAccessKey, date, region, service].join('\n');
  let key = signingKeys.get(id);
  if (!key) {
    if (signingKeys.size >= MAX_SIGNING_KEYS) signingKeys.clear(); // made-up scopes cannot grow it without bound
    const kDate = createHmac('sha256', `AWS4${secretAccessKey}`).update(date).digest();
    const kRegion = createHmac('sha256', kDate).update(region).digest();
    const kService = createHmac('sha256', kRegion).update(service).digest();
    key = createHmac('sha256', kService).update('aws4_request').digest();
    signingKeys.set(id, key);
  }
  return key;
}

/** The path other services sign (decoded, then escaped by the signer); an undecodable one cannot match. */
function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
