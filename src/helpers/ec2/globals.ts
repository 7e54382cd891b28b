/** What EC2 puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const ec2Globals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'ec2',
    title: 'EC2',
    doc: 'Amazon EC2: every SDK operation, e.g. await ec2.describeInstances({Filters: [...]})',
    members: [
      { name: 'zones(...names)', doc: 'availability zones of the region, as Zone resources' },
      { name: 'regions({all?})', doc: 'regions, as Region resources' },
    ],
    load: () => import('./service.js'),
  },
];
