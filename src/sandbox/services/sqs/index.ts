/**
 * SQS: standard and FIFO queues, messages with visibility timeouts, long polling, delays, retention
 * and dead-letter queues, queue policies and tags. Answers AWS JSON 1.0 (the JS SDK) and the query
 * protocol (the AWS CLI, boto3). `sendToQueue` is how other services deliver to a queue.
 */
import type { ServiceDefinition } from '../../core/types.js';
import type { SqsApi } from './types.js';
import * as messages from './messages.js';
import * as queues from './queues.js';
import * as policy from './queue-policy.js';

export { sendToQueue, type OutgoingMessage } from './messages.js';
export type { Sender } from './access.js';

export const sqs: ServiceDefinition<SqsApi> = {
  signingName: 'sqs',
  actionPrefix: 'sqs',
  protocols: ['json', 'query'],
  modelPackage: '@aws-sdk/client-sqs',
  xmlNamespace: 'http://queue.amazonaws.com/doc/2012-11-05/',
  targetPrefix: 'AmazonSQS',
  handlers: {
    CreateQueue: queues.createQueue,
    DeleteQueue: queues.deleteQueue,
    GetQueueUrl: queues.getQueueUrl,
    ListQueues: queues.listQueues,
    GetQueueAttributes: queues.getQueueAttributes,
    SetQueueAttributes: queues.setQueueAttributes,
    PurgeQueue: queues.purgeQueue,
    TagQueue: queues.tagQueue,
    UntagQueue: queues.untagQueue,
    ListQueueTags: queues.listQueueTags,
    ListDeadLetterSourceQueues: queues.listDeadLetterSourceQueues,
    AddPermission: policy.addPermission,
    RemovePermission: policy.removePermission,
    SendMessage: messages.sendMessage,
    SendMessageBatch: messages.sendMessageBatch,
    ReceiveMessage: messages.receiveMessage,
    DeleteMessage: messages.deleteMessage,
    DeleteMessageBatch: messages.deleteMessageBatch,
    ChangeMessageVisibility: messages.changeMessageVisibility,
    ChangeMessageVisibilityBatch: messages.changeMessageVisibilityBatch,
  },
};
