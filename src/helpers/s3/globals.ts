/** What S3 puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const s3Globals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 's3',
    title: 'S3',
    doc: 'Amazon S3: every SDK operation, e.g. await s3.listBuckets()',
    load: () => import('./service.js'),
  },
];
