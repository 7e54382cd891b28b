/**
 * REST-XML (S3): requests routed to an operation by method, path shape and subresource query, as
 * S3 routes them, then decoded through the operation's HTTP bindings (httpLabel, httpQuery,
 * httpHeader, httpPrefixHeaders, httpPayload) and encoded back the same way. The routing table
 * comes from each operation's `http` trait in the SDK's schemas (`PUT /{Key+}?uploads`…), so no
 * operation is listed by hand.
 */
import { createRequire } from 'node:module';
import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { XMLParser } from 'fast-xml-parser';
import type { NormalizedSchema } from '@smithy/core/schema';
import { membersOf, operationModel, type OperationModel } from './models.js';
import { escapeXml, xmlElement, xmlMembers } from './xml.js';
import { scalarFromText, scalarToText, toDate } from './values.js';
import { AwsError } from '../core/types.js';
import { closeIfBodyUnread } from './request-target.js';
import { endAtTurnEnd } from './answer.js';
import type { Protocol } from './protocol.js';

const require = createRequire(import.meta.url);

/**
 * REST-XML as S3 speaks it. S3 routes and reads its requests itself (addressing, authorization
 * before the payload is read), through this object's route, readInput and readPayload.
 */
export interface RestXmlProtocol extends Protocol {
  readonly name: 'rest-xml';
  route(method: string, shape: PathShape, query: URLSearchParams, headers: IncomingHttpHeaders): OperationModel | undefined;
  readInput(model: OperationModel, request: RestRequest): Record<string, unknown>;
  readPayload(model: OperationModel, body: () => Readable, input: Record<string, unknown>): Promise<void>;
}

export function restXmlProtocol(modelPackage: string, xmlns: string): RestXmlProtocol {
  return {
    name: 'rest-xml',
    route: (method, shape, query, headers) => routeRequest(modelPackage, method, shape, query, headers),
    readInput: readRestInput,
    readPayload: readRestPayload,
    writeOutput: (res, model, output, requestId) => writeRestOutput(res, model, (output ?? {}) as RestOutput, xmlns, requestId),
    writeError: writeRestXmlError,
  };
}

/** Which part of the path an operation addresses: `/`, `/{Bucket}` or `/{Bucket}/{Key+}`. */
export type PathShape = 'service' | 'bucket' | 'object';

interface Route {
  name: string;
  /** Query literals of the URI pattern (`?uploads`, `?list-type=2`), minus the SDK's `x-id`. */
  literals: Array<[string, string | undefined]>;
  /** Required members bound to the query or headers (`uploadId`, `x-amz-copy-source`). */
  requiredQuery: string[];
  requiredHeaders: string[];
}

/** A service's routes by method and path shape (`GET bucket`), the candidates for a request. */
type RouteTable = Map<string, Route[]>;

const routeTables = new Map<string, RouteTable>();

function routes(modelPackage: string): RouteTable {
  let table = routeTables.get(modelPackage);
  if (table) return table;
  table = new Map();
  for (const [exportName, op] of Object.entries(require(modelPackage) as Record<string, unknown>)) {
    // An operation schema is [9, namespace, name, traits, () => input, () => output].
    if (!exportName.endsWith('$') || !Array.isArray(op) || op[0] !== 9) continue;
    const http = (op[3] as { http?: [string, string, number] }).http;
    if (!http) continue;
    const [method, uri] = http;
    const [path, query = ''] = uri.split('?');
    const model = operationModel(modelPackage, op[2] as string)!;
    const required = new Set(model.required);
    const requiredQuery: string[] = [];
    const requiredHeaders: string[] = [];
    const labels = new Set<string>();
    for (const [name, member] of model.input.structIterator()) {
      const t = member.getMergedTraits();
      if (t.httpLabel) labels.add(name);
      if (!required.has(name)) continue;
      if (t.httpQuery) requiredQuery.push(t.httpQuery as string);
      if (t.httpHeader) requiredHeaders.push((t.httpHeader as string).toLowerCase());
    }
    const shape: PathShape = labels.has('Key') && path.includes('{Key+}') ? 'object' : labels.has('Bucket') ? 'bucket' : 'service';
    const literals = [...new URLSearchParams(query)]
      .filter(([k]) => k !== 'x-id')
      .map(([k, v]): [string, string | undefined] => [k, v === '' ? undefined : v]);
    const key = `${method} ${shape}`;
    table.set(key, [...(table.get(key) ?? []), { name: op[2] as string, literals, requiredQuery, requiredHeaders }]);
  }
  routeTables.set(modelPackage, table);
  return table;
}

/**
 * The operation a request addresses. The SDK names it in `x-id`; other clients (the AWS CLI) do
 * not, so the most specific operation whose subresources and required parameters are all present wins.
 */
