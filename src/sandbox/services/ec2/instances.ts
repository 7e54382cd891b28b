/**
 * Instances: RunInstances (from a launch template too), the describe calls with filters and
 * paging, the state changes (pending → running, stopping → stopped, shutting-down → terminated,
 * each after a short simulated delay: ./instance-lifecycle.ts), console output and monitoring.
 * Attributes, status checks and the launch details of a described instance have modules of their own.
 */
import type { GroupIdentifier, Instance, InstanceBlockDeviceMapping, Reservation } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findAll, findOne, invalidValue } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import { allocateLoopback, appendConsole, consoleText, hostname, rehost, type Where } from './hosts.js';
import { findImage } from './image-visibility.js';
import { offeredType } from './instance-types.js';
import { instanceDetails, launchOptions } from './instance-details.js';
import * as lifecycle from './instance-lifecycle.js';
import { withLaunchTemplate } from './launch-templates.js';
import { attachLaunchInterfaces, instanceInterfaceFilters, instanceInterfaces, launchNetwork, primaryInterface, privateDnsName, publicDnsName } from './network-interfaces.js';
import { newId, nowIso, regionState } from './state.js';
import type { Ec2RegionState, Input, InstanceRecord, InstanceStateName, Output } from './types.js';
import { snapshotSize } from './snapshots.js';
import { addVolume } from './volumes.js';
import { instanceProfileFor } from '../iam/instance-profiles.js';

/** Terminated instances stay visible this long, as on AWS. */
const TERMINATED_VISIBLE_MS = 60 * 60_000;

export const STATE_CODES: Record<InstanceStateName, number> = { pending: 0, running: 16, 'shutting-down': 32, terminated: 48, stopping: 64, stopped: 80 };

function where(ctx: RequestContext): Where {
  return { runtime: ctx.sandbox, accountId: ctx.accountId, region: ctx.region };
}

/** Terminated instances disappear an hour after they ended. */
export function visible(state: Ec2RegionState): InstanceRecord[] {
  const now = Date.now();
  for (const inst of Object.values(state.instances)) {
    if (inst.terminatedAt && now - Date.parse(inst.terminatedAt) > TERMINATED_VISIBLE_MS) delete state.instances[inst.instanceId];
  }
  return Object.values(state.instances).sort((a, b) => a.launchTime.localeCompare(b.launchTime) || a.amiLaunchIndex - b.amiLaunchIndex);
}

function dnsNames(inst: InstanceRecord, region: string) {
  const publicIp = inst.elasticIp ?? inst.publicIp;
  return {
    PrivateDnsName: inst.state === 'terminated' ? '' : privateDnsName(inst.privateIp, region),
    PublicDnsName: publicIp ? publicDnsName(publicIp, region) : '',
  };
}

