/** What STS puts at the prompt: the `sts` service object (see ../core/folder.ts). */
import { describeFolder } from '../core/folder.js';

export const stsFolder = describeFolder({
  service: {
    name: 'sts',
    title: 'STS',
    doc: 'AWS STS: every SDK operation, e.g. await sts.getCallerIdentity()',
    load: async () => (await import('./service.js')).createService,
  },
});
