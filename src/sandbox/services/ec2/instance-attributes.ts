/**
 * DescribeInstanceAttribute and ModifyInstanceAttribute, attribute by attribute: the type, kernel,
 * ramdisk, user data and EBS optimisation change only while the instance is stopped, as on AWS.
 */
import type { GroupIdentifier } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findOne, invalidValue } from './errors.js';
import { offeredType } from './instance-types.js';
import { instanceShape } from './instances.js';
import { regionState } from './state.js';
import type { Ec2RegionState, Input, InstanceRecord, Output } from './types.js';

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
  enaSupport: (i): Attribute => ({ EnaSupport: { Value: offeredType(i.instanceType)?.hypervisor === 'nitro' } }),
  enclaveOptions: (i): Attribute => ({ EnclaveOptions: { Enabled: i.options?.enclave ?? false } }),
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
