/**
 * What the session itself puts at the prompt: the code form of dot-commands that change what
 * later inputs do, so a script (and `.save`) can do the same (see ../core/prompt-global.ts).
 */
import type { PromptGlobal } from '../core/prompt-global.js';

export const sessionGlobals: PromptGlobal[] = [
  {
    kind: 'function',
    name: 'setRegion',
    doc: "await setRegion('eu-west-1') — .region as code: every service object talks to that region from here on (what .save writes)",
    load: async () => (await import('./region.js')).setRegion,
  },
];
