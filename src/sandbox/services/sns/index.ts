/** SNS: topics (standard and FIFO), subscriptions (email and email-json to the outbox, http/https to loopback, sqs to the sandbox's queues; sms and mobile push accepted, sent nowhere) with filter policies, publish; platform applications and endpoints; SMS preferences. */
import type { ServiceDefinition } from '../../core/types.js';
import type { SnsApi } from './types.js';
import { publish, publishBatch } from './publish.js';
import * as platform from './platform.js';
import * as sms from './sms.js';
import * as subs from './subscriptions.js';
import * as topics from './topics.js';

export { publishTo } from './publish.js';
export { OUTBOX } from './delivery.js';

export const sns: ServiceDefinition<SnsApi> = {
  signingName: 'sns',
  actionPrefix: 'sns',
  protocols: ['query'],
  modelPackage: '@aws-sdk/client-sns',
  xmlNamespace: 'http://sns.amazonaws.com/doc/2010-03-31/',
  // The links in confirmation and notification messages work without signing, as on AWS.
  publicActions: ['ConfirmSubscription', 'Unsubscribe'],
  handlers: {
    CreateTopic: topics.createTopic,
    DeleteTopic: topics.deleteTopic,
    ListTopics: topics.listTopics,
    GetTopicAttributes: topics.getTopicAttributes,
    SetTopicAttributes: topics.setTopicAttributes,
    TagResource: topics.tagResource,
    UntagResource: topics.untagResource,
    ListTagsForResource: topics.listTagsForResource,
    Subscribe: subs.subscribe,
    ConfirmSubscription: subs.confirmSubscription,
    Unsubscribe: subs.unsubscribe,
    ListSubscriptions: subs.listSubscriptions,
    ListSubscriptionsByTopic: subs.listSubscriptionsByTopic,
    GetSubscriptionAttributes: subs.getSubscriptionAttributes,
    SetSubscriptionAttributes: subs.setSubscriptionAttributes,
    Publish: publish,
    PublishBatch: publishBatch,
    CreatePlatformApplication: platform.createPlatformApplication,
    GetPlatformApplicationAttributes: platform.getPlatformApplicationAttributes,
    SetPlatformApplicationAttributes: platform.setPlatformApplicationAttributes,
    ListPlatformApplications: platform.listPlatformApplications,
    DeletePlatformApplication: platform.deletePlatformApplication,
    CreatePlatformEndpoint: platform.createPlatformEndpoint,
    GetEndpointAttributes: platform.getEndpointAttributes,
    SetEndpointAttributes: platform.setEndpointAttributes,
    DeleteEndpoint: platform.deleteEndpoint,
    ListEndpointsByPlatformApplication: platform.listEndpointsByPlatformApplication,
    SetSMSAttributes: sms.setSMSAttributes,
    GetSMSAttributes: sms.getSMSAttributes,
    CheckIfPhoneNumberIsOptedOut: sms.checkIfPhoneNumberIsOptedOut,
    ListPhoneNumbersOptedOut: sms.listPhoneNumbersOptedOut,
  },
};
