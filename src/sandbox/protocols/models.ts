/**
 * Operation models, taken from the schemas the SDK clients export (`DescribeInstances$` etc.):
 * the sandbox decodes and encodes exactly the shapes the real clients use.
 * A client package is loaded on the first request to its service.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { createRequire } from 'node:module';
import { operationSchema } from '../../models/operation-schema.js';

const require = createRequire(import.meta.url);

export interface OperationModel {
  name: string;
  input: NormalizedSchema;
  output: NormalizedSchema;
  /** The input members the model requires (a struct schema lists them first, then says how many). */
  required: string[];
  /** The status of a success, from the operation's `http` trait (S3's DeleteObject: 204); 200 without one. */
  successCode: number;
}

const cache = new Map<string, Map<string, OperationModel>>();
const errorTypes = new Map<string, Map<string, string>>();

/**
 * The modelled error shape a query error code stands for (SQS's `AWS.SimpleQueueService.NonExistentQueue`
 * is `QueueDoesNotExist`), read from the `awsQueryError` traits of the package's error schemas:
 * query-compatible JSON services name the shape in `__type` and the query code in a header. A code no
 * shape claims is its own name.
 */
export function errorShapeName(modelPackage: string, code: string): string {
  let types = errorTypes.get(modelPackage);
  if (!types) {
    types = new Map();
    for (const [name, schema] of Object.entries(require(modelPackage) as Record<string, unknown>)) {
      if (!Array.isArray(schema) || schema[0] !== -3 || !name.endsWith('$')) continue;
      const queryCode = ((schema[3] || {}) as { awsQueryError?: [string, number] }).awsQueryError?.[0];
      const shape = name.slice(0, -1);
      // A shape named as the code wins over others that share it (CloudWatch's ResourceNotFound).
      if (queryCode && (!types.has(queryCode) || shape === queryCode)) types.set(queryCode, shape);
    }
    errorTypes.set(modelPackage, types);
  }
  return types.get(code) ?? code;
}

/** The model of `operation` in the client package, or undefined when the service has no such operation. */
export function operationModel(modelPackage: string, operation: string): OperationModel | undefined {
  let ops = cache.get(modelPackage);
  if (!ops) cache.set(modelPackage, (ops = new Map()));
  let model = ops.get(operation);
  if (!model) {
    const op = operationSchema(modelPackage, operation);
    // Only operations are cached: names a client makes up must not grow the cache.
    if (!op) return undefined;
    const http = (op[3] as { http?: [string, string, number] }).http;
    // A struct schema is [3, namespace, name, traits, memberNames, memberSchemas, requiredCount].
    const input = (op[4] as () => never)() as unknown[];
    const required = ((input[4] as string[] | undefined) ?? []).slice(0, (input[6] as number | undefined) ?? 0);
    model = { name: operation, input: NormalizedSchema.of(input as never), output: NormalizedSchema.of((op[5] as () => never)()), required, successCode: http?.[2] ?? 200 };
    ops.set(operation, model);
  }
  return model;
}

/** A structure's member: its name, schema and merged traits. */
export interface Member {
  name: string;
  schema: NormalizedSchema;
  traits: ReturnType<NormalizedSchema['getMergedTraits']>;
  /** The httpHeader it is bound to, lower-cased as node gives request headers. */
  header?: string;
}

const memberLists = new WeakMap<NormalizedSchema, Member[]>();

/**
 * A structure's members, read from the model once per schema: structIterator builds every member's
 * schema anew and getMergedTraits merges its traits on each call, for every request.
 */
export function membersOf(ns: NormalizedSchema): Member[] {
  let members = memberLists.get(ns);
  if (!members) {
    members = [...ns.structIterator()].map(([name, schema]) => {
      const traits = schema.getMergedTraits();
      return { name, schema, traits, header: (traits.httpHeader as string | undefined)?.toLowerCase() };
    });
    memberLists.set(ns, members);
  }
  return members;
}
