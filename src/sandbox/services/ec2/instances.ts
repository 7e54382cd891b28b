/**
 * Instances: RunInstances, the describe calls with filters and paging, the state changes
 * (pending → running, stopping → stopped, shutting-down → terminated, each after a short
 * simulated delay: ./instance-lifecycle.ts), attributes, console output and monitoring.
 */
import type { GroupIdentifier, Instance, InstanceBlockDeviceMapping, InstanceStatus, Reservation } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findAll, findOne, invalidValue } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import { allocateLoopback, appendConsole, consoleText, hostname, rehost, type Where } from './hosts.js';
import { findImage } from './images.js';
import { offeredType } from './instance-types.js';
import * as lifecycle from './instance-lifecycle.js';
import { findGroup } from './security-groups.js';
import { newId, nowIso, nextPrivateIp, regionState } from './state.js';
import type { Ec2RegionState, Input, InstanceRecord, InstanceStateName, Output } from './types.js';
import { addVolume, snapshotSize } from './volumes.js';
import { instanceProfileFor } from '../iam/instance-profiles.js';

/** Terminated instances stay visible this long, as on AWS. */
const TERMINATED_VISIBLE_MS = 60 * 60_000;

const STATE_CODES: Record<InstanceStateName, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

function where(ctx: RequestContext): Where {
  return { runtime: ctx.sandbox, accountId: ctx.accountId, region: ctx.region };
}

/** Terminated instances disappear an hour after they ended. */
function visible(state: Ec2RegionState): InstanceRecord[] {
  const now = Date.now();
  for (const inst of Object.values(state.instances)) {
    if (inst.terminatedAt && now - Date.parse(inst.terminatedAt) > TERMINATED_VISIBLE_MS) delete state.instances[inst.instanceId];
  }
  return Object.values(state.instances).sort((a, b) => a.launchTime.localeCompare(b.launchTime) || a.amiLaunchIndex - b.amiLaunchIndex);
}

function dnsNames(inst: InstanceRecord, region: string) {
  const internal = region === 'us-east-1' ? 'ec2.internal' : `${region}.compute.internal`;
  const external = region === 'us-east-1' ? 'compute-1.amazonaws.com' : `${region}.compute.amazonaws.com`;
  const publicIp = inst.elasticIp ?? inst.publicIp;
  return {
    PrivateDnsName: inst.state === 'terminated' ? '' : `${hostname(inst)}.${internal}`,
    PublicDnsName: publicIp ? `ec2-${publicIp.replace(/\./g, '-')}.${external}` : '',
  };
}

