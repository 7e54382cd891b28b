/** The sandbox's SNS state, per account and region (`store.get('sns', …)`). */

export interface TopicRecord {
  TopicArn: string;
  Name: string;
  /** Settable attributes (DisplayName, Policy, DeliveryPolicy…). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptionsDeleted: number;
}

export interface SubscriptionRecord {
  SubscriptionArn: string;
  TopicArn: string;
  Protocol: string;
  Endpoint: string;
  Owner: string;
  confirmed: boolean;
  /** The confirmation token sent in the SubscriptionConfirmation message. */
  token: string;
  attributes: Record<string, string>;
}

export interface SnsState {
  /** By topic ARN. */
  topics: Record<string, TopicRecord>;
  /** By subscription ARN. */
  subscriptions: Record<string, SubscriptionRecord>;
}
