/**
 * @smithy/core's NormalizedSchema, required when a call or a help first reads a model: with the
 * schema transport and types it imports, an import of it cost ~5 ms of CPU before the prompt, a
 * third of what paws adds to node's own start (bench/startup.mjs). Types come by `import type`.
 */
import { createRequire } from 'node:module';
import type { NormalizedSchema } from '@smithy/core/schema';

let normalizedSchema: typeof NormalizedSchema | undefined;

/** NormalizedSchema.of(schema), the package loaded on first use. */
export function normalize(schema: unknown): NormalizedSchema {
  normalizedSchema ??= (createRequire(import.meta.url)('@smithy/core/schema') as typeof import('@smithy/core/schema')).NormalizedSchema;
  return normalizedSchema.of(schema as never);
}