export function instanceShape(state: Ec2RegionState, inst: InstanceRecord, region: string): Wire<Instance> {
  const volumes = Object.values(state.volumes).filter((v) => v.attachment?.instanceId === inst.instanceId);
  const groups = inst.groupIds.map((id): Wire<GroupIdentifier> => ({ GroupId: id, GroupName: state.securityGroups[id]?.groupName ?? '' }));
  const gone = inst.state === 'terminated';
  const publicIp = inst.elasticIp ?? inst.publicIp;
  return {
    InstanceId: inst.instanceId,
    ImageId: inst.imageId,
    State: { Code: STATE_CODES[inst.state], Name: inst.state },
    ...dnsNames(inst, region),
    StateTransitionReason: inst.stateTransitionReason,
    StateReason: inst.stateReason ? { Code: inst.stateReason.code, Message: inst.stateReason.message } : undefined,
    KeyName: inst.keyName,
    AmiLaunchIndex: inst.amiLaunchIndex,
    ProductCodes: [],
    InstanceType: inst.instanceType,
    LaunchTime: inst.launchTime,
    Placement: { AvailabilityZone: inst.zone, GroupName: '', Tenancy: 'default' },
    KernelId: inst.kernelId,
    RamdiskId: inst.ramdiskId,
    Monitoring: { State: inst.monitoring },
    SubnetId: gone ? undefined : inst.subnetId,
    VpcId: gone ? undefined : inst.vpcId,
    PrivateIpAddress: gone ? undefined : inst.privateIp,
    PublicIpAddress: publicIp,
    Architecture: inst.architecture,
    RootDeviceType: 'ebs',
    RootDeviceName: inst.rootDeviceName,
    BlockDeviceMappings: volumes.map((v): Wire<InstanceBlockDeviceMapping> => ({
      DeviceName: v.attachment!.device,
      Ebs: { VolumeId: v.volumeId, Status: v.attachment!.state, AttachTime: v.attachment!.attachTime, DeleteOnTermination: v.attachment!.deleteOnTermination },
    })),
    ClientToken: inst.clientToken ?? '',
    EbsOptimized: inst.ebsOptimized,
    EnaSupport: true,
    Hypervisor: 'xen',
    IamInstanceProfile: inst.iamInstanceProfile ? { Arn: inst.iamInstanceProfile.arn, Id: inst.iamInstanceProfile.id } : undefined,
    SecurityGroups: gone ? [] : groups,
    SourceDestCheck: inst.sourceDestCheck,
    Tags: tagList(inst.tags),
    VirtualizationType: 'hvm',
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    MetadataOptions: { State: 'applied', HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled', HttpProtocolIpv6: 'disabled', InstanceMetadataTags: 'disabled' },
    NetworkInterfaces: gone
      ? []
      : [{
          NetworkInterfaceId: `eni-${inst.instanceId.slice(2)}`,
          SubnetId: inst.subnetId,
          VpcId: inst.vpcId,
          OwnerId: inst.ownerId,
          Status: 'in-use',
          PrivateIpAddress: inst.privateIp,
          PrivateDnsName: dnsNames(inst, region).PrivateDnsName,
          SourceDestCheck: inst.sourceDestCheck,
          Groups: groups,
          Association: publicIp ? { PublicIp: publicIp, PublicDnsName: dnsNames(inst, region).PublicDnsName, IpOwnerId: inst.elasticIp ? inst.ownerId : 'amazon' } : undefined,
          Attachment: { AttachmentId: `eni-attach-${inst.instanceId.slice(2)}`, DeviceIndex: 0, Status: 'attached', AttachTime: inst.launchTime, DeleteOnTermination: true },
          InterfaceType: 'interface',
        }],
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    CurrentInstanceBootMode: 'legacy-bios',
  };
}

function reservationShape(state: Ec2RegionState, instances: InstanceRecord[], region: string): Wire<Reservation> {
  return {
    ReservationId: instances[0].reservationId,
    OwnerId: instances[0].ownerId,
    Groups: [],
    Instances: instances.map((i) => instanceShape(state, i, region)),
  };
}

function decodeUserData(userData: string | undefined): string | undefined {
  if (userData === undefined || userData === '') return undefined;
  const clean = userData.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) throw new AwsError('InvalidParameterValue', 'Invalid BASE64 encoding of user data.');
  if (Buffer.from(clean, 'base64').length > 16384) throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
  return clean;
}

