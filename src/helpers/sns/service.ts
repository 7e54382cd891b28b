/**
 * The `sns` service object: every operation of the SDK's aggregated SNS client, plus topics and
 * subscriptions as resources. Add conveniences as methods of SNSService — names that are not SDK
 * operations (a test checks) — and list them in ./description.ts for `.help`.
 */
import { SNS, paginateListSubscriptions } from '@aws-sdk/client-sns';
import type { Ref } from '../core/resource.js';
import { findTopic, listTopics, Subscription, type Topic } from './topic.js';

export class SNSService extends SNS {
  /** Every topic: `[Topic:paws_cloudwatch, …]`. */
  topics(): Promise<Topic[]> {
    return listTopics(this);
  }

  /** A topic by name or ARN; `{create: true}` creates it if needed (as the book's create_topic). */
  topic(nameOrArn: Ref<Topic>, options: { create?: boolean } = {}): Promise<Topic> {
    return findTopic(this, nameOrArn, options.create);
  }

  /** Every subscription of the region. */
  async subscriptions(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for await (const page of paginateListSubscriptions({ client: this }, {})) out.push(...(page.Subscriptions ?? []).map((s) => new Subscription(this, s)));
    return out;
  }
}

export function createService(config: Record<string, unknown>): SNSService {
  return new SNSService(config);
}
