/**
 * Elastic network interfaces: made on their own (CreateNetworkInterface) or as an instance's
 * primary interface at launch; attached, detached, deleted. An instance's primary interface takes
 * its security groups and source/dest check from the instance (ModifyInstanceAttribute and
 * ModifyNetworkInterfaceAttribute change the same thing), and its public address is the instance's.
 */
import type { InstanceNetworkInterface, NetworkInterface, NetworkInterfaceAssociation } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList, type FilterFields } from './filters.js';
import { macAddress } from './network-records.js';
import { findGroup } from './security-groups.js';
import { newId, nowIso, regionState } from './state.js';
import { mapsPublicIp, privateAddress } from './subnets.js';
import type { Ec2RegionState, Input, InstanceRecord, NetworkInterfaceRecord, Output, SubnetRecord } from './types.js';

export function privateDnsName(ip: string, region: string): string {
  return `ip-${ip.replace(/\./g, '-')}.${region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`}`;
}

export function publicDnsName(ip: string, region: string): string {
  return `ec2-${ip.replace(/\./g, '-')}.${region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`}`;
}

/** Groups named for an interface in `vpcId`: they must exist and be of that VPC. */
function groupsIn(state: Ec2RegionState, ids: string[], subnet: SubnetRecord): string[] {
  return ids.map((id) => {
    const group = findOne('group', state.securityGroups, id);
    if (group.vpcId !== subnet.vpcId) throw new AwsError('InvalidParameter', `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`);
    return group.groupId;
  });
}

function defaultGroup(state: Ec2RegionState, vpcId: string): string {
  return Object.values(state.securityGroups).find((g) => g.groupName === 'default' && g.vpcId === vpcId)!.groupId;
}

interface NewInterface {
  subnet: SubnetRecord;
  ownerId: string;
  privateIp?: string;
  description?: string;
  groupIds: string[];
  tags?: Record<string, string>;
}

function addInterface(state: Ec2RegionState, spec: NewInterface): NetworkInterfaceRecord {
  const eni: NetworkInterfaceRecord = {
    networkInterfaceId: newId('eni'),
    subnetId: spec.subnet.subnetId,
    vpcId: spec.subnet.vpcId,
    zone: spec.subnet.zone,
    ownerId: spec.ownerId,
    privateIp: privateAddress(state, spec.subnet, spec.privateIp),
    macAddress: macAddress(),
    description: spec.description ?? '',
    groupIds: spec.groupIds.length ? spec.groupIds : [defaultGroup(state, spec.subnet.vpcId)],
    sourceDestCheck: true,
    tags: spec.tags ?? {},
  };
  state.networkInterfaces[eni.networkInterfaceId] = eni;
  return eni;
}

function primaryOf(state: Ec2RegionState, eni: NetworkInterfaceRecord): InstanceRecord | undefined {
  return eni.attachment?.deviceIndex === 0 ? state.instances[eni.attachment.instanceId] : undefined;
}

/** The groups an interface is in (a primary interface's are its instance's). */
export function interfaceGroups(state: Ec2RegionState, eni: NetworkInterfaceRecord): string[] {
  return primaryOf(state, eni)?.groupIds ?? eni.groupIds;
}

// ---- RunInstances ----

type InterfaceSpec = NonNullable<Input<'RunInstances'>['NetworkInterfaces']>[number];