/** What RunInstances would launch, every parameter checked (a DryRun checks as much, then stops). */
export function launchPlan(input: Input<'RunInstances'>, ctx: RequestContext) {
  const state = regionState(ctx);
  const image = findImage(ctx.region, input.ImageId);
  const min = input.MinCount ?? 1;
  const max = input.MaxCount ?? min;
  if (min < 1 || max < min) throw new AwsError('InvalidParameterValue', `Invalid value '${min}' for minCount. Must be at least 1 and at most maxCount (${max}).`);
  const instanceType = input.InstanceType ?? 'm1.small';
  const typeArch = offeredType(instanceType)?.architecture;
  if (!typeArch) throw invalidValue(instanceType, 'InstanceType');
  if (typeArch !== image.architecture) {
    throw new AwsError('InvalidParameterValue', `The architecture '${typeArch}' of the specified instance type does not match the architecture '${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching architectures, and try launching again.`);
  }
  const key = input.KeyName ? state.keyPairs[input.KeyName] : undefined;
  if (input.KeyName && !key) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${input.KeyName}' does not exist`);
  const subnet = input.SubnetId
    ? state.subnets[input.SubnetId]
    : Object.values(state.subnets).find((s) => s.defaultForAz && (!input.Placement?.AvailabilityZone || s.zone === input.Placement.AvailabilityZone));
  if (input.SubnetId && !subnet) throw new AwsError('InvalidSubnetID.NotFound', `The subnet ID '${input.SubnetId}' does not exist`);
  if (!subnet) throw new AwsError('InvalidParameterValue', `Invalid availability zone: [${input.Placement?.AvailabilityZone}]`);
  const groupIds = [
    ...(input.SecurityGroupIds ?? []).map((id) => findOne('group', state.securityGroups, id).groupId),
    ...(input.SecurityGroups ?? []).map((name) => findGroup(state, undefined, name).groupId),
  ];
  if (!groupIds.length) groupIds.push(Object.values(state.securityGroups).find((g) => g.groupName === 'default' && g.vpcId === subnet.vpcId)!.groupId);
  const userData = decodeUserData(input.UserData);
  const bdms = input.BlockDeviceMappings ?? [];
  // Fails with InvalidSnapshot.NotFound before anything is launched.
  for (const b of bdms) if (b.Ebs?.SnapshotId) snapshotSize(ctx, b.Ebs.SnapshotId);
  const shutdown = input.InstanceInitiatedShutdownBehavior ?? 'stop';
  if (shutdown !== 'stop' && shutdown !== 'terminate') throw invalidValue(shutdown, 'InstanceInitiatedShutdownBehavior');
  return { image, max, instanceType, key, subnet, groupIds, userData, bdms, shutdown };
}

export function runInstances(input: Input<'RunInstances'>, ctx: RequestContext): Output<'RunInstances'> {
  const state = regionState(ctx);
  if (input.ClientToken) {
    const earlier = Object.values(state.instances).filter((i) => i.clientToken === input.ClientToken);
    if (earlier.length) return reservationShape(state, earlier, ctx.region);
  }
  const { image, max, instanceType, key, subnet, groupIds, userData, bdms, shutdown } = launchPlan(input, ctx);

  const reservationId = newId('r');
  const launchTime = nowIso();
  const instanceTags = specTags(input.TagSpecifications, 'instance');
  const volumeTags = specTags(input.TagSpecifications, 'volume');
  const launched: InstanceRecord[] = [];
  for (let index = 0; index < max; index++) {
    const inst: InstanceRecord = {
      instanceId: newId('i'),
      reservationId,
      ownerId: ctx.accountId,
      imageId: image.imageId,
      instanceType,
      state: 'pending',
      stateSince: launchTime,
      stateTransitionReason: '',
      launchTime,
      zone: subnet.zone,
      vpcId: subnet.vpcId,
      subnetId: subnet.subnetId,
      privateIp: index === 0 && input.PrivateIpAddress ? input.PrivateIpAddress : nextPrivateIp(state, subnet.subnetId),
      publicIp: allocateLoopback(ctx.sandbox),
      keyName: key?.keyName,
      groupIds: [...new Set(groupIds)],
      userData,
      monitoring: input.Monitoring?.Enabled ? 'pending' : 'disabled',
      amiLaunchIndex: index,
      architecture: image.architecture,
      rootDeviceName: image.rootDeviceName,
      loginUser: image.loginUser,
      clientToken: input.ClientToken,
      kernelId: input.KernelId,
      ramdiskId: input.RamdiskId,
      ebsOptimized: input.EbsOptimized ?? false,
      sourceDestCheck: true,
      disableApiTermination: input.DisableApiTermination ?? false,
      disableApiStop: input.DisableApiStop ?? false,
      shutdownBehavior: shutdown,
      iamInstanceProfile: input.IamInstanceProfile?.Arn || input.IamInstanceProfile?.Name ? instanceProfileFor(ctx.sandbox, ctx.accountId, input.IamInstanceProfile) : undefined,
      booted: false,
      tags: { ...instanceTags },
    };
    state.instances[inst.instanceId] = inst;
    // The root volume from the image, unless a mapping for the root device replaces its settings.
    const rootOverride = bdms.find((b) => b.DeviceName === image.rootDeviceName)?.Ebs;
    const devices = [
      { DeviceName: image.rootDeviceName, Ebs: { SnapshotId: image.rootSnapshotId, VolumeType: 'gp3', DeleteOnTermination: true, ...rootOverride } },
      ...bdms.filter((b) => b.DeviceName !== image.rootDeviceName && b.Ebs && !b.NoDevice),
    ];
    for (const d of devices) {
      const volume = addVolume(ctx, { zone: subnet.zone, size: d.Ebs!.VolumeSize, snapshotId: d.Ebs!.SnapshotId, volumeType: d.Ebs!.VolumeType ?? 'gp2', iops: d.Ebs!.Iops, throughput: d.Ebs!.Throughput, encrypted: d.Ebs!.Encrypted, tags: { ...volumeTags } }, 'in-use');
      volume.attachment = { instanceId: inst.instanceId, device: d.DeviceName!, state: 'attached', attachTime: launchTime, deleteOnTermination: d.Ebs!.DeleteOnTermination ?? true };
    }
    launched.push(inst);
    lifecycle.launch(where(ctx), inst);
  }
  return reservationShape(state, launched, ctx.region);
}

