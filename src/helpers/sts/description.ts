/** What STS puts at the prompt: the `sts` service object and assumeRole (see ../core/folder.ts). */
import { describeFolder, helper } from '../core/folder.js';

export const stsFolder = describeFolder({
  service: {
    name: 'sts',
    title: 'STS',
    doc: 'AWS STS: every SDK operation, e.g. await sts.getCallerIdentity()',
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    assumeRole: helper(
      "const prod = await assumeRole(arn, {sessionName?, durationSeconds?, externalId?, policy?}) — a session in that role (prod.ec2, prod.s3…), refreshed as it expires",
      async () => (await import('./assume-role.js')).assumeRole,
    ),
  },
});
