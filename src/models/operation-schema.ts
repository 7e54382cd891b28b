/**
 * The SDK clients' own schemas of their operations (`DescribeInstances$` …, exported by each
 * @aws-sdk/client-* package): the one reading of them that the prompt (input checks, help) and the
 * sandbox (its protocols) share. A client package is loaded on first use.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** An operation's schema: [9, namespace, name, traits, input schema, output schema]. */
export type OperationSchema = [9, string, string, Record<string, unknown>, unknown, unknown];

/** The schema of `operation` (`DescribeInstances`) in the client package, or undefined when it has none. */
export function operationSchema(clientPackage: string, operation: string): OperationSchema | undefined {
  const exports = require(clientPackage) as Record<string, unknown>;
  // Only own exports: a name a client makes up (`constructor`) is no operation.
  const op = Object.hasOwn(exports, `${operation}$`) ? exports[`${operation}$`] : undefined;
  return Array.isArray(op) && op[0] === 9 ? (op as OperationSchema) : undefined;
}