const INSTANCE_FILTERS = {
  'instance-id': (i: InstanceRecord) => i.instanceId,
  'instance-state-name': (i: InstanceRecord) => i.state,
  'instance-state-code': (i: InstanceRecord) => STATE_CODES[i.state],
  'instance-type': (i: InstanceRecord) => i.instanceType,
  'availability-zone': (i: InstanceRecord) => i.zone,
  'image-id': (i: InstanceRecord) => i.imageId,
  'key-name': (i: InstanceRecord) => i.keyName,
  'reservation-id': (i: InstanceRecord) => i.reservationId,
  'owner-id': (i: InstanceRecord) => i.ownerId,
  'vpc-id': (i: InstanceRecord) => i.vpcId,
  'subnet-id': (i: InstanceRecord) => i.subnetId,
  'ip-address': (i: InstanceRecord) => i.elasticIp ?? i.publicIp,
  'private-ip-address': (i: InstanceRecord) => i.privateIp,
  'launch-time': (i: InstanceRecord) => i.launchTime,
  'monitoring-state': (i: InstanceRecord) => i.monitoring,
  architecture: (i: InstanceRecord) => i.architecture,
  'root-device-name': (i: InstanceRecord) => i.rootDeviceName,
  'root-device-type': () => 'ebs',
  'ami-launch-index': (i: InstanceRecord) => i.amiLaunchIndex,
  'client-token': (i: InstanceRecord) => i.clientToken,
  'instance-lifecycle': () => undefined,
  'tenancy': () => 'default',
};

function groupFilters(state: Ec2RegionState) {
  const names = (i: InstanceRecord) => i.groupIds.map((id) => state.securityGroups[id]?.groupName);
  return {
    'instance.group-id': (i: InstanceRecord) => i.groupIds,
    'instance.group-name': names,
    'group-id': (i: InstanceRecord) => i.groupIds,
    'group-name': names,
    'dns-name': (i: InstanceRecord) => dnsNames(i, '').PublicDnsName,
    'private-dns-name': (i: InstanceRecord) => hostname(i),
    'block-device-mapping.volume-id': (i: InstanceRecord) => Object.values(state.volumes).filter((v) => v.attachment?.instanceId === i.instanceId).map((v) => v.volumeId),
    'block-device-mapping.device-name': (i: InstanceRecord) => Object.values(state.volumes).filter((v) => v.attachment?.instanceId === i.instanceId).map((v) => v.attachment!.device),
  };
}

