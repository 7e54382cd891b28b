/** SQS queues as resources: `Queue:orders`, with send, receive and delete. */
import { paginateListQueues, type Message, type SQS } from '@aws-sdk/client-sqs';
import { refOf, Resource, ResourceNotFound, type Column, type Ref } from '../core/resource.js';
import { errorCode } from '../core/errors.js';
import { queueName } from './queue-name.js';

interface QueueData {
  QueueUrl: string;
  Attributes?: Record<string, string>;
}

export class Queue extends Resource<QueueData, SQS> {
  static override kind = 'Queue';
  static override columns: readonly Column<Queue>[] = [
    { header: 'Queue', value: (q) => q.name },
    { header: 'Messages', value: (q) => q.attributes.ApproximateNumberOfMessages },
    { header: 'In flight', value: (q) => q.attributes.ApproximateNumberOfMessagesNotVisible },
    { header: 'URL', value: (q) => q.url },
  ];

  get id(): string {
    return this.name;
  }
  /** Where a queue name or URL goes, a Queue stands for its URL. */
  override get ref(): string {
    return this.url;
  }
  get url(): string {
    return this.data.QueueUrl;
  }
  get name(): string {
    return queueName(this.url);
  }
  /** As last described (`update()` fetches them): QueueArn, VisibilityTimeout, ApproximateNumberOfMessages… */
  get attributes(): Record<string, string> {
    return this.data.Attributes ?? {};
  }
  get arn(): string | undefined {
    return this.data.Attributes?.QueueArn;
  }

  protected async describe(): Promise<QueueData> {
    try {
      const { Attributes } = await this.client.getQueueAttributes({ QueueUrl: this.url, AttributeNames: ['All'] });
      return { QueueUrl: this.url, Attributes };
    } catch (err) {
      if (errorCode(err) === 'QueueDoesNotExist' || errorCode(err) === 'AWS.SimpleQueueService.NonExistentQueue') throw new ResourceNotFound('Queue', this.name);
      throw err;
    }
  }

  /** Sends a message (string attributes as `{name: 'value'}`); returns its id. */
  async send(body: string, attributes: Record<string, string> = {}): Promise<string | undefined> {
    const MessageAttributes = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { DataType: 'String', StringValue: v }]));
    return (await this.client.sendMessage({ QueueUrl: this.url, MessageBody: body, MessageAttributes })).MessageId;
  }

  /** Receives up to `max` messages, waiting up to `waitSeconds` for the first (long polling). */
  async receive(options: { max?: number; waitSeconds?: number } = {}): Promise<Message[]> {
    const { Messages = [] } = await this.client.receiveMessage({ QueueUrl: this.url, MaxNumberOfMessages: options.max ?? 10, WaitTimeSeconds: options.waitSeconds, MessageAttributeNames: ['All'] });
    return Messages;
  }

  /** Deletes a received message (acknowledges it). */
  async deleteMessage(message: Message): Promise<void> {
    await this.client.deleteMessage({ QueueUrl: this.url, ReceiptHandle: message.ReceiptHandle });
  }

  async delete(): Promise<void> {
    await this.client.deleteQueue({ QueueUrl: this.url });
  }
}

/** Every queue of the region, described. */
export async function listQueues(sqs: SQS, prefix?: string): Promise<Queue[]> {
  const urls: string[] = [];
  for await (const page of paginateListQueues({ client: sqs }, { QueueNamePrefix: prefix, MaxResults: 1000 })) urls.push(...(page.QueueUrls ?? []));
  return Promise.all(urls.map((QueueUrl) => new Queue(sqs, { QueueUrl }).update()));
}

/** A queue by name or URL (created when `create` is set — CreateQueue is idempotent). */
export async function findQueue(sqs: SQS, queue: Ref<Queue>, create = false): Promise<Queue> {
  const nameOrUrl = refOf(queue, 'a queue');
  const name = queueName(nameOrUrl);
  const { QueueUrl } = create ? await sqs.createQueue({ QueueName: name }) : /^https?:\/\//.test(nameOrUrl) ? { QueueUrl: nameOrUrl } : await sqs.getQueueUrl({ QueueName: name });
  return new Queue(sqs, { QueueUrl: QueueUrl! }).update();
}
