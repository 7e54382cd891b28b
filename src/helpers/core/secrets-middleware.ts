/**
 * Every secret a call brings back (a new access key, a session token, key material, a password)
 * and the credentials the client signs with are remembered, so the prompt's output masks them by
 * value whatever prints them later (console.log, JSON.stringify, an Error's message).
 * Only answers whose model has a secret-named member are searched: a listing of 1,000 objects or
 * instances (bucketDu, DescribeInstances) is not walked on every page for nothing.
 */
import type { NormalizedSchema } from '@smithy/core/schema';
import { normalize } from './schema.js';
import { isSecretName, rememberSecret, rememberSecretsIn } from './secrets.js';

/** Whether a value of this shape can hold a secret-named member, at any depth (a document can hold anything). */
function canHoldSecrets(schema: NormalizedSchema, visiting = new Set<string>()): boolean {
  if (schema.isDocumentSchema()) return true;
  if (schema.isListSchema() || schema.isMapSchema()) return canHoldSecrets(schema.getValueSchema(), visiting);
  if (!schema.isStructSchema() && !schema.isUnionSchema()) return false;
  // Recursive shapes: a structure already being looked at adds nothing new.
  const name = schema.getName(true) ?? '';
  if (visiting.has(name)) return false;
  visiting.add(name);
  for (const [member, memberSchema] of schema.structIterator()) if (isSecretName(member) || canHoldSecrets(memberSchema, visiting)) return true;
  return false;
}

/** By operation schema: whether its answer is worth searching. */
const searched = new WeakMap<object, boolean>();

function answersMayHoldSecrets(operationSchema: unknown): boolean {
  // Without a model (a hand-made command), search to be safe.
  if (!Array.isArray(operationSchema) || operationSchema[0] !== 9) return true;
  let answer = searched.get(operationSchema);
  if (answer === undefined) searched.set(operationSchema, (answer = canHoldSecrets(normalize(operationSchema[5]))));
  return answer;
}

interface CallContext {
  __smithy_context?: {
    operationSchema?: unknown;
    /** What the SDK's auth middleware chose for the call: the credentials it was signed with among it. */
    selectedHttpAuthScheme?: { identity?: { secretAccessKey?: string; sessionToken?: string } };
  };
}

export function secretsMiddleware() {
  return (next: (args: unknown) => Promise<{ output: unknown }>, context: CallContext) => (args: unknown) =>
    next(args).then((result) => {
      const smithy = context.__smithy_context;
      if (answersMayHoldSecrets(smithy?.operationSchema)) rememberSecretsIn(result.output);
      const identity = smithy?.selectedHttpAuthScheme?.identity;
      rememberSecret(identity?.secretAccessKey);
      rememberSecret(identity?.sessionToken);
      return result;
    });
}