export function describeInstances(input: Input<'DescribeInstances'>, ctx: RequestContext): Output<'DescribeInstances'> {
  const state = regionState(ctx);
  const all = visible(state);
  if (input.InstanceIds?.length && input.MaxResults !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const picked = input.InstanceIds?.length ? findAll('instance', state.instances, input.InstanceIds) : all;
  const matched = applyFilters(picked, input.Filters, { ...INSTANCE_FILTERS, ...groupFilters(state) });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  // Instances launched together come back in one reservation, in launch order.
  const byReservation = new Map<string, InstanceRecord[]>();
  for (const inst of page) byReservation.set(inst.reservationId, [...(byReservation.get(inst.reservationId) ?? []), inst]);
  return { Reservations: [...byReservation.values()].map((insts) => reservationShape(state, insts, ctx.region)), NextToken: nextToken };
}

export function describeInstanceStatus(input: Input<'DescribeInstanceStatus'>, ctx: RequestContext): Output<'DescribeInstanceStatus'> {
  const state = regionState(ctx);
  const picked = input.InstanceIds?.length ? findAll('instance', state.instances, input.InstanceIds) : visible(state);
  const shown = picked.filter((i) => input.IncludeAllInstances || i.state === 'running');
  const matched = applyFilters(shown, input.Filters, { 'instance-state-name': (i) => i.state, 'availability-zone': (i) => i.zone, 'instance-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable'), 'system-status.status': (i) => (i.state === 'running' ? 'ok' : 'not-applicable') });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  const status = (i: InstanceRecord) => (i.state === 'running'
    ? { Status: 'ok', Details: [{ Name: 'reachability', Status: 'passed' }] }
    : { Status: 'not-applicable' });
  return {
    NextToken: nextToken,
    InstanceStatuses: page.map((i): Wire<InstanceStatus> => ({
      InstanceId: i.instanceId,
      AvailabilityZone: i.zone,
      InstanceState: { Code: STATE_CODES[i.state], Name: i.state },
      InstanceStatus: status(i),
      SystemStatus: status(i),
      AttachedEbsStatus: status(i),
    })),
  };
}

type Change = { InstanceId: string; CurrentState: { Code: number; Name: string }; PreviousState: { Code: number; Name: string } };

function change(inst: InstanceRecord, previous: InstanceStateName): Change {
  return { InstanceId: inst.instanceId, CurrentState: { Code: STATE_CODES[inst.state], Name: inst.state }, PreviousState: { Code: STATE_CODES[previous], Name: previous } };
}

/** The instances a state change names, which it must name. */
export function targets(input: { InstanceIds?: string[] }, ctx: RequestContext): InstanceRecord[] {
  if (!input.InstanceIds?.length) throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  return findAll('instance', regionState(ctx).instances, input.InstanceIds);
}

function incorrect(inst: InstanceRecord, verb: string): AwsError {
  return new AwsError('IncorrectInstanceState', `The instance '${inst.instanceId}' is not in a state from which it can be ${verb}.`);
}

export function startInstances(input: Input<'StartInstances'>, ctx: RequestContext): Output<'StartInstances'> {
  const insts = targets(input, ctx);
  for (const i of insts) if (!['pending', 'running', 'stopped'].includes(i.state)) throw incorrect(i, 'started');
  return {
    StartingInstances: insts.map((inst) => {
      const previous = inst.state;
      if (previous === 'stopped') lifecycle.start(where(ctx), inst);
      return change(inst, previous);
    }),
  };
}

export function stopInstances(input: Input<'StopInstances'>, ctx: RequestContext): Output<'StopInstances'> {
  const insts = targets(input, ctx);
  for (const i of insts) {
    if (!['running', 'stopping', 'stopped'].includes(i.state)) throw incorrect(i, 'stopped');
    if (i.disableApiStop) throw new AwsError('OperationNotPermitted', `The instance '${i.instanceId}' may not be stopped. Modify its 'disableApiStop' instance attribute and try again.`);
  }
  return {
    StoppingInstances: insts.map((inst) => {
      const previous = inst.state;
      if (previous === 'running') lifecycle.stop(where(ctx), inst);
      return change(inst, previous);
    }),
  };
}

