/**
 * The SDK's own description of an operation, for help at the prompt: its input members with their
 * types (the schema the client serializes with) and their documentation (the JSDoc of the
 * client's type declarations, the service model's docs). Loaded only when help is asked for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { normalize } from './schema.js';
import { operationSchema, type OperationSchema } from '../../models/operation-schema.js';
import { typeName } from './input-check.js';

const require = createRequire(import.meta.url);

export interface MemberHelp {
  name: string;
  type: string;
  required: boolean;
  doc: string;
}

export interface OperationHelp {
  /** `DescribeInstances` */
  operation: string;
  members: MemberHelp[];
}

/** `@aws-sdk/client-ec2` for the serviceId `EC2`, also each service object's title (the six clients paws ships are named so). */
function clientPackage(serviceId: string): string {
  return `@aws-sdk/client-${serviceId.toLowerCase().replace(/\s+/g, '-')}`;
}

/** The schema of the SDK operation `method` (`describeInstances`) of the service titled so (`EC2`), if it is one. */
export function sdkOperation(serviceTitle: string, method: string): OperationSchema | undefined {
  return operationSchema(clientPackage(serviceTitle), `${method[0].toUpperCase()}${method.slice(1)}`);
}

/** The client's type declarations, where each member's documentation is. */
function declarations(pkg: string): string {
  const dir = join(dirname(require.resolve(`${pkg}/package.json`)), 'dist-types', 'models');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');
}

/** The first sentence of each member's JSDoc in `interface Name { … }`, HTML and markup removed. */
function memberDocs(source: string, structure: string): Map<string, string> {
  const docs = new Map<string, string>();
  const start = source.indexOf(`export interface ${structure} {`);
  if (start < 0) return docs;
  const body = source.slice(start, source.indexOf('\n}', start));
  for (const [, comment, name] of body.matchAll(/\/\*\*([\s\S]*?)\*\/\s*(\w+)\??:/g)) {
    const text = comment
      .replace(/^\s*\*\s?/gm, ' ')
      .replace(/@\w+[^\n]*/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    docs.set(name, /^.*?[.!?](?=\s|$)/.exec(text)?.[0] ?? text);
  }
  return docs;
}

/** Input members of `method` on the service with this serviceId, or undefined if it has no such operation. */
export function operationHelp(serviceId: string, method: string): OperationHelp | undefined {
  const op = sdkOperation(serviceId, method);
  if (!op) return undefined;
  const input = normalize(op[4]);
  const raw = input.getSchema() as unknown[];
  const required = typeof raw[6] === 'number' ? raw[6] : 0;
  const docs = memberDocs(declarations(clientPackage(serviceId)), input.getName() ?? '');
  const members = [...input.structIterator()].map(([name, member], i) => ({
    name,
    type: typeName(member),
    required: i < required,
    doc: docs.get(name) ?? '',
  }));
  return { operation: String(op[2]), members };
}
