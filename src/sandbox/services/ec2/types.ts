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
  /** Launch settings that only describe the instance (absent on instances saved before them). */
  options?: InstanceOptions;
  tags: Record<string, string>;
}

export interface InstanceOptions {
  metadata: { httpTokens: string; httpPutResponseHopLimit: number; httpEndpoint: string; instanceMetadataTags: string };
  hibernation: boolean;
  enclave: boolean;
  /** The image's boot mode (`uefi-preferred` for Amazon Linux 2023). */
  bootMode?: string;
  /** What the image runs, for the console (the image may be deregistered while the instance lives). */
  os?: { pretty: string; kernel: string };
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
  /** Who else may create volumes from it (absent on snapshots saved before it existed). */
  createVolumePermission?: { public: boolean; userIds: string[] };
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

export type VpcAttributeName = 'enableDnsSupport' | 'enableDnsHostnames' | 'enableNetworkAddressUsageMetrics';

export interface VpcRecord {
  vpcId: string;
  cidrBlock: string;
  isDefault: boolean;
  /** Set by ModifyVpcAttribute; unset ones have their defaults (./vpcs.ts). */
  attributes?: Partial<Record<VpcAttributeName, boolean>>;
  tags: Record<string, string>;
}

export interface SubnetRecord {
  subnetId: string;
  vpcId: string;
  zone: string;
  cidrBlock: string;
  defaultForAz: boolean;
  /** Unset: as the subnet's kind has it (on in default subnets, off in others). */
  mapPublicIpOnLaunch?: boolean;
  tags: Record<string, string>;
}

export interface InternetGatewayRecord {
  internetGatewayId: string;
  /** The VPC it is attached to, if any. */
  vpcId?: string;
  tags: Record<string, string>;
}

export interface RouteRecord {
  destinationCidrBlock: string;
  /** `local`, or an internet gateway's id. */
  gatewayId?: string;
  networkInterfaceId?: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

/** A subnet's association with a route table or a network ACL. */
export interface AssociationRecord {
  associationId: string;
  subnetId: string;
}

export interface RouteTableRecord {
  routeTableId: string;
  vpcId: string;
  /** The main route table's association with its VPC (subnets without one of their own use it). */
  mainAssociationId?: string;
  routes: RouteRecord[];
  associations: AssociationRecord[];
  tags: Record<string, string>;
}

export interface NetworkAclEntryRecord {
  ruleNumber: number;
  egress: boolean;
  /** `-1` (all) or a protocol number. */
  protocol: string;
  ruleAction: 'allow' | 'deny';
  cidrBlock: string;
  portRange?: { from: number; to: number };
  icmp?: { type: number; code: number };
}

export interface NetworkAclRecord {
  networkAclId: string;
  vpcId: string;
  isDefault: boolean;
  entries: NetworkAclEntryRecord[];
  /** Every subnet is associated with exactly one ACL of its VPC (the default one unless replaced). */
  associations: AssociationRecord[];
  tags: Record<string, string>;
}

export interface NetworkInterfaceRecord {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  zone: string;
  ownerId: string;
  privateIp: string;
  macAddress: string;
  description: string;
  /** An instance's primary interface takes its groups and source/dest check from the instance. */
  groupIds: string[];
  sourceDestCheck: boolean;
  attachment?: { attachmentId: string; instanceId: string; deviceIndex: number; deleteOnTermination: boolean; attachTime: string };
  /** An instance's primary interface launched with a public address gets a new one at each start. */
  autoPublicIp?: boolean;
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
  internetGateways: Record<string, InternetGatewayRecord>;
  routeTables: Record<string, RouteTableRecord>;
  networkAcls: Record<string, NetworkAclRecord>;
  networkInterfaces: Record<string, NetworkInterfaceRecord>;
  launchTemplates: Record<string, LaunchTemplateRecord>;
  images: Record<string, ImageRecord>;
  /** By volume id: its latest modification. */
  volumeModifications: Record<string, VolumeModificationRecord>;
}

export interface LaunchTemplateRecord {
  launchTemplateId: string;
  launchTemplateName: string;
  createTime: string;
  createdBy: string;
  defaultVersion: number;
  /** Version n is `versions[n - 1]`; a deleted version is null. */
  versions: Array<LaunchTemplateVersionRecord | null>;
  tags: Record<string, string>;
}

export interface LaunchTemplateVersionRecord {
  versionNumber: number;
  description?: string;
  createTime: string;
  /** The RequestLaunchTemplateData as given (the SDK's shape, which is also how it is answered). */
  data: Record<string, any>;
}

/** An image this account registered, created or copied. */
export interface ImageRecord {
  imageId: string;
  name: string;
  description: string;
  ownerId: string;
  architecture: string;
  state: 'pending' | 'available' | 'failed';
  creationDate: string;
  rootDeviceName: string;
  /** Device → its snapshot: the root device's gives new instances their root volume. */
  blockDevices: Array<{ deviceName: string; snapshotId: string; volumeSize: number; volumeType: string; deleteOnTermination: boolean; encrypted: boolean }>;
  bootMode?: string;
  loginUser: string;
  /** What it runs, when made from a catalogue image (directly or through others). */
  os?: { pretty: string; kernel: string };
  /** The image it was made from (its OS and login user carry over). */
  sourceImageId?: string;
  sourceInstanceId?: string;
  launchPermission: { public: boolean; userIds: string[] };
  tags: Record<string, string>;
}

export interface VolumeModificationRecord {
  volumeId: string;
  state: 'modifying' | 'optimizing' | 'completed';
  original: { size: number; volumeType: string; iops?: number; throughput?: number };
  target: { size: number; volumeType: string; iops?: number; throughput?: number };
  startTime: string;
  /** When it moves to optimizing, and when it completes (states settle on read). */
  optimizingAt: string;
  completedAt: string;
}
