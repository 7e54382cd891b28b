/**
 * SDK inputs checked against the operation's model before anything is sent, as boto3 does: an
 * unknown member, a wrong type or a missing required member fails at once with one line naming
 * the member's path and the type it takes — never the service's puzzling answer to a request the
 * SDK quietly made of something else (`InstanceIds: 'i-123'` listing every instance).
 * The model is the schema the SDK client itself serializes with. Every call's types and required
 * members are checked (helpers' calls too); unknown members only in what the user typed, since
 * the SDK's own libraries may pass extra members on purpose (lib-storage's Upload gives CreateMultipartUpload a Body).
 */
import { ReadStream, statSync } from 'node:fs';
import { inspect } from 'node:util';
import type { NormalizedSchema } from '@smithy/core/schema';
import { normalize } from './schema.js';
import { pawsError } from './errors.js';
import { nearest } from './nearest.js';

/** What a member takes, for the error line: `a list of strings`, `a number`, `an object (Tag)`. */
export function typeName(schema: NormalizedSchema, plural = false): string {
  const [one, many] = kindNames(schema);
  return plural ? many : one;
}

function kindNames(s: NormalizedSchema): [string, string] {
  if (s.isListSchema()) return [`a list of ${typeName(s.getValueSchema(), true)}`, `lists of ${typeName(s.getValueSchema(), true)}`];
  if (s.isMapSchema()) return [`a map of names to ${typeName(s.getValueSchema(), true)}`, `maps of names to ${typeName(s.getValueSchema(), true)}`];
  if (s.isStructSchema() || s.isUnionSchema()) return [`an object (${s.getName()})`, `objects (${s.getName()})`];
  if (s.isBooleanSchema()) return ['true or false', 'booleans'];
  if (s.isNumericSchema() || s.isBigIntegerSchema() || s.isBigDecimalSchema()) return ['a number', 'numbers'];
  if (s.isTimestampSchema()) return ['a Date', 'Dates'];
  if (s.isBlobSchema()) return ['bytes (a string, Buffer or stream)', 'bytes'];
  if (s.isDocumentSchema()) return ['any JSON value', 'JSON values'];
  return ['a string', 'strings'];
}

function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a Date';
  if (typeof value === 'string') return `the string ${inspect(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value === 'number' ? 'the number' : typeof value} ${String(value)}`;
}

/** What the SDK sends as a body: bytes (Buffer, typed array, ArrayBuffer, Blob) or a stream (node's or the web's). */
function isBytes(value: unknown): boolean {
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Blob || value instanceof ReadableStream) return true;
  return typeof (value as { pipe?: unknown } | null)?.pipe === 'function';
}

function fits(schema: NormalizedSchema, value: unknown): boolean {
  if (schema.isListSchema()) return Array.isArray(value);
  if (schema.isMapSchema() || schema.isStructSchema() || schema.isUnionSchema()) return typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date);
  if (schema.isBooleanSchema()) return typeof value === 'boolean';
  if (schema.isBigIntegerSchema()) return typeof value === 'number' || typeof value === 'bigint';
  if (schema.isNumericSchema() || schema.isBigDecimalSchema()) return typeof value === 'number';
  if (schema.isTimestampSchema()) return value instanceof Date || typeof value === 'number' || typeof value === 'string';
  if (schema.isBlobSchema()) return typeof value === 'string' || isBytes(value);
  if (schema.isDocumentSchema()) return true;
  return typeof value === 'string';
}

/**
 * Why a file stream given as a body cannot be read (a path that does not exist, a directory), or
 * undefined. The SDK would send the request without a length and the stream's own error would
 * surface later, at another input; the stream is closed here, its error taken.
 */
function unreadableFile(stream: ReadStream): string | undefined {
  if (typeof stream.path !== 'string') return undefined;
  let why: string | undefined;
  try {
    if (!statSync(stream.path).isFile()) why = `${stream.path} is not a file`;
  } catch (error) {
    why = (error as Error).message;
  }
  if (why) stream.on('error', () => {}).destroy();
  return why;
}

