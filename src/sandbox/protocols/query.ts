/**
 * The AWS query and EC2 query protocols: form-encoded requests (`Action=…&Version=…&X.member.1=…`
 * or EC2's `X.1=…`) decoded into the operation's input by walking its model — the exact inverse of
 * the SDK's QueryShapeSerializer — and XML responses and errors in each protocol's envelope.
 */
import type { ServerResponse } from 'node:http';
import type { NormalizedSchema } from '@smithy/core/schema';
import { escapeXml, xmlMembers } from './xml.js';
import { scalarFromText } from './values.js';
import { AwsError } from '../core/types.js';
import { closeIfBodyUnread } from './request-target.js';
import { endAtTurnEnd } from './answer.js';
import { membersOf, type Member } from './models.js';
import { inflated } from './body.js';
import type { RpcProtocol } from './protocol.js';

/** The query protocol (IAM, SNS, STS, CloudWatch from the AWS CLI): `X.member.1`, `<OpResult>`, `<ErrorResponse>`. */
export function queryProtocol(xmlNamespace: string): RpcProtocol {
  return formProtocol('query', xmlNamespace);
}

/** EC2's query dialect: `X.1`, ec2QueryName keys, `<OpResponse><requestId>`, `<Response><Errors>`. */
export function ec2Protocol(xmlNamespace: string): RpcProtocol {
  return formProtocol('ec2', xmlNamespace);
}

function formProtocol(name: 'query' | 'ec2', xmlNamespace: string): RpcProtocol {
  const ec2 = name === 'ec2';
  const malformed = (message: string) => new AwsError('MalformedQueryString', message, 400);
  return {
    name,
    // The body names the operation, so a gzipped one is inflated first.
    readRequest({ req, query, body }) {
      const params: Params = new Map(query);
      for (const [k, v] of new URLSearchParams(inflated(req, body, malformed).toString('utf8'))) params.set(k, v);
      return { operation: params.get('Action') ?? '', input: (model) => readQueryInput(model.input, params, ec2) };
    },
    writeOutput(res, model, output, requestId) {
      const body = writeQueryResponse(model.name, model.output, output, { ec2, xmlNamespace, requestId });
      // Framed by its length, not chunked: headers and body leave in one write, no chunk sizes.
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
      endAtTurnEnd(res, body);
    },
    writeError(res, err, requestId) {
      writeQueryError(res, err, { ec2, xmlNamespace, requestId });
    },
    unknownOperation: (operation) => new AwsError('InvalidAction', `The action ${operation || '(none)'} is not valid for this web service.`, 400),
  };
}

type Params = Map<string, string>;

/** The most dot-separated parts a parameter name has in any model (`A.member.1.B.entry.2.value`…), with room to spare. */
const MAX_DEPTH = 32;

/** Decodes query parameters into the input shape of an operation. */
function readQueryInput(input: NormalizedSchema, params: Params, ec2: boolean): Record<string, unknown> {
  // Every prefix of every key, so absent nested members are skipped without walking their schema
  // (some models are recursive).
  const prefixes = new Set<string>();
  for (const key of params.keys()) {
    // No model nests that deep: such a key names no member, and its prefixes would cost quadratic time.
    const parts = key.split('.', MAX_DEPTH + 1);
    if (parts.length > MAX_DEPTH) continue;
    let prefix = '';
    for (const part of parts) prefixes.add((prefix = prefix ? `${prefix}.${part}` : part));
  }
  return (readStruct(input, '', { params, prefixes, ec2 }) as Record<string, unknown>) ?? {};
}

