/** The sandbox's IAM state, one per account (IAM is global: region 'global'). */
import type * as sdk from '@aws-sdk/client-iam';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';

/** IAM's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type IamApi = typeof sdk;
export type Operation = keyof SdkApi<IamApi>;
export type Input<Op extends Operation> = OperationInput<IamApi, Op>;
export type Output<Op extends Operation> = OperationOutput<IamApi, Op>;

/** What users, groups and roles share: policies of their own and attached ones. */
export interface PolicyHolder {
  Arn: string;
  Path: string;
  CreateDate: string;
  /** Inline policies by name: the JSON documents as given. */
  inlinePolicies: Record<string, string>;
  /** ARNs of attached managed policies. */
  attachedPolicies: string[];
}

export interface UserRecord extends PolicyHolder {
  UserName: string;
  UserId: string;
  tags: Record<string, string>;
  /** Names of the groups the user is in. */
  groups?: string[];
  /** The console password (a login profile): only its hash is kept. */
  loginProfile?: { passwordHash: string; createDate: string; passwordResetRequired: boolean };
}

export interface GroupRecord extends PolicyHolder {
  GroupName: string;
  GroupId: string;
}

export interface RoleRecord extends PolicyHolder {
  RoleName: string;
  RoleId: string;
  /** The trust policy: who may assume the role. */
  AssumeRolePolicyDocument: string;
  Description?: string;
  /** Seconds, 3600 to 43200. */
  MaxSessionDuration: number;
  tags: Record<string, string>;
  lastUsed?: { date: string; region: string };
}

export interface InstanceProfileRecord {
  InstanceProfileName: string;
  InstanceProfileId: string;
  Arn: string;
  Path: string;
  CreateDate: string;
  /** At most one role, as AWS allows. */
  roles: string[];
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
  tags?: Record<string, string>;
}

export interface IamState {
  users: Record<string, UserRecord>;
  accessKeys: Record<string, AccessKeyRecord>;
  /** Customer managed policies by ARN (AWS managed ones are built in). */
  policies: Record<string, ManagedPolicyRecord>;
  roles: Record<string, RoleRecord>;
  groups: Record<string, GroupRecord>;
  instanceProfiles: Record<string, InstanceProfileRecord>;
  /** Virtual MFA devices by serial number (their ARN). */
  mfaDevices: Record<string, MfaDeviceRecord>;
  /** Identity providers by ARN: OpenID Connect (web identity) and SAML. */
  oidcProviders: Record<string, OidcProviderRecord>;
  samlProviders: Record<string, SamlProviderRecord>;
  /** Account-wide settings: the one alias, the password policy. */
  account: { alias?: string; passwordPolicy?: PasswordPolicyRecord };
}

export interface MfaDeviceRecord {
  SerialNumber: string;
  /** The TOTP seed, base32, as the device (an authenticator app) holds it. */
  seed: string;
  /** Set once enabled for a user. */
  userName?: string;
  enableDate?: string;
}

export interface PasswordPolicyRecord {
  MinimumPasswordLength: number;
  RequireSymbols: boolean;
  RequireNumbers: boolean;
  RequireUppercaseCharacters: boolean;
  RequireLowercaseCharacters: boolean;
  AllowUsersToChangePassword: boolean;
  MaxPasswordAge?: number;
  PasswordReusePrevention?: number;
  HardExpiry?: boolean;
}

export interface OidcProviderRecord {
  /** Without the scheme: `token.actions.githubusercontent.com`, as ARNs and condition keys name it. */
  url: string;
  clientIds: string[];
  thumbprints: string[];
  createDate: string;
}

export interface SamlProviderRecord {
  metadata: string;
  createDate: string;
}
