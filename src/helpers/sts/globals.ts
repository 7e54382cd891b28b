/** What STS puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const stsGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'sts',
    title: 'STS',
    doc: 'AWS STS: every SDK operation, e.g. await sts.getCallerIdentity()',
    load: () => import('./service.js'),
  },
];