/** One interface of a launch, checked: a new one in a subnet, or one of one's own. */
function interfacePlan(state: Ec2RegionState, spec: InterfaceSpec, maxCount: number, subnet?: SubnetRecord) {
  const existing = spec.NetworkInterfaceId ? findOne('networkInterface', state.networkInterfaces, spec.NetworkInterfaceId) : undefined;
  if (existing?.attachment) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${existing.networkInterfaceId}] in use.`);
  if (existing && maxCount > 1) throw new AwsError('InvalidParameterCombination', 'A network interface ID can be given for one instance only.');
  const home = existing ? state.subnets[existing.subnetId] : (subnet ?? findOne('subnet', state.subnets, spec.SubnetId));
  return {
    deviceIndex: spec.DeviceIndex ?? 0,
    subnet: home,
    groupIds: [...(existing?.groupIds ?? groupsIn(state, spec.Groups ?? [], home))],
    privateIp: spec.PrivateIpAddress,
    description: spec.Description,
    deleteOnTermination: spec.DeleteOnTermination ?? !existing,
    existing,
  };
}

/** The network part of a launch, checked: subnet, groups, addresses, interfaces of one's own, more interfaces. */
export function launchNetwork(input: Input<'RunInstances'>, state: Ec2RegionState, maxCount: number) {
  const specs = input.NetworkInterfaces ?? [];
  if (specs.length && input.SubnetId) throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level subnet ID may not be specified on the same request');
  if (specs.length && (input.SecurityGroupIds?.length || input.SecurityGroups?.length)) {
    throw new AwsError('InvalidParameterCombination', 'Network interfaces and an instance-level security groups may not be specified on the same request');
  }
  if (new Set(specs.map((s) => s.DeviceIndex ?? 0)).size !== specs.length) throw new AwsError('InvalidParameterValue', 'Each network interface requires a unique device index.');
  if (specs.length > 1 && specs.some((s) => s.AssociatePublicIpAddress !== undefined)) {
    throw new AwsError('InvalidParameterCombination', 'The associatePublicIPAddress parameter cannot be specified when launching with multiple network interfaces.');
  }
  const spec = specs.find((s) => (s.DeviceIndex ?? 0) === 0);
  if (specs.length && !spec) throw new AwsError('InvalidParameterValue', 'The primary network interface (device index 0) must be specified.');
  const zone = input.Placement?.AvailabilityZone;
  const subnet = spec || input.SubnetId ? undefined : Object.values(state.subnets).find((s) => s.defaultForAz && (!zone || s.zone === zone));
  if (!spec && !input.SubnetId && !subnet) throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${zone}]`);
  const primary = interfacePlan(state, spec ?? { SubnetId: input.SubnetId, PrivateIpAddress: input.PrivateIpAddress, Groups: input.SecurityGroupIds }, maxCount, subnet);
  if (input.SecurityGroups?.length) {
    if (!state.vpcs[primary.subnet.vpcId]?.isDefault) throw new AwsError('InvalidParameterCombination', 'The parameter groupName cannot be used with the parameter subnet');
    primary.groupIds.push(...input.SecurityGroups.map((name) => findGroup(state, undefined, name).groupId));
  }
  if (!primary.groupIds.length) primary.groupIds.push(defaultGroup(state, primary.subnet.vpcId));
  const others = specs.filter((s) => s !== spec).map((s) => interfacePlan(state, s, maxCount));
  if (others.some((o) => o.subnet.zone !== primary.subnet.zone)) {
    throw new AwsError('InvalidParameterCombination', 'You may not attach a network interface to an instance if they are not in the same availability zone');
  }
  return { ...primary, publicIp: spec?.AssociatePublicIpAddress ?? mapsPublicIp(primary.subnet), others };
}

type LaunchNetwork = ReturnType<typeof launchNetwork>;

/** The primary interface of the launch's `index`-th instance (its address is the instance's). */
export function primaryInterface(state: Ec2RegionState, ownerId: string, network: LaunchNetwork, index: number): NetworkInterfaceRecord {
  const eni = network.existing ?? addInterface(state, { ...network, ownerId, privateIp: index === 0 ? network.privateIp : undefined });
  eni.autoPublicIp = network.publicIp;
  return eni;
}

/** Attaches a new instance's primary interface, and its further interfaces (made now unless one's own). */
export function attachLaunchInterfaces(state: Ec2RegionState, primary: NetworkInterfaceRecord, inst: InstanceRecord, network: LaunchNetwork): void {
  const attach = (eni: NetworkInterfaceRecord, plan: { deviceIndex: number; deleteOnTermination: boolean }) => {
    eni.attachment = { attachmentId: newId('eni-attach'), instanceId: inst.instanceId, deviceIndex: plan.deviceIndex, deleteOnTermination: plan.deleteOnTermination, attachTime: inst.launchTime };
  };
  attach(primary, network);
  for (const plan of network.others) attach(plan.existing ?? addInterface(state, { ...plan, ownerId: inst.ownerId, privateIp: inst.amiLaunchIndex === 0 ? plan.privateIp : undefined }), plan);
}

