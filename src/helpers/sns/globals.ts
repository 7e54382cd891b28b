/** What SNS puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const snsGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'sns',
    title: 'SNS',
    doc: 'Amazon SNS: every SDK operation, e.g. await sns.listTopics()',
    load: () => import('./service.js'),
  },
];
