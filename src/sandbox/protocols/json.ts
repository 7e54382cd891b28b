/**
 * AWS JSON 1.0 (CloudWatch from the JS SDK): `X-Amz-Target: Prefix.Operation`, a JSON body with
 * epoch-second timestamps and base64 blobs, decoded and encoded by walking the model. Errors carry
 * `__type`; query-compatible services also send `x-amzn-query-error: Code;Sender` so clients see
 * the same codes as over the query protocol.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { toDate } from './values.js';
import type { AwsError } from '../core/types.js';

export function readJsonInput(ns: NormalizedSchema, v: unknown): unknown {
  if (v === null || v === undefined) return undefined;
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    const obj = v as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const m = readJsonInput(member, obj[name]);
      if (m !== undefined) out[name] = m;
    }
    return out;
  }
  if (ns.isListSchema()) return (v as unknown[]).map((item) => readJsonInput(ns.getValueSchema(), item));
  if (ns.isMapSchema()) {
    return Object.fromEntries(Object.entries(v as object).map(([k, val]) => [k, readJsonInput(ns.getValueSchema(), val)]));
  }
  if (ns.isTimestampSchema()) return typeof v === 'number' ? new Date(v * 1000) : new Date(v as string);
  if (ns.isBlobSchema()) return Buffer.from(v as string, 'base64');
  return v;
}

export function writeJsonOutput(ns: NormalizedSchema, v: unknown): unknown {
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

export function jsonError(err: AwsError, namespace: string): { body: string; headers: Record<string, string> } {
  return {
    body: JSON.stringify({ __type: `${namespace}#${err.code}`, message: err.message }),
    headers: { 'x-amzn-query-error': `${err.code};${err.senderFault ? 'Sender' : 'Receiver'}` },
  };
}
