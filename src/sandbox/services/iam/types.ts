/** The sandbox's IAM state, one per account (IAM is global: region 'global'). */
import type * as sdk from '@aws-sdk/client-iam';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';

/** IAM's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type IamApi = typeof sdk;
export type Operation = keyof SdkApi<IamApi>;
export type Input<Op extends Operation> = OperationInput<IamApi, Op>;
export type Output<Op extends Operation> = OperationOutput<IamApi, Op>;

export interface UserRecord {
  UserName: string;
  UserId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  /** Inline policies by name: the JSON documents as given. */
  inlinePolicies: Record<string, string>;
  /** ARNs of attached managed policies. */
  attachedPolicies: string[];
  tags: Record<string, string>;
}

/** An access key's metadata; the secret lives only in the sandbox key ring, which authenticates it. */
export interface AccessKeyRecord {
  AccessKeyId: string;
  UserName: string;
  Status: 'Active' | 'Inactive';
  CreateDate: string;
}

export interface ManagedPolicyRecord {
  PolicyName: string;
  PolicyId: string;
  Arn: string;
  Path: string;
  Description?: string;
  DefaultVersionId: string;
  /** By version id (v1, v2…). */
  versions: Record<string, { document: string; createDate: string }>;
  CreateDate: string;
  UpdateDate: string;
}

export interface IamState {
  users: Record<string, UserRecord>;
  accessKeys: Record<string, AccessKeyRecord>;
  /** Customer managed policies by ARN (AWS managed ones are built in). */
  policies: Record<string, ManagedPolicyRecord>;
}