/** Whether the instance gets a public address when it starts (its primary interface was launched with one). */
export function getsPublicIp(state: Ec2RegionState, inst: InstanceRecord): boolean {
  return Object.values(state.networkInterfaces).find((e) => e.attachment?.instanceId === inst.instanceId && e.attachment.deviceIndex === 0)?.autoPublicIp ?? true;
}

/** At termination: interfaces that go with the instance are deleted, the others detached. */
export function releaseInterfaces(state: Ec2RegionState, instanceId: string): void {
  for (const eni of Object.values(state.networkInterfaces)) {
    if (eni.attachment?.instanceId !== instanceId) continue;
    if (eni.attachment.deleteOnTermination) {
      delete state.networkInterfaces[eni.networkInterfaceId];
      continue;
    }
    // A primary interface that stays keeps the groups and check it had through its instance.
    const inst = primaryOf(state, eni);
    if (inst) Object.assign(eni, { groupIds: inst.groupIds, sourceDestCheck: inst.sourceDestCheck });
    eni.attachment = undefined;
  }
}

// ---- shapes ----

function association(state: Ec2RegionState, eni: NetworkInterfaceRecord, region: string): Wire<NetworkInterfaceAssociation> | undefined {
  const inst = primaryOf(state, eni);
  const ip = inst && (inst.elasticIp ?? inst.publicIp);
  if (!inst || !ip) return undefined;
  return { PublicIp: ip, PublicDnsName: publicDnsName(ip, region), IpOwnerId: inst.elasticIp ? inst.ownerId : 'amazon' };
}

function commonShape(state: Ec2RegionState, eni: NetworkInterfaceRecord, region: string) {
  const inst = primaryOf(state, eni);
  const dns = privateDnsName(eni.privateIp, region);
  const publicAddress = association(state, eni, region);
  return {
    NetworkInterfaceId: eni.networkInterfaceId,
    SubnetId: eni.subnetId,
    VpcId: eni.vpcId,
    OwnerId: eni.ownerId,
    Description: eni.description,
    Status: eni.attachment ? 'in-use' : 'available',
    MacAddress: eni.macAddress,
    PrivateIpAddress: eni.privateIp,
    PrivateDnsName: dns,
    SourceDestCheck: inst?.sourceDestCheck ?? eni.sourceDestCheck,
    Groups: interfaceGroups(state, eni).map((id) => ({ GroupId: id, GroupName: state.securityGroups[id]?.groupName ?? '' })),
    Association: publicAddress,
    PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: eni.privateIp, PrivateDnsName: dns, Association: publicAddress }],
    Ipv6Addresses: [],
    InterfaceType: 'interface',
  };
}

/** An instance's interfaces as DescribeInstances lists them, primary first. */
export function instanceInterfaces(state: Ec2RegionState, inst: InstanceRecord, region: string): Array<Wire<InstanceNetworkInterface>> {
  return Object.values(state.networkInterfaces)
    .filter((e) => e.attachment?.instanceId === inst.instanceId)
    .sort((a, b) => a.attachment!.deviceIndex - b.attachment!.deviceIndex)
    .map((eni) => {
      const a = eni.attachment!;
      return {
        ...commonShape(state, eni, region),
        Attachment: { AttachmentId: a.attachmentId, DeviceIndex: a.deviceIndex, NetworkCardIndex: 0, Status: 'attached', AttachTime: a.attachTime, DeleteOnTermination: a.deleteOnTermination },
      };
    });
}

function interfaceShape(state: Ec2RegionState, eni: NetworkInterfaceRecord, region: string): Wire<NetworkInterface> {
  const a = eni.attachment;
  return {
    ...commonShape(state, eni, region),
    AvailabilityZone: eni.zone,
    RequesterManaged: false,
    Attachment: a
      ? { AttachmentId: a.attachmentId, InstanceId: a.instanceId, InstanceOwnerId: eni.ownerId, DeviceIndex: a.deviceIndex, NetworkCardIndex: 0, Status: 'attached', AttachTime: a.attachTime, DeleteOnTermination: a.deleteOnTermination }
      : undefined,
    TagSet: tagList(eni.tags),
  };
}

