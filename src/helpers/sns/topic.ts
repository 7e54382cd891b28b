/** SNS topics and subscriptions as resources: `Topic:paws_cloudwatch`, `Subscription:email:me@example.com` (recipe 2.13). */
import { paginateListSubscriptionsByTopic, paginateListTopics, type SNS, type Subscription as SubscriptionData } from '@aws-sdk/client-sns';
import { refOf, Resource, ResourceNotFound, type Column, type Ref } from '../core/resource.js';

interface TopicData {
  TopicArn: string;
  Attributes?: Record<string, string>;
}

export class Topic extends Resource<TopicData, SNS> {
  static override kind = 'Topic';
  static override columns: readonly Column<Topic>[] = [
    { header: 'Topic', value: (t) => t.name },
    { header: 'ARN', value: (t) => t.arn },
    { header: 'Confirmed', value: (t) => t.data.Attributes?.SubscriptionsConfirmed },
    { header: 'Pending', value: (t) => t.data.Attributes?.SubscriptionsPending },
  ];

  get id(): string {
    return this.name;
  }
  /** Where a topic name or ARN goes, a Topic stands for its ARN. */
  override get ref(): string {
    return this.arn;
  }
  get arn(): string {
    return this.data.TopicArn;
  }
  get name(): string {
    return this.arn.split(':').pop() ?? '';
  }
  /** As last described (`update()` fetches them): DisplayName, Policy, SubscriptionsConfirmed… */
  get attributes(): Record<string, string> {
    return this.data.Attributes ?? {};
  }

  protected async describe(): Promise<TopicData> {
    const { Attributes } = await this.client.getTopicAttributes({ TopicArn: this.arn });
    return { TopicArn: this.arn, Attributes };
  }

  /**
   * Subscribes an endpoint (`'email', 'me@example.com'`; `'http', 'http://127.0.0.1:8080/'`).
   * Email and http subscriptions wait for the endpoint to confirm: the answer is then pending.
   */
  async subscribe(protocol: string, endpoint: string): Promise<Subscription> {
    const { SubscriptionArn } = await this.client.subscribe({ TopicArn: this.arn, Protocol: protocol, Endpoint: endpoint, ReturnSubscriptionArn: true });
    const sub = new Subscription(this.client, { SubscriptionArn, TopicArn: this.arn, Protocol: protocol, Endpoint: endpoint });
    return sub.update();
  }

  async subscriptions(): Promise<Subscription[]> {
    const out: Subscription[] = [];
    for await (const page of paginateListSubscriptionsByTopic({ client: this.client }, { TopicArn: this.arn })) {
      out.push(...(page.Subscriptions ?? []).map((s) => new Subscription(this.client, s)));
    }
    return out;
  }

  /** Publishes a message; returns its id. */
  async publish(message: string, subject?: string): Promise<string | undefined> {
    return (await this.client.publish({ TopicArn: this.arn, Message: message, Subject: subject })).MessageId;
  }

  async delete(): Promise<void> {
    await this.client.deleteTopic({ TopicArn: this.arn });
  }
}

/** A subscription, with `pending` true until its endpoint confirms. */
export class Subscription extends Resource<SubscriptionData & { Attributes?: Record<string, string> }, SNS> {
  static override kind = 'Subscription';
  static override columns: readonly Column<Subscription>[] = [
    { header: 'Protocol', value: (s) => s.protocol },
    { header: 'Endpoint', value: (s) => s.endpoint },
    { header: 'Topic', value: (s) => s.topicArn?.split(':').pop() },
    { header: 'Status', value: (s) => (s.pending ? 'pending confirmation' : 'confirmed') },
  ];

  get id(): string {
    return `${this.protocol}:${this.endpoint}${this.pending ? ' (pending confirmation)' : ''}`;
  }
  get arn(): string | undefined {
    return this.data.SubscriptionArn;
  }
  get protocol(): string {
    return this.data.Protocol ?? '';
  }
  get endpoint(): string {
    return this.data.Endpoint ?? '';
  }
  get topicArn(): string | undefined {
    return this.data.TopicArn;
  }
  get pending(): boolean {
    return this.data.Attributes ? this.data.Attributes.PendingConfirmation === 'true' : !this.arn || this.arn === 'PendingConfirmation';
  }

  protected async describe() {
    // Listed pending subscriptions have no ARN to describe yet.
    if (!this.arn?.startsWith('arn:')) return this.data;
    const { Attributes = {} } = await this.client.getSubscriptionAttributes({ SubscriptionArn: this.arn });
    if (!Attributes.SubscriptionArn) throw new ResourceNotFound('Subscription', this.arn ?? '');
    return { ...this.data, Attributes };
  }

  async unsubscribe(): Promise<void> {
    await this.client.unsubscribe({ SubscriptionArn: this.arn });
  }
}

/** Every topic of the region. */
export async function listTopics(sns: SNS): Promise<Topic[]> {
  const out: Topic[] = [];
  for await (const page of paginateListTopics({ client: sns }, {})) out.push(...(page.Topics ?? []).map((t) => new Topic(sns, { TopicArn: t.TopicArn! })));
  return out;
}

/** A topic by name or ARN (created when `create` is set — CreateTopic is idempotent). */
export async function findTopic(sns: SNS, topic: Ref<Topic>, create = false): Promise<Topic> {
  const nameOrArn = refOf(topic, 'a topic');
  if (create) {
    const { TopicArn } = await sns.createTopic({ Name: nameOrArn.split(':').pop() });
    return new Topic(sns, { TopicArn: TopicArn! }).update();
  }
  const found = (await listTopics(sns)).find((t) => t.arn === nameOrArn || t.name === nameOrArn);
  if (!found) throw new ResourceNotFound('Topic', nameOrArn);
  return found.update();
}
