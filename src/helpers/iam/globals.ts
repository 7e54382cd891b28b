/** What IAM puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const iamGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'iam',
    title: 'IAM',
    doc: 'AWS IAM: every SDK operation, e.g. await iam.listUsers()',
    load: () => import('./service.js'),
  },
];
