/** The sandbox's SNS state, per account and region (`store.get('sns', …)`). */
import type * as sdk from '@aws-sdk/client-sns';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';
import type { DedupWindow } from '../../core/dedup.js';

/** SNS's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type SnsApi = typeof sdk;
export type Operation = keyof SdkApi<SnsApi>;
export type Input<Op extends Operation> = OperationInput<SnsApi, Op>;
export type Output<Op extends Operation> = OperationOutput<SnsApi, Op>;

export interface TopicRecord {
  TopicArn: string;
  Name: string;
  /** Settable attributes (DisplayName, Policy, DeliveryPolicy…). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  subscriptionsDeleted: number;
  /** FIFO topics: the last sequence number given, and deduplication ids with their expiry (epoch ms) and message. */
  sequence?: number;
  dedup?: DedupWindow;
}

/** A message attribute as published: `BinaryValue` base64. */
export interface PublishedAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
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

/** A mobile push platform application; its credentials are kept and never answered back. */
export interface PlatformApplicationRecord {
  arn: string;
  platform: string;
  attributes: Record<string, string>;
}

export interface PlatformEndpointRecord {
  arn: string;
  applicationArn: string;
  /** Token, CustomUserData, Enabled. */
  attributes: Record<string, string>;
}

export interface SnsState {
  /** By topic ARN. */
  topics: Record<string, TopicRecord>;
  /** By subscription ARN. */
  subscriptions: Record<string, SubscriptionRecord>;
  /** By ARN; absent in states saved before platform applications were kept. */
  applications?: Record<string, PlatformApplicationRecord>;
  endpoints?: Record<string, PlatformEndpointRecord>;
  /** The account's SMS preferences (SetSMSAttributes). */
  sms?: Record<string, string>;
}