function routeRequest(modelPackage: string, method: string, shape: PathShape, query: URLSearchParams, headers: IncomingHttpHeaders): OperationModel | undefined {
  const candidates = routes(modelPackage).get(`${method} ${shape}`) ?? [];
  const xId = query.get('x-id');
  const named = xId ? candidates.find((r) => r.name === xId) : undefined;
  let best: Route | undefined = named;
  let bestScore = -1;
  if (!best) {
    for (const r of candidates) {
      const ok =
        r.literals.every(([k, v]) => query.has(k) && (v === undefined || query.get(k) === v)) &&
        r.requiredQuery.every((k) => query.has(k)) &&
        r.requiredHeaders.every((h) => headers[h] !== undefined);
      const score = r.literals.length + r.requiredQuery.length + r.requiredHeaders.length;
      if (ok && score > bestScore) [best, bestScore] = [r, score];
    }
  }
  return best && operationModel(modelPackage, best.name);
}

export interface RestRequest {
  labels: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The (already decoded and verified) body, made on first call: most operations never read one. */
  body: () => Readable;
}

const MAX_XML_BODY = 1024 * 1024;

/**
 * The operation's input as the SDK would have built it, from the path, query and headers. A
 * streaming payload member (PutObject's Body) gets the body stream unread; any other payload
 * (small XML or text) is left to readRestPayload, for after the request is authorized.
 */
function readRestInput(model: OperationModel, request: RestRequest): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const headers = request.headers;
  for (const { name, schema: member, traits: t, header } of membersOf(model.input)) {
    if (t.httpLabel) {
      if (request.labels[name] !== undefined) input[name] = request.labels[name];
    } else if (t.httpQuery) {
      const values = request.query.getAll(t.httpQuery as string);
      if (values.length) input[name] = member.isListSchema() ? values : scalarFromText(member, values[0]);
    } else if (header) {
      const raw = headers[header];
      const value = raw === undefined ? undefined : headerValue(member, Array.isArray(raw) ? raw.join(', ') : raw);
      if (value !== undefined) input[name] = value;
    } else if (t.httpPrefixHeaders) {
      const prefix = (t.httpPrefixHeaders as string).toLowerCase();
      // fromEntries defines own properties: `x-amz-meta-__proto__` stays metadata.
      const entries = Object.entries(headers).filter(([h, v]) => h.startsWith(prefix) && v !== undefined);
      if (entries.length) input[name] = Object.fromEntries(entries.map(([h, v]) => [h.slice(prefix.length), String(v)]));
    } else if (t.httpPayload && (member.isStreaming() || member.isBlobSchema())) {
      input[name] = request.body();
    }
  }
  return input;
}

/** Reads an XML or text payload (at most MAX_XML_BODY) into `input`, when the operation has one. */
async function readRestPayload(model: OperationModel, body: () => Readable, input: Record<string, unknown>): Promise<void> {
  for (const { name, schema: member, traits: t } of membersOf(model.input)) {
    if (!t.httpPayload || member.isStreaming() || member.isBlobSchema()) continue;
    const text = await readText(body());
    if (text.length === 0) return;
    const root = (t.xmlName as string | undefined) ?? member.getName() ?? name;
    input[name] = member.isStructSchema() ? readXml(member, parseXml(text)[root] ?? {}) : text;
  }
}

function headerValue(ns: NormalizedSchema, raw: string): unknown {
  // A date that does not parse is ignored, as HTTP says of If-Modified-Since & co.
  if (ns.isTimestampSchema()) return Number.isNaN(Date.parse(raw)) ? undefined : new Date(raw);
  if (ns.isListSchema()) return raw.split(',').map((s) => s.trim());
  return scalarFromText(ns, raw);
}

async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > MAX_XML_BODY) throw new AwsError('MaxMessageLengthExceeded', 'Your request was too big.', 400);
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', parseTagValue: false, trimValues: false, processEntities: true });

function parseXml(text: string): Record<string, unknown> {
  try {
    return parser.parse(text) as Record<string, unknown>;
  } catch {
    throw new AwsError('MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema', 400);
  }
}

function asArray(v: unknown): unknown[] {
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

function text(node: unknown): string {
  if (node && typeof node === 'object') return String((node as Record<string, unknown>)['#text'] ?? '');
  return node === undefined || node === null ? '' : String(node);
}

/** An XML element (as fast-xml-parser gives it) read into the shape `ns` describes. */
function readXml(ns: NormalizedSchema, node: unknown): unknown {
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const obj = node && typeof node === 'object' ? (node as Record<string, unknown>) : {};
    for (const [name, member] of ns.structIterator()) {
      const t = member.getMergedTraits();
      const key = (t.xmlName as string | undefined) ?? name;
      if (t.xmlAttribute) {
        const v = obj[`@_${key}`];
        if (v !== undefined) out[name] = scalarFromText(member, String(v));
        continue;
      }
      if (!(key in obj)) continue;
      if (member.isListSchema()) {
        const item = member.getValueSchema();
        const itemName = (item.getMergedTraits().xmlName as string | undefined) ?? 'member';
        const wrapper = obj[key] && typeof obj[key] === 'object' ? (obj[key] as Record<string, unknown>) : {};
        out[name] = asArray(t.xmlFlattened ? obj[key] : wrapper[itemName]).map((i) => readXml(item, i));
      } else {
        out[name] = readXml(member, obj[key]);
      }
    }
    return out;
  }
  return scalarFromText(ns, text(node));
}

