/** The sandbox's IAM state, one per account (IAM is global: region 'global'). */

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
