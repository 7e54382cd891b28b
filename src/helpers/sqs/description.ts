/** What SQS puts at the prompt (the `sqs` service object), and the queues its operations create (see ../core/folder.ts). */
import { describeFolder } from '../core/folder.js';
import { queueName } from './queue-name.js';

export const sqsFolder = describeFolder({
  service: {
    name: 'sqs',
    title: 'SQS',
    doc: 'Amazon SQS: every SDK operation, e.g. await sqs.listQueues()',
    members: [
      { name: 'queues(prefix?)', doc: 'queues: queue.send(body, attributes?), queue.receive({max?, waitSeconds?}), queue.deleteMessage(message)' },
      { name: 'queue(nameOrUrl, {create?})', doc: 'one queue; {create: true} makes it' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  resources: {
    Queue: {
      // SNS subscriptions deliver to queues: they go first.
      deletedAfter: ['Subscription'],
      // Tracked by name, as a queue prints (`Queue:orders`); a name is unique in its account and region.
      createdBy: { CreateQueue: (_, o) => [{ id: queueName(o.QueueUrl) }] },
      deletedBy: { DeleteQueue: (i) => [queueName(i.QueueUrl)] },
      async remove(sqs, r) {
        const { findQueue } = await import('./queue.js');
        await (await findQueue(sqs, r.id)).delete();
      },
    },
  },

  names: {
    // The URL, and the queue's name alone (its last part).
    queues: {
      list: async (sqs) => ((await sqs.listQueues({})).QueueUrls ?? []).flatMap((url) => [url, queueName(url)]),
      members: ['QueueUrl'],
      accepts: /^https?:/,
    },
  },
});
