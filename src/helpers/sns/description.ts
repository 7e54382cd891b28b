/**
 * What SNS puts at the prompt (the `sns` service object and the sandbox's outbox), and the topics
 * and subscriptions its operations create (see ../core/folder.ts).
 */
import { describeFolder, helper } from '../core/folder.js';

export const snsFolder = describeFolder({
  service: {
    name: 'sns',
    title: 'SNS',
    doc: 'Amazon SNS: every SDK operation, e.g. await sns.listTopics()',
    members: [
      { name: 'topics()', doc: 'topics: topic.subscribe(protocol, endpoint), topic.publish(message, subject?), topic.subscriptions()' },
      { name: 'topic(nameOrArn, {create?})', doc: "one topic; {create: true} makes it (the book's create_topic)" },
      { name: 'subscriptions()', doc: 'every subscription of the region' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    outbox: helper("outbox({to?}) — the sandbox's sent e-mail: mail.body, mail.links, mail.confirm() confirms a subscription", async () => (await import('./outbox.js')).outbox),
  },

  resources: {
    Subscription: {
      // "pending confirmation" is no ARN: such a subscription goes with its topic.
      createdBy: { Subscribe: (_, o) => (/^arn:/.test(o.SubscriptionArn ?? '') ? [{ id: o.SubscriptionArn }] : []) },
      deletedBy: { Unsubscribe: (i) => [i.SubscriptionArn] },
      async remove(sns, r) {
        const { Subscription } = await import('./topic.js');
        await new Subscription(sns, { SubscriptionArn: r.id }).unsubscribe();
      },
    },
    Topic: {
      // Alarms name topics as their actions.
      deletedAfter: ['Subscription', 'Alarm'],
      createdBy: { CreateTopic: (_, o) => [{ id: o.TopicArn }] },
      deletedBy: { DeleteTopic: (i) => [i.TopicArn] },
      async remove(sns, r) {
        const { Topic } = await import('./topic.js');
        await new Topic(sns, { TopicArn: r.id }).delete();
      },
    },
  },

  names: {
    // The ARN, and the topic's name alone (its last part).
    topics: {
      list: async (sns) => ((await sns.listTopics({})).Topics ?? []).flatMap((t) => [t.TopicArn!, t.TopicArn!.split(':').pop()!]),
      // An alarm's actions are topic ARNs too.
      members: ['TopicArn', 'AlarmActions', 'OKActions', 'InsufficientDataActions'],
      accepts: /^arn:/,
    },
  },
});