export function terminateInstances(input: Input<'TerminateInstances'>, ctx: RequestContext): Output<'TerminateInstances'> {
  const state = regionState(ctx);
  const insts = targets(input, ctx);
  for (const i of insts) {
    if (i.disableApiTermination) throw new AwsError('OperationNotPermitted', `The instance '${i.instanceId}' may not be terminated. Modify its 'disableApiTermination' instance attribute and try again.`);
  }
  return {
    TerminatingInstances: insts.map((inst) => {
      const previous = inst.state;
      if (previous !== 'terminated' && previous !== 'shutting-down') lifecycle.terminate(where(ctx), state, inst);
      return change(inst, previous);
    }),
  };
}

export async function rebootInstances(input: Input<'RebootInstances'>, ctx: RequestContext): Promise<Output<'RebootInstances'>> {
  const insts = targets(input, ctx);
  // Only a booting or running instance reboots; AWS refuses a stopped one as it does a terminated one.
  for (const i of insts) if (i.state !== 'pending' && i.state !== 'running') throw incorrect(i, 'rebooted');
  for (const inst of insts.filter((i) => i.state === 'running')) {
    appendConsole(ctx.sandbox, inst.instanceId, '\nreboot: Restarting system\n');
    await rehost(where(ctx), inst);
  }
  return {};
}

export function monitorInstances(input: Input<'MonitorInstances'>, ctx: RequestContext): Output<'MonitorInstances'> {
  return {
    InstanceMonitorings: targets(input, ctx).map((inst) => {
      lifecycle.setMonitoring(where(ctx), inst, true);
      return { InstanceId: inst.instanceId, Monitoring: { State: inst.monitoring } };
    }),
  };
}

export function unmonitorInstances(input: Input<'UnmonitorInstances'>, ctx: RequestContext): Output<'UnmonitorInstances'> {
  return {
    InstanceMonitorings: targets(input, ctx).map((inst) => {
      lifecycle.setMonitoring(where(ctx), inst, false);
      return { InstanceId: inst.instanceId, Monitoring: { State: inst.monitoring } };
    }),
  };
}

export function getConsoleOutput(input: Input<'GetConsoleOutput'>, ctx: RequestContext): Output<'GetConsoleOutput'> {
  const inst = findOne('instance', regionState(ctx).instances, input.InstanceId);
  const text = consoleText(ctx.sandbox, inst.instanceId);
  return { InstanceId: inst.instanceId, Timestamp: nowIso(), Output: text ? Buffer.from(text).toString('base64') : undefined };
}

/** DescribeInstanceAttribute's answer for each attribute, besides the InstanceId. */
type Attribute = Omit<Output<'DescribeInstanceAttribute'>, 'InstanceId'>;

const ATTRIBUTES: Record<string, (i: InstanceRecord, s: Ec2RegionState, region: string) => Attribute> = {
  instanceType: (i): Attribute => ({ InstanceType: { Value: i.instanceType } }),
  kernel: (i): Attribute => ({ KernelId: { Value: i.kernelId } }),
  ramdisk: (i): Attribute => ({ RamdiskId: { Value: i.ramdiskId } }),
  userData: (i): Attribute => ({ UserData: { Value: i.userData } }),
  disableApiTermination: (i): Attribute => ({ DisableApiTermination: { Value: i.disableApiTermination } }),
  disableApiStop: (i): Attribute => ({ DisableApiStop: { Value: i.disableApiStop } }),
  instanceInitiatedShutdownBehavior: (i): Attribute => ({ InstanceInitiatedShutdownBehavior: { Value: i.shutdownBehavior } }),
  rootDeviceName: (i): Attribute => ({ RootDeviceName: { Value: i.rootDeviceName } }),
  blockDeviceMapping: (i, s, region): Attribute => ({ BlockDeviceMappings: instanceShape(s, i, region).BlockDeviceMappings }),
  productCodes: (): Attribute => ({ ProductCodes: [] }),
  sourceDestCheck: (i): Attribute => ({ SourceDestCheck: { Value: i.sourceDestCheck } }),
  groupSet: (i, s): Attribute => ({ Groups: i.groupIds.map((id): Wire<GroupIdentifier> => ({ GroupId: id, GroupName: s.securityGroups[id]?.groupName })) }),
  ebsOptimized: (i): Attribute => ({ EbsOptimized: { Value: i.ebsOptimized } }),
  sriovNetSupport: (): Attribute => ({ SriovNetSupport: { Value: 'simple' } }),
  enaSupport: (): Attribute => ({ EnaSupport: { Value: true } }),
};