export const S3_XMLNS = 'http://s3.amazonaws.com/doc/2006-03-01/';

/** What a handler returns: the output shape, plus `$status` when it differs from the model's success code (206, 304). */
export type RestOutput = Record<string, unknown> & { $status?: number };

/** The schema number of a timestamp modelled as `@timestampFormat("date-time")`. */
const DATE_TIME = 5;
const HEADER_TEXT = /^[\t\x20-\x7e\x80-\xff]*$/;

/** Writes the operation's output: headers from the bindings, then the payload or the XML body. */
async function writeRestOutput(res: ServerResponse, model: OperationModel, output: RestOutput, xmlns: string, requestId: string): Promise<void> {
  // No prototype: metadata named `__proto__` is a header like any other.
  const headers: Record<string, string> = Object.create(null);
  // S3 names every answer; the SDK reads these into $metadata.requestId and extendedRequestId.
  headers['x-amz-request-id'] = requestId;
  headers['x-amz-id-2'] = requestId;
  let status = output.$status ?? model.successCode;
  let payload: { member: NormalizedSchema; name: string; value: unknown } | undefined;
  let hasBody = false;
  const ns = model.output;
  if (ns.isStructSchema()) {
    for (const { name, schema: member, traits: t, header } of membersOf(ns)) {
      const v = output[name];
      if (t.httpPayload) payload = { member, name, value: v };
      if (v === undefined || v === null) continue;
      // Header timestamps are HTTP dates unless the model says date-time (x-amz-object-lock-retain-until-date).
      if (header) setHeader(headers, header, member.isTimestampSchema() && member.getSchema() !== DATE_TIME ? toDate(v).toUTCString() : scalarToText(member, v));
      else if (t.httpPrefixHeaders) for (const [k, val] of Object.entries(v as object)) setHeader(headers, `${t.httpPrefixHeaders}${k}`.toLowerCase(), String(val));
      else if (t.httpResponseCode) status = Number(v);
      else if (!t.httpPayload && !t.httpQuery) hasBody = true;
    }
  }
  if (payload) {
    const { member, value } = payload;
    if (value === undefined || value === null) return endAtTurnEnd(res.writeHead(status, headers));
    if (member.isStreaming() || member.isBlobSchema()) {
      res.writeHead(status, headers);
      if (Buffer.isBuffer(value) || typeof value === 'string') return endAtTurnEnd(res, value);
      await pipeline(value as Readable, res);
      return;
    }
    if (member.isStructSchema()) {
      const root = (member.getMergedTraits().xmlName as string | undefined) ?? member.getName() ?? payload.name;
      return sendXml(res, status, headers, withXmlns(xmlElement(root, member, value), xmlns));
    }
    res.writeHead(status, { 'content-type': 'text/plain', ...headers });
    return void res.end(String(value));
  }
  const root = (ns.getMergedTraits().xmlName as string | undefined) ?? ns.getName() ?? model.name;
  const self = ns.isStructSchema() ? membersOf(ns).find(({ name }) => name === root) : undefined;
  // GetBucketLocation's answer is the bare `<LocationConstraint>eu-west-1</LocationConstraint>`,
  // present though empty for us-east-1.
  if (self && !self.schema.isStructSchema()) {
    const value = output[root];
    return sendXml(res, status, headers, withXmlns(`<${root}>${value == null ? '' : escapeXml(scalarToText(self.schema, value))}</${root}>`, xmlns));
  }
  if (!hasBody) return endAtTurnEnd(res.writeHead(status, headers));
  sendXml(res, status, headers, `<${root} xmlns="${xmlns}">${xmlMembers(ns, output)}</${root}>`);
}

/** Values a request chose (response-content-type…) must be valid header text: no CR/LF smuggling. */
function setHeader(headers: Record<string, string>, name: string, value: string): void {
  if (!HEADER_TEXT.test(value)) throw new AwsError('InvalidArgument', `Header value cannot be represented using ISO-8859-1: ${name}`, 400);
  headers[name] = value;
}

function withXmlns(xml: string, xmlns: string): string {
  return xml.replace(/^<([^\s>]+)/, `<$1 xmlns="${xmlns}"`);
}

function sendXml(res: ServerResponse, status: number, headers: Record<string, string>, xml: string): void {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`;
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': String(Buffer.byteLength(body)), ...headers });
  endAtTurnEnd(res, body);
}

/** Writes S3's error: the `<Error>` body with the extra elements (BucketName, Key…) some errors carry; none for a 304. */
function writeRestXmlError(res: ServerResponse, err: AwsError & { extra?: Record<string, string> }, requestId: string): void {
  if (res.headersSent) return void res.destroy();
  closeIfBodyUnread(res);
  const extra = Object.entries(err.extra ?? {})
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  const body =
    err.status === 304
      ? ''
      : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message>${extra}<RequestId>${requestId}</RequestId><HostId>${requestId}</HostId></Error>`;
  res.writeHead(err.status, {
    'content-type': 'application/xml',
    'x-amz-request-id': requestId,
    'x-amz-id-2': requestId,
    ...err.headers,
    ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
  });
  res.end(body);
}