function check(schema: NormalizedSchema, value: unknown, path: string, operation: string, strict: boolean): void {
  if (value === undefined || value === null) return;
  const fail = (message: string) => {
    throw pawsError('ParamValidation', `${operation}: ${message}`);
  };
  if (!fits(schema, value)) {
    const hint =
      schema.isListSchema() && fits(schema.getValueSchema(), value)
        ? ` — put it in a list: ${path}: [${inspect(value)}]`
        : schema.isBlobSchema() && typeof value === 'object'
          ? ' — JSON.stringify(…) it to send it as JSON'
          : '';
    fail(`${path || 'the input'} takes ${typeName(schema)}, not ${shown(value)}${hint}`);
  }
  const at = (member: string) => (path ? `${path}.${member}` : member);
  if (schema.isBlobSchema() && value instanceof ReadStream) {
    const unreadable = unreadableFile(value);
    if (unreadable) fail(`${path} cannot be read: ${unreadable}`);
  }
  if (schema.isListSchema()) {
    (value as unknown[]).forEach((item, i) => check(schema.getValueSchema(), item, `${path}[${i}]`, operation, strict));
  } else if (schema.isMapSchema()) {
    for (const [key, item] of Object.entries(value as object)) check(schema.getValueSchema(), item, `${path}.${key}`, operation, strict);
  } else if (schema.isStructSchema() || schema.isUnionSchema()) {
    const members = [...schema.structIterator()];
    const names = members.map(([name]) => name);
    for (const key of strict ? Object.keys(value as object) : []) {
      if (names.includes(key)) continue;
      const near = nearest(key, names);
      fail(`${at(key)} is not a member of ${schema.getName()}${near ? ` — did you mean ${at(near)}?` : ''} (members: ${names.join(', ')})`);
    }
    // A structure's required members come first; the schema says how many.
    const raw = schema.getSchema() as unknown[];
    const required = typeof raw[6] === 'number' ? raw[6] : 0;
    for (const [name, member] of members.slice(0, required)) {
      const given = (value as Record<string, unknown>)[name];
      if ((given === undefined || given === null) && !member.isIdempotencyToken()) fail(`${at(name)} is required (${typeName(member)})`);
    }
    for (const [name, member] of members) check(member, (value as Record<string, unknown>)[name], at(name), operation, strict);
  }
}

/**
 * Throws a ParamValidation error naming the first member of `input` the operation's model refuses;
 * `strict`: members it does not know too.
 */
function checkInput(operationSchema: unknown, input: unknown, strict: boolean): void {
  if (!Array.isArray(operationSchema) || operationSchema[0] !== 9) return;
  check(normalize(operationSchema[4]), input ?? {}, '', String(operationSchema[2]), strict);
}

/**
 * The inputs of calls the user typed: checked for unknown members too. Marked by object, not by
 * an AsyncLocalStorage around the call: once one has run, every promise in the process pays its
 * hooks (~150 µs of a small PutObject's client CPU).
 */
const typedByUser = new WeakSet<object>();

/** Marks `input` (of an SDK operation the user called at the prompt) to be checked strictly. */
export function typedInput<T>(input: T): T {
  if (typeof input === 'object' && input !== null) typedByUser.add(input);
  return input;
}

/** The middleware that checks every call's input (types, required members) before it is serialized. */
export function inputCheckMiddleware() {
  return (next: (args: { input: unknown }) => Promise<unknown>, context: { __smithy_context?: { operationSchema?: unknown } }) =>
    (args: { input: unknown }) => {
      try {
        checkInput(context.__smithy_context?.operationSchema, args.input, typedByUser.has(args.input as object));
      } catch (error) {
        return Promise.reject(error);
      }
      return next(args);
    };
}
