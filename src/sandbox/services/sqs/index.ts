/**
 * SQS: standard and FIFO queues, messages with visibility timeouts, long polling, delays, retention
 * and dead-letter queues, queue policies and tags. Answers AWS JSON 1.0 (the JS SDK) and the query
 * protocol (the AWS CLI, boto3). `sendToQueue` is how other services deliver to a queue.
 */
import type { ServiceDefinition } from '../../core/types.js';
import type { SqsApi } from './types.js';
import * as receive from './receive.js';
import * as send from './send.js';
import * as queues from './queues.js';
import * as policy from './queue-policy.js';

export { sendToQueue, type OutgoingMessage } from './send.js';
export type { Sender } from '../../core/resource-policy.js';

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
    SendMessage: send.sendMessage,
    SendMessageBatch: send.sendMessageBatch,
    ReceiveMessage: receive.receiveMessage,
    DeleteMessage: receive.deleteMessage,
    DeleteMessageBatch: receive.deleteMessageBatch,
    ChangeMessageVisibility: receive.changeMessageVisibility,
    ChangeMessageVisibilityBatch: receive.changeMessageVisibilityBatch,
  },
};