export function instanceShape(state: Ec2RegionState, inst: InstanceRecord, region: string): Wire<Instance> {
  const volumes = Object.values(state.volumes).filter((v) => v.attachment?.instanceId === inst.instanceId);
  const groups = inst.groupIds.map((id): Wire<GroupIdentifier> => ({ GroupId: id, GroupName: state.securityGroups[id]?.groupName ?? '' }));
  const gone = inst.state === 'terminated';
  const publicIp = inst.elasticIp ?? inst.publicIp;
  return {
    ...instanceDetails(inst),
    InstanceId: inst.instanceId,
    ImageId: inst.imageId,
    State: { Code: STATE_CODES[inst.state], Name: inst.state },
    ...dnsNames(inst, region),
    StateTransitionReason: inst.stateTransitionReason,
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
    BlockDeviceMappings: volumes.map((v): Wire<InstanceBlockDeviceMapping> => ({
      DeviceName: v.attachment!.device,
      Ebs: { VolumeId: v.volumeId, Status: v.attachment!.state, AttachTime: v.attachment!.attachTime, DeleteOnTermination: v.attachment!.deleteOnTermination },
    })),
    ClientToken: inst.clientToken ?? '',
    EbsOptimized: inst.ebsOptimized,
    IamInstanceProfile: inst.iamInstanceProfile ? { Arn: inst.iamInstanceProfile.arn, Id: inst.iamInstanceProfile.id } : undefined,
    SecurityGroups: gone ? [] : groups,
    SourceDestCheck: inst.sourceDestCheck,
    Tags: tagList(inst.tags),
    NetworkInterfaces: gone ? [] : instanceInterfaces(state, inst, region),
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
export function launchPlan(request: Input<'RunInstances'>, ctx: RequestContext) {
  const state = regionState(ctx);
  const { request: input, templateTags } = withLaunchTemplate(request, ctx);
  const image = findImage(ctx, input.ImageId);
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
  const network = launchNetwork(input, state, max);
  const userData = decodeUserData(input.UserData);
  const bdms = input.BlockDeviceMappings ?? [];
  // Fails with InvalidSnapshot.NotFound before anything is launched.
  for (const b of bdms) if (b.Ebs?.SnapshotId) snapshotSize(ctx, b.Ebs.SnapshotId);
  const shutdown = input.InstanceInitiatedShutdownBehavior ?? 'stop';
  if (shutdown !== 'stop' && shutdown !== 'terminate') throw invalidValue(shutdown, 'InstanceInitiatedShutdownBehavior');
  const options = launchOptions(input, image);
  return { input, templateTags, image, max, instanceType, key, network, userData, bdms, shutdown, options };
}

export function runInstances(request: Input<'RunInstances'>, ctx: RequestContext): Output<'RunInstances'> {
  const state = regionState(ctx);
  if (request.ClientToken) {
    const earlier = Object.values(state.instances).filter((i) => i.clientToken === request.ClientToken);
    if (earlier.length) return reservationShape(state, earlier, ctx.region);
  }
  const { input, templateTags, image, max, instanceType, key, network, userData, bdms, shutdown, options } = launchPlan(request, ctx);
  const { subnet, groupIds } = network;

  const reservationId = newId('r');
  const launchTime = nowIso();
  const instanceTags = specTags(input.TagSpecifications, 'instance');
  const volumeTags = specTags(input.TagSpecifications, 'volume');
  const launched: InstanceRecord[] = [];
  for (let index = 0; index < max; index++) {
    const eni = primaryInterface(state, ctx.accountId, network, index);
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
      privateIp: eni.privateIp,
      publicIp: network.publicIp ? allocateLoopback(ctx.sandbox) : undefined,
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
      iamInstanceProfile: input.IamInstanceProfile?.Arn || input.IamInstanceProfile?.Name ? instanceProfileFor(ctx, input.IamInstanceProfile) : undefined,
      booted: false,
      options: structuredClone(options),
      tags: { ...instanceTags, ...templateTags },
    };
    state.instances[inst.instanceId] = inst;
    attachLaunchInterfaces(state, eni, inst, network);
    // The image's volumes, each as a mapping for its device changes it, then the request's others.
    const devices = [
      ...image.blockDevices.map((d) => ({
        DeviceName: d.deviceName,
        NoDevice: bdms.find((b) => b.DeviceName === d.deviceName)?.NoDevice,
        Ebs: { SnapshotId: d.snapshotId, VolumeSize: d.volumeSize, VolumeType: d.volumeType, DeleteOnTermination: d.deleteOnTermination, Encrypted: d.encrypted, ...bdms.find((b) => b.DeviceName === d.deviceName)?.Ebs },
      })),
      ...bdms.filter((b) => b.Ebs && !image.blockDevices.some((d) => d.deviceName === b.DeviceName)),
    ].filter((d) => d.NoDevice === undefined);
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
  // The filter table (a closure per interface filter) is built only for a request that filters.
  const matched = input.Filters?.length ? applyFilters(picked, input.Filters, { ...INSTANCE_FILTERS, ...groupFilters(state), ...instanceInterfaceFilters(state, ctx.region) }) : picked;
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  // Instances launched together come back in one reservation, in launch order.
  const byReservation = new Map<string, InstanceRecord[]>();
  for (const inst of page) byReservation.set(inst.reservationId, [...(byReservation.get(inst.reservationId) ?? []), inst]);
  return { Reservations: [...byReservation.values()].map((insts) => reservationShape(state, insts, ctx.region)), NextToken: nextToken };
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