/** DescribeNetworkInterfaces' filters. */
function interfaceFilters(state: Ec2RegionState, region: string): FilterFields<NetworkInterfaceRecord> {
  return {
    'network-interface-id': (e) => e.networkInterfaceId,
    'subnet-id': (e) => e.subnetId,
    'vpc-id': (e) => e.vpcId,
    'availability-zone': (e) => e.zone,
    status: (e) => (e.attachment ? 'in-use' : 'available'),
    description: (e) => e.description,
    'mac-address': (e) => e.macAddress,
    'owner-id': (e) => e.ownerId,
    'private-ip-address': (e) => e.privateIp,
    'addresses.private-ip-address': (e) => e.privateIp,
    'addresses.primary': () => true,
    'source-dest-check': (e) => primaryOf(state, e)?.sourceDestCheck ?? e.sourceDestCheck,
    'group-id': (e) => interfaceGroups(state, e),
    'group-name': (e) => interfaceGroups(state, e).map((id) => state.securityGroups[id]?.groupName),
    'attachment.instance-id': (e) => e.attachment?.instanceId,
    'attachment.attachment-id': (e) => e.attachment?.attachmentId,
    'attachment.device-index': (e) => e.attachment?.deviceIndex,
    'attachment.status': (e) => (e.attachment ? 'attached' : undefined),
    'attachment.delete-on-termination': (e) => e.attachment?.deleteOnTermination,
    'association.public-ip': (e) => association(state, e, region)?.PublicIp,
    'interface-type': () => 'interface',
    'requester-managed': () => false,
  };
}

/** DescribeInstances' `network-interface.*` filters: the same, over each instance's interfaces. */
export function instanceInterfaceFilters(state: Ec2RegionState, region: string): FilterFields<InstanceRecord> {
  const enis = (i: InstanceRecord) => Object.values(state.networkInterfaces).filter((e) => e.attachment?.instanceId === i.instanceId);
  return Object.fromEntries(
    Object.entries(interfaceFilters(state, region)).map(([name, field]) => [`network-interface.${name}`, (i: InstanceRecord) => enis(i).flatMap((e) => [field(e)].flat())]),
  );
}

// ---- handlers ----

export function createNetworkInterface(input: Input<'CreateNetworkInterface'>, ctx: RequestContext): Output<'CreateNetworkInterface'> {
  const state = regionState(ctx);
  const subnet = findOne('subnet', state.subnets, input.SubnetId);
  const eni = addInterface(state, {
    subnet,
    ownerId: ctx.accountId,
    privateIp: input.PrivateIpAddress,
    description: input.Description,
    groupIds: groupsIn(state, input.Groups ?? [], subnet),
    tags: specTags(input.TagSpecifications, 'network-interface'),
  });
  return { NetworkInterface: interfaceShape(state, eni, ctx.region) };
}

export function describeNetworkInterfaces(input: Input<'DescribeNetworkInterfaces'>, ctx: RequestContext): Output<'DescribeNetworkInterfaces'> {
  const state = regionState(ctx);
  const ids = input.NetworkInterfaceIds;
  const picked = namedOrAll('networkInterface', state.networkInterfaces, ids);
  const enis = applyFilters(picked, input.Filters, interfaceFilters(state, ctx.region));
  return { NetworkInterfaces: enis.map((e) => interfaceShape(state, e, ctx.region)) };
}

export function deleteNetworkInterface(input: Input<'DeleteNetworkInterface'>, ctx: RequestContext): Output<'DeleteNetworkInterface'> {
  const state = regionState(ctx);
  const eni = findOne('networkInterface', state.networkInterfaces, input.NetworkInterfaceId);
  if (eni.attachment) throw new AwsError('InvalidNetworkInterface.InUse', `The network interface '${eni.networkInterfaceId}' is currently in use.`);
  delete state.networkInterfaces[eni.networkInterfaceId];
  return {};
}

