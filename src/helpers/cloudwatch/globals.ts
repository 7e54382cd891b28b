/** What CloudWatch puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const cloudwatchGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'cw',
    title: 'CloudWatch',
    doc: 'Amazon CloudWatch: every SDK operation, e.g. await cw.listMetrics({Namespace: "AWS/EC2"})',
    load: () => import('./service.js'),
  },
];
