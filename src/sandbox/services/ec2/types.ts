/**
 * The sandbox's EC2 state, per account and region: plain JSON, persisted by the store
 * (`store.get('ec2', accountId, region, …)`; every region of every account via `store.all('ec2')`).
 * Other providers may read it (CloudWatch emits AWS/EC2 metrics for instances whose
 * `state === 'running'`, per `monitoring` — basic every 5 min, detailed every minute); only EC2
 * writes it. Timestamps are ISO strings; tags are `{key: value}`.
 */
import type * as sdk from '@aws-sdk/client-ec2';
import type { OperationInput, OperationOutput, SdkApi } from '../../core/types.js';

/** EC2's operations as its SDK client types them: a handler takes `Input<'Op'>` and returns `Output<'Op'>`. */
export type Ec2Api = typeof sdk;
export type Operation = keyof SdkApi<Ec2Api>;
export type Input<Op extends Operation> = OperationInput<Ec2Api, Op>;
export type Output<Op extends Operation> = OperationOutput<Ec2Api, Op>;

export type InstanceStateName = 'pending' | 'running' | 'shutting-down' | 'terminated' | 'stopping' | 'stopped';

export interface InstanceRecord {
  instanceId: string;
  reservationId: string;
  /** The account that launched it (also the key of the state it lives in). */
  ownerId: string;
  imageId: string;
  instanceType: string;
  state: InstanceStateName;
  /** e.g. `User initiated (2026-11-28 14:03:07 GMT)`; empty while running. */
  stateTransitionReason: string;
  stateReason?: { code: string; message: string };
  /** When the current state was entered. */
  stateSince: string;
  launchTime: string;
  /** Set once terminated; the instance stays visible about an hour after that. */
  terminatedAt?: string;
  zone: string;
  vpcId: string;
  subnetId: string;
  privateIp: string;
  /** The instance's own public address (a loopback address its SSH host listens on), while it has one. */
  publicIp?: string;
  /** An Elastic IP associated with it, which then replaces `publicIp` as its public address. */
  elasticIp?: string;
  keyName?: string;
  groupIds: string[];
  /** Base64, as RunInstances received it. */
  userData?: string;
  monitoring: 'disabled' | 'disabling' | 'enabled' | 'pending';
  amiLaunchIndex: number;
  architecture: string;
  rootDeviceName: string;
  /** The image's login user: `ec2-user` or `ubuntu`. */
  loginUser: string;
  clientToken?: string;
  kernelId?: string;
  ramdiskId?: string;
  ebsOptimized: boolean;
  sourceDestCheck: boolean;
  disableApiTermination: boolean;
  disableApiStop: boolean;
  shutdownBehavior: 'stop' | 'terminate';
  iamInstanceProfile?: { arn: string; id?: string };
  /** Whether the host has booted once (user data runs only then). */
  booted: boolean;
  tags: Record<string, string>;
}

export type VolumeStateName = 'creating' | 'available' | 'in-use' | 'deleting' | 'deleted' | 'error';

export interface VolumeRecord {
  volumeId: string;
  size: number;
  zone: string;
  volumeType: string;
  iops?: number;
  throughput?: number;
  encrypted: boolean;
  snapshotId: string;
  state: VolumeStateName;
  createTime: string;
  attachment?: {
    instanceId: string;
    device: string;
    state: 'attaching' | 'attached' | 'detaching';
    attachTime: string;
    deleteOnTermination: boolean;
  };
  tags: Record<string, string>;
}

export interface SnapshotRecord {
  snapshotId: string;
  volumeId: string;
  volumeSize: number;
  description: string;
  state: 'pending' | 'completed' | 'error';
  startTime: string;
  /** When it completes (progress is the elapsed share of the time until then). */
  completeTime: string;
  encrypted: boolean;
  ownerId: string;
  tags: Record<string, string>;
}

export interface KeyPairRecord {
  keyPairId: string;
  keyName: string;
  keyType: 'rsa' | 'ed25519';
  keyFingerprint: string;
  /** OpenSSH public key line, `ssh-ed25519 AAAA…` (no comment). */
  publicKey: string;
  createTime: string;
  tags: Record<string, string>;
}

export interface IpRule {
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIp?: string;
  cidrIpv6?: string;
  groupId?: string;
  description?: string;
  ruleId: string;
}

export interface SecurityGroupRecord {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ownerId: string;
  ingress: IpRule[];
  egress: IpRule[];
  tags: Record<string, string>;
}

export interface AddressRecord {
  allocationId: string;
  publicIp: string;
  instanceId?: string;
  associationId?: string;
  tags: Record<string, string>;
}

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
  tags: Record<string, string>;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  zone: string;
  cidrBlock: string;
  defaultForAz: boolean;
  /** Host numbers handed out in this subnet so far (AWS reserves .0–.3). */
  nextHost: number;
  tags: Record<string, string>;
}

export interface Ec2RegionState {
  vpcs: Record<string, VpcRecord>;
  subnets: Record<string, SubnetRecord>;
  securityGroups: Record<string, SecurityGroupRecord>;
  /** By key name. */
  keyPairs: Record<string, KeyPairRecord>;
  instances: Record<string, InstanceRecord>;
  volumes: Record<string, VolumeRecord>;
  snapshots: Record<string, SnapshotRecord>;
  /** By allocation id. */
  addresses: Record<string, AddressRecord>;
}