export function attachNetworkInterface(input: Input<'AttachNetworkInterface'>, ctx: RequestContext): Output<'AttachNetworkInterface'> {
  const state = regionState(ctx);
  const eni = findOne('networkInterface', state.networkInterfaces, input.NetworkInterfaceId);
  const inst = findOne('instance', state.instances, input.InstanceId);
  const deviceIndex = input.DeviceIndex;
  if (deviceIndex === undefined) throw new AwsError('MissingParameter', 'The request must contain the parameter deviceIndex');
  if (eni.attachment) throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${eni.networkInterfaceId}] in use.`);
  if (inst.state !== 'running' && inst.state !== 'stopped') throw new AwsError('IncorrectInstanceState', `Instance '${inst.instanceId}' is not 'running' or 'stopped'.`);
  if (eni.zone !== inst.zone) throw new AwsError('InvalidParameterCombination', 'You may not attach a network interface to an instance if they are not in the same availability zone');
  if (eni.vpcId !== inst.vpcId) throw new AwsError('InvalidParameterValue', `Interface ${eni.networkInterfaceId} and instance ${inst.instanceId} belong to different networks.`);
  if (Object.values(state.networkInterfaces).some((e) => e.attachment?.instanceId === inst.instanceId && e.attachment.deviceIndex === deviceIndex)) {
    throw new AwsError('InvalidParameterValue', `Instance '${inst.instanceId}' already has an interface attached at device index '${deviceIndex}'.`);
  }
  eni.attachment = { attachmentId: newId('eni-attach'), instanceId: inst.instanceId, deviceIndex, deleteOnTermination: false, attachTime: nowIso() };
  return { AttachmentId: eni.attachment.attachmentId, NetworkCardIndex: 0 };
}

function byAttachment(state: Ec2RegionState): Record<string, NetworkInterfaceRecord> {
  return Object.fromEntries(Object.values(state.networkInterfaces).filter((e) => e.attachment).map((e) => [e.attachment!.attachmentId, e]));
}

export function detachNetworkInterface(input: Input<'DetachNetworkInterface'>, ctx: RequestContext): Output<'DetachNetworkInterface'> {
  const eni = findOne('attachment', byAttachment(regionState(ctx)), input.AttachmentId);
  if (eni.attachment!.deviceIndex === 0) throw new AwsError('OperationNotPermitted', 'The network interface at device index 0 cannot be detached.');
  eni.attachment = undefined;
  return {};
}

export function modifyNetworkInterfaceAttribute(input: Input<'ModifyNetworkInterfaceAttribute'>, ctx: RequestContext): Output<'ModifyNetworkInterfaceAttribute'> {
  const state = regionState(ctx);
  const eni = findOne('networkInterface', state.networkInterfaces, input.NetworkInterfaceId);
  const inst = primaryOf(state, eni);
  if (input.Description?.Value !== undefined) eni.description = input.Description.Value;
  if (input.SourceDestCheck?.Value !== undefined) {
    if (inst) inst.sourceDestCheck = input.SourceDestCheck.Value;
    else eni.sourceDestCheck = input.SourceDestCheck.Value;
  }
  if (input.Groups?.length) {
    const groupIds = groupsIn(state, input.Groups, state.subnets[eni.subnetId]);
    if (inst) inst.groupIds = groupIds;
    eni.groupIds = groupIds;
  }
  if (input.Attachment) {
    if (input.Attachment.AttachmentId !== eni.attachment?.attachmentId) {
      throw new AwsError('InvalidAttachmentID.NotFound', `The attachment ID '${input.Attachment.AttachmentId}' does not exist`);
    }
    if (input.Attachment.DeleteOnTermination !== undefined) eni.attachment!.deleteOnTermination = input.Attachment.DeleteOnTermination;
  }
  return {};
}

/** One attribute of an interface, as DescribeNetworkInterfaces shows it. */
export function describeNetworkInterfaceAttribute(input: Input<'DescribeNetworkInterfaceAttribute'>, ctx: RequestContext): Output<'DescribeNetworkInterfaceAttribute'> {
  const state = regionState(ctx);
  const eni = interfaceShape(state, findOne('networkInterface', state.networkInterfaces, input.NetworkInterfaceId), ctx.region);
  const id = { NetworkInterfaceId: eni.NetworkInterfaceId };
  switch (input.Attribute) {
    case 'description':
      return { ...id, Description: { Value: eni.Description } };
    case 'groupSet':
      return { ...id, Groups: eni.Groups };
    case 'sourceDestCheck':
      return { ...id, SourceDestCheck: { Value: eni.SourceDestCheck } };
    case 'attachment':
      return { ...id, Attachment: eni.Attachment };
    case 'associatePublicIpAddress':
      return { ...id, AssociatePublicIpAddress: eni.Association !== undefined };
    case undefined:
      throw new AwsError('MissingParameter', 'The request must contain the parameter attribute');
    default:
      throw new AwsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  }
}
