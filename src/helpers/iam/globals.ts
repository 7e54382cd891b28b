/** What IAM puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const iamGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'iam',
    title: 'IAM',
    doc: 'AWS IAM: every SDK operation, e.g. await iam.listUsers()',
    members: [
      { name: 'users()', doc: 'users: user.createAccessKey(), user.putPolicy(name, doc), user.policy(name), user.delete({force})' },
      { name: 'user(name?)', doc: 'one user (yourself with no name)' },
    ],
    load: () => import('./service.js'),
  },
  {
    kind: 'function',
    name: 'createRestrictedUser',
    doc: 'createRestrictedUser(name, policy?, {path?}) — 2.15: a user allowed only cloudwatch:PutMetricData; keys saved 0600 in AWS format',
    load: async () => (await import('./recipes/restricted-user.js')).createRestrictedUser,
  },
];
