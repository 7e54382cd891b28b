/**
 * The sandbox's SQS state, per account and region (`store.get('sqs', …)`): queues by name, each
 * holding its messages. Times are epoch milliseconds; message attributes are kept as the wire gives
 * them (binary values base64), so the journal stays JSON.
 */
import type * as sdk from '@aws-sdk/client-sqs';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';
import type { DedupWindow } from '../../core/dedup.js';

/** SQS's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type SqsApi = typeof sdk;
export type Operation = keyof SdkApi<SqsApi>;
export type Input<Op extends Operation> = OperationInput<SqsApi, Op>;
export type Output<Op extends Operation> = OperationOutput<SqsApi, Op>;

/** A message attribute as stored: `BinaryValue` base64. */
export interface StoredAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
}

export interface MessageRecord {
  MessageId: string;
  Body: string;
  MD5OfBody: string;
  attributes: Record<string, StoredAttribute>;
  /** AWSTraceHeader, the one system attribute a sender may set. */
  traceHeader?: string;
  senderId: string;
  sent: number;
  /** Delivered by Receive no earlier than this (delay seconds, then each visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceive?: number;
  /** The receipt handle of the latest receive; set while the message is in flight. */
  receipt?: string;
  groupId?: string;
  dedupId?: string;
  sequenceNumber?: string;
  /** In a dead-letter queue: the queue it came from. */
  deadLetterSource?: string;
}

export interface QueueRecord {
  name: string;
  arn: string;
  accountId: string;
  /** Settable attributes as last set (defaults are filled in when read). */
  attributes: Record<string, string>;
  tags: Record<string, string>;
  created: number;
  modified: number;
  /** In the order sent. */
  messages: MessageRecord[];
  /** FIFO: the last sequence number given, and deduplication ids with their expiry. */
  sequence: number;
  dedup: DedupWindow;
  lastPurge?: number;
}

export interface SqsState {
  /** By queue name. */
  queues: Record<string, QueueRecord>;
  /** When each name's queue was deleted (epoch ms): SQS refuses the name for a minute. */
  deleted?: Record<string, number>;
}
