/**
 * recipes/globals.d.ts, derived: the recipes type-check against the prompt's globals, and a
 * script can only name them one by one — so this writes one line per global a folder declares,
 * each typed by `PromptGlobals` (src/helpers/index.ts), which derives from the descriptions.
 * A name no folder declares fails to compile; a test keeps the file current (`npm run globals`).
 */
import type { ServiceFolder } from './folder.js';

/** Every global of the folders, in `.help` order. */
function promptGlobalNames(folders: readonly ServiceFolder[]): string[] {
  return folders.flatMap((f) => [...(f.service ? [f.service.name] : []), ...Object.keys(f.helpers ?? {})]);
}

export function globalsDeclaration(folders: readonly ServiceFolder[]): string {
  return [
    '/**',
    " * The prompt's globals, so the recipes type-check (`npx tsc -p recipes`); `paws run` defines them.",
    ' * Generated from the service folders\' descriptions (src/helpers/core/globals-declaration.ts): run',
    ' * `npm run globals` after adding a global; a test says when this file is out of date.',
    ' */',
    "import type { PromptGlobals } from '../src/helpers/index.js';",
    '',
    'declare global {',
    ...promptGlobalNames(folders).map((name) => `  const ${name}: PromptGlobals['${name}'];`),
    '}',
    '',
  ].join('\n');
}