interface ReadState {
  params: Params;
  prefixes: Set<string>;
  ec2: boolean;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** The key of a structure member, as QueryShapeSerializer.getKey computes it. */
function memberKey({ name, traits }: Member, ec2: boolean): string {
  if (ec2 && traits.ec2QueryName) return traits.ec2QueryName as string;
  const key = (traits.xmlName as string | undefined) ?? name;
  return ec2 ? key[0].toUpperCase() + key.slice(1) : key;
}

function read(ns: NormalizedSchema, key: string, st: ReadState): unknown {
  if (ns.isStructSchema()) return st.prefixes.has(key) ? readStruct(ns, key, st) : undefined;
  if (ns.isListSchema()) return readList(ns, key, st);
  if (ns.isMapSchema()) return readMap(ns, key, st);
  const raw = st.params.get(key);
  if (raw === undefined) return undefined;
  const value = scalarFromText(ns, raw);
  if (!wellFormed(ns, raw, value)) throw new AwsError('InvalidParameterValue', `Value (${raw}) for parameter ${key} is invalid.`, 400);
  return value;
}

/** Whether the text was a number, timestamp or boolean where the model asks for one. */
function wellFormed(ns: NormalizedSchema, raw: string, value: unknown): boolean {
  if (ns.isBooleanSchema()) return raw === 'true' || raw === 'false';
  if (ns.isNumericSchema()) return raw.trim() !== '' && (!Number.isNaN(value) || raw === 'NaN');
  if (ns.isTimestampSchema()) return !Number.isNaN((value as Date).getTime());
  return true;
}

function readStruct(ns: NormalizedSchema, prefix: string, st: ReadState): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const member of membersOf(ns)) {
    const v = read(member.schema, join(prefix, memberKey(member, st.ec2)), st);
    if (v !== undefined) out[member.name] = v;
  }
  return out;
}

function readList(ns: NormalizedSchema, key: string, st: ReadState): unknown[] | undefined {
  if (!st.prefixes.has(key)) return undefined;
  if (st.params.get(key) === '') return [];
  const member = ns.getValueSchema();
  const flat = st.ec2 || ns.getMergedTraits().xmlFlattened;
  const base = flat ? key : join(key, (member.getMergedTraits().xmlName as string | undefined) ?? 'member');
  const items: unknown[] = [];
  for (let i = 1; st.prefixes.has(`${base}.${i}`); i++) items.push(read(member, `${base}.${i}`, st));
  return items;
}

function readMap(ns: NormalizedSchema, key: string, st: ReadState): Record<string, unknown> | undefined {
  if (!st.prefixes.has(key)) return undefined;
  const flat = ns.getMergedTraits().xmlFlattened;
  const keyName = (ns.getKeySchema().getMergedTraits().xmlName as string | undefined) ?? 'key';
  const valueSchema = ns.getValueSchema();
  const valueName = (valueSchema.getMergedTraits().xmlName as string | undefined) ?? 'value';
  const entries: Array<[string, unknown]> = [];
  for (let i = 1; ; i++) {
    const entry = flat ? `${key}.${i}` : `${key}.entry.${i}`;
    const k = st.params.get(`${entry}.${keyName}`);
    if (k === undefined) break;
    entries.push([k, read(valueSchema, `${entry}.${valueName}`, st)]);
  }
  // fromEntries defines own properties: a key named `__proto__` stays a key.
  return Object.fromEntries(entries);
}

/** `<OpResponse><OpResult>…</OpResult><ResponseMetadata>…` (query) or `<OpResponse><requestId>…` (EC2). */
function writeQueryResponse(
  operation: string,
  output: NormalizedSchema,
  value: Record<string, unknown> | undefined,
  opts: { ec2: boolean; xmlNamespace: string; requestId: string },
): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?>\n<${operation}Response xmlns="${opts.xmlNamespace}">`;
  const members = xmlMembers(output, value ?? {});
  if (opts.ec2) return `${head}<requestId>${opts.requestId}</requestId>${members}</${operation}Response>`;
  // An operation with an output structure answers its Result element, even empty (SNS's TagResource); one without (Unit) none.
  const result = output.isStructSchema() ? `<${operation}Result>${members}</${operation}Result>` : '';
  return `${head}${result}<ResponseMetadata><RequestId>${opts.requestId}</RequestId></ResponseMetadata></${operation}Response>`;
}

/** Writes an error in the query envelope (`<ErrorResponse>`) or EC2's (`<Response><Errors>`). */
function writeQueryError(res: ServerResponse, err: AwsError, opts: { ec2: boolean; xmlNamespace: string; requestId: string }): void {
  if (res.headersSent) return void res.destroy();
  closeIfBodyUnread(res);
  const code = escapeXml(err.code);
  const message = escapeXml(err.message);
  const type = err.senderFault ? 'Sender' : 'Receiver';
  const body = opts.ec2
    ? `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors><RequestID>${opts.requestId}</RequestID></Response>`
    : `<?xml version="1.0" encoding="UTF-8"?>\n<ErrorResponse xmlns="${opts.xmlNamespace}"><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${opts.requestId}</RequestId></ErrorResponse>`;
  res.writeHead(err.status, { 'x-amzn-requestid': opts.requestId, ...err.headers, 'content-type': 'text/xml' });
  res.end(body);
}
