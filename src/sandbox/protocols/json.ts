/**
 * AWS JSON 1.0 (CloudWatch from the JS SDK): `X-Amz-Target: Prefix.Operation`, a JSON body with
 * epoch-second timestamps and base64 blobs, decoded and encoded by walking the model. Errors carry
 * `__type`; query-compatible services also send `x-amzn-query-error: Code;Sender` so clients see
 * the same codes as over the query protocol.
 */
import type { ServerResponse } from 'node:http';
import type { NormalizedSchema } from '@smithy/core/schema';
import { toDate } from './values.js';
import { AwsError } from '../core/types.js';
import { closeIfBodyUnread } from './request-target.js';
import { endAtTurnEnd } from './answer.js';
import { inflated } from './body.js';
import type { RpcProtocol } from './protocol.js';
import { errorShapeName } from './models.js';

/**
 * AWS JSON 1.0; `namespace` qualifies error types (`com.amazonaws.sqs#QueueDoesNotExist`), named as the
 * model's error shapes (`modelPackage`'s; none for a request to no service the sandbox knows).
 */
export function jsonProtocol(namespace: string, modelPackage?: string): RpcProtocol {
  return {
    name: 'json',
    // The header names the operation: a gzipped body is inflated only once the caller is authorized.
    readRequest({ req, body }) {
      return {
        operation: String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '',
        input: (model) => (parseJsonInput(model.input, inflated(req, body, serializationError)) ?? {}) as Record<string, unknown>,
      };
    },
    writeOutput(res, model, output, requestId) {
      const body = JSON.stringify(writeJsonOutput(model.output, output ?? {}));
      // Framed by its length, not chunked: headers and body leave in one write, no chunk sizes.
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(body), 'x-amzn-requestid': requestId });
      endAtTurnEnd(res, body);
    },
    writeError(res, err, requestId) {
      writeJsonError(res, err, { namespace, requestId, type: modelPackage ? errorShapeName(modelPackage, err.code) : err.code });
    },
    unknownOperation: () => new AwsError('UnknownOperationException', '', 400),
  };
}

/** The operation's input from a JSON request body; a body that is not JSON of the input's shape is a SerializationException. */
function parseJsonInput(ns: NormalizedSchema, body: Buffer): unknown {
  if (body.length === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(body.toString('utf8'));
  } catch {
    throw serializationError('The request body is not valid JSON.');
  }
  return readJsonInput(ns, json, ns.getName() ?? 'input');
}

function readJsonInput(ns: NormalizedSchema, v: unknown, path: string): unknown {
  if (v === null || v === undefined) return undefined;
  if (ns.isStructSchema()) {
    const obj = expectObject(v, path);
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const m = Object.hasOwn(obj, name) ? readJsonInput(member, obj[name], `${path}.${name}`) : undefined;
      if (m !== undefined) out[name] = m;
    }
    return out;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(v)) throw serializationError(`Expected a list at ${path}.`);
    return v.map((item, i) => {
      if (item === null) throw serializationError(`Expected a value at ${path}[${i}], not null.`);
      return readJsonInput(ns.getValueSchema(), item, `${path}[${i}]`);
    });
  }
  if (ns.isMapSchema()) {
    return Object.fromEntries(Object.entries(expectObject(v, path)).map(([k, val]) => [k, readJsonInput(ns.getValueSchema(), val, `${path}.${k}`)]));
  }
  if (ns.isTimestampSchema()) {
    const date = typeof v === 'number' ? new Date(v * 1000) : typeof v === 'string' ? new Date(v) : undefined;
    if (!date || Number.isNaN(date.getTime())) throw serializationError(`Expected a timestamp at ${path}.`);
    return date;
  }
  if (ns.isBlobSchema()) return Buffer.from(expectType(v, 'string', path), 'base64');
  if (ns.isBooleanSchema()) return expectType(v, 'boolean', path);
  // Doubles that JSON cannot write travel as strings.
  if (ns.isNumericSchema()) return typeof v === 'string' && NON_FINITE.has(v) ? Number(v) : expectType(v, 'number', path);
  if (ns.isStringSchema()) return expectType(v, 'string', path);
  return v;
}

const NON_FINITE = new Set(['NaN', 'Infinity', '-Infinity']);

function expectObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw serializationError(`Expected an object at ${path}.`);
  return v as Record<string, unknown>;
}

function expectType<T extends 'string' | 'number' | 'boolean'>(v: unknown, type: T, path: string) {
  if (typeof v !== type) throw serializationError(`Expected a ${type} at ${path}.`);
  return v as T extends 'string' ? string : T extends 'number' ? number : boolean;
}

function serializationError(message: string): AwsError {
  return new AwsError('SerializationException', message, 400);
}

function writeJsonOutput(ns: NormalizedSchema, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const m = writeJsonOutput(member, obj[name]);
      if (m !== undefined) out[name] = m;
    }
    return out;
  }
  if (ns.isListSchema()) return (v as unknown[]).map((item) => writeJsonOutput(ns.getValueSchema(), item));
  if (ns.isMapSchema()) {
    return Object.fromEntries(Object.entries(v as object).map(([k, val]) => [k, writeJsonOutput(ns.getValueSchema(), val)]));
  }
  if (ns.isTimestampSchema()) return toDate(v).getTime() / 1000;
  if (ns.isBlobSchema()) return typeof v === 'string' ? v : Buffer.from(v as Uint8Array).toString('base64');
  return v;
}

/** Writes an error: `__type` in the body, and for query-compatible clients `x-amzn-query-error: Code;Sender`. */
function writeJsonError(res: ServerResponse, err: AwsError, opts: { namespace: string; requestId: string; type: string }): void {
  if (res.headersSent) return void res.destroy();
  closeIfBodyUnread(res);
  res.writeHead(err.status, {
    'x-amzn-requestid': opts.requestId,
    ...err.headers,
    'x-amzn-query-error': `${err.code};${err.senderFault ? 'Sender' : 'Receiver'}`,
    'content-type': 'application/x-amz-json-1.0',
  });
  res.end(JSON.stringify({ __type: `${opts.namespace}#${opts.type}`, message: err.message }));
}
