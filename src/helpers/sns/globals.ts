/** What SNS puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

export const snsGlobals: PromptGlobal[] = [
  {
    kind: 'service',
    name: 'sns',
    title: 'SNS',
    doc: 'Amazon SNS: every SDK operation, e.g. await sns.listTopics()',
    members: [
      { name: 'topics()', doc: 'topics: topic.subscribe(protocol, endpoint), topic.publish(message, subject?), topic.subscriptions()' },
      { name: 'topic(nameOrArn, {create?})', doc: "one topic; {create: true} makes it (the book's create_topic)" },
      { name: 'subscriptions()', doc: 'every subscription of the region' },
    ],
    load: () => import('./service.js'),
  },
  {
    kind: 'function',
    name: 'outbox',
    doc: "outbox({to?}) — the sandbox's sent e-mail: mail.body, mail.links, mail.confirm() follows a confirmation link",
    load: async () => (await import('./outbox.js')).outbox,
  },
];