export function describeInstanceAttribute(input: Input<'DescribeInstanceAttribute'>, ctx: RequestContext): Output<'DescribeInstanceAttribute'> {
  const state = regionState(ctx);
  const inst = findOne('instance', state.instances, input.InstanceId);
  const attribute = ATTRIBUTES[input.Attribute ?? ''];
  if (!attribute) throw new AwsError('InvalidParameterValue', `Value (${input.Attribute}) for parameter attribute is invalid. Unknown attribute.`);
  return { InstanceId: inst.instanceId, ...attribute(inst, state, ctx.region) };
}

export function modifyInstanceAttribute(input: Input<'ModifyInstanceAttribute'>, ctx: RequestContext): Output<'ModifyInstanceAttribute'> {
  const state = regionState(ctx);
  const inst = findOne('instance', state.instances, input.InstanceId);
  const mustBeStopped = (_attribute: string) => {
    if (inst.state !== 'stopped') throw new AwsError('IncorrectInstanceState', `The instance '${inst.instanceId}' is not in the 'stopped' state.`);
  };
  // The old form names one attribute and passes its value as a string.
  const v = input.Value;
  const type = input.InstanceType?.Value ?? (input.Attribute === 'instanceType' ? v : undefined);
  if (type !== undefined) {
    mustBeStopped('instanceType');
    if (!offeredType(type)) throw invalidValue(type, 'InstanceType');
    inst.instanceType = type;
  }
  const userData = input.UserData?.Value ?? (input.Attribute === 'userData' && v !== undefined ? Buffer.from(v, 'base64') : undefined);
  if (userData !== undefined) {
    mustBeStopped('userData');
    if (userData.length > 16384) throw new AwsError('InvalidParameterValue', 'User data is limited to 16384 bytes');
    inst.userData = userData.length ? Buffer.from(userData).toString('base64') : undefined;
  }
  const bool = (x: { Value?: boolean } | undefined, name: string) => x?.Value ?? (input.Attribute === name && v !== undefined ? v === 'true' : undefined);
  const term = bool(input.DisableApiTermination, 'disableApiTermination');
  if (term !== undefined) inst.disableApiTermination = term;
  const stop = bool(input.DisableApiStop, 'disableApiStop');
  if (stop !== undefined) inst.disableApiStop = stop;
  const sdc = bool(input.SourceDestCheck, 'sourceDestCheck');
  if (sdc !== undefined) inst.sourceDestCheck = sdc;
  const ebs = bool(input.EbsOptimized, 'ebsOptimized');
  if (ebs !== undefined) {
    mustBeStopped('ebsOptimized');
    inst.ebsOptimized = ebs;
  }
  const behaviour = input.InstanceInitiatedShutdownBehavior?.Value ?? (input.Attribute === 'instanceInitiatedShutdownBehavior' ? v : undefined);
  if (behaviour !== undefined) {
    if (behaviour !== 'stop' && behaviour !== 'terminate') throw invalidValue(behaviour, 'InstanceInitiatedShutdownBehavior');
    inst.shutdownBehavior = behaviour;
  }
  if (input.Groups?.length) inst.groupIds = input.Groups.map((id) => findOne('group', state.securityGroups, id).groupId);
  if (input.Kernel?.Value !== undefined) {
    mustBeStopped('kernel');
    inst.kernelId = input.Kernel.Value;
  }
  if (input.Ramdisk?.Value !== undefined) {
    mustBeStopped('ramdisk');
    inst.ramdiskId = input.Ramdisk.Value;
  }
  return {};
}
