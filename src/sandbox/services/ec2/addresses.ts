/**
 * Elastic IPs. In the sandbox they are loopback addresses too: associating one moves the
 * instance's SSH host to it, so `ssh ec2-user@<elastic ip>` reaches the instance as on AWS.
 */
import type { Address } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findOne } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { allocateLoopback, rehost, type Where } from './hosts.js';
import { newId, regionState } from './state.js';
import type { AddressRecord, Ec2RegionState, Input, Output } from './types.js';

function where(ctx: RequestContext): Where {
  return { runtime: ctx.sandbox, accountId: ctx.accountId, region: ctx.region };
}

function findAddress(state: Ec2RegionState, allocationId?: string, publicIp?: string): AddressRecord {
  if (allocationId) return findOne('allocation', state.addresses, allocationId);
  const found = Object.values(state.addresses).find((a) => a.publicIp === publicIp);
  if (!publicIp) throw new AwsError('MissingParameter', 'The request must contain the parameter AllocationId or PublicIp');
  if (!found) throw new AwsError('InvalidAddress.NotFound', `Address '${publicIp}' not found.`);
  return found;
}

function shape(ctx: RequestContext, a: AddressRecord): Wire<Address> {
  const inst = a.instanceId ? regionState(ctx).instances[a.instanceId] : undefined;
  return {
    PublicIp: a.publicIp,
    AllocationId: a.allocationId,
    Domain: 'vpc',
    InstanceId: a.instanceId,
    AssociationId: a.associationId,
    NetworkInterfaceId: inst ? `eni-${inst.instanceId.slice(2)}` : undefined,
    NetworkInterfaceOwnerId: inst ? ctx.accountId : undefined,
    PrivateIpAddress: inst?.privateIp,
    PublicIpv4Pool: 'amazon',
    NetworkBorderGroup: ctx.region,
    Tags: tagList(a.tags),
  };
}

export function allocateAddress(input: Input<'AllocateAddress'>, ctx: RequestContext): Output<'AllocateAddress'> {
  const state = regionState(ctx);
  const address: AddressRecord = { allocationId: newId('eipalloc'), publicIp: allocateLoopback(ctx.sandbox), tags: specTags(input.TagSpecifications, 'elastic-ip') };
  state.addresses[address.allocationId] = address;
  return { PublicIp: address.publicIp, AllocationId: address.allocationId, Domain: 'vpc', PublicIpv4Pool: 'amazon', NetworkBorderGroup: ctx.region };
}

export function describeAddresses(input: Input<'DescribeAddresses'>, ctx: RequestContext): Output<'DescribeAddresses'> {
  const state = regionState(ctx);
  let picked = Object.values(state.addresses);
  if (input.AllocationIds?.length) picked = input.AllocationIds.map((id) => findAddress(state, id));
  if (input.PublicIps?.length) picked = input.PublicIps.map((ip) => findAddress(state, undefined, ip));
  const addresses = applyFilters(picked, input.Filters, {
    'allocation-id': (a) => a.allocationId,
    'association-id': (a) => a.associationId,
    'instance-id': (a) => a.instanceId,
    'public-ip': (a) => a.publicIp,
    domain: () => 'vpc',
    'network-border-group': () => ctx.region,
  });
  return { Addresses: addresses.map((a) => shape(ctx, a)) };
}

export async function associateAddress(input: Input<'AssociateAddress'>, ctx: RequestContext): Promise<Output<'AssociateAddress'>> {
  const state = regionState(ctx);
  const address = findAddress(state, input.AllocationId, input.PublicIp);
  const inst = findOne('instance', state.instances, input.InstanceId);
  if (!['running', 'stopped', 'pending'].includes(inst.state)) {
    throw new AwsError('IncorrectInstanceState', `The pending-instance-running instance to which 'eni-${inst.instanceId.slice(2)}' is attached is not in a valid state for this operation`);
  }
  if (address.instanceId && address.instanceId !== inst.instanceId && input.AllowReassociation === false) {
    throw new AwsError('Resource.AlreadyAssociated', `resource ${address.allocationId} is already associated with associate-id ${address.associationId}`);
  }
  const previous = address.instanceId ? state.instances[address.instanceId] : undefined;
  if (previous && previous !== inst) await detach(ctx, previous);
  // An instance has one public address: its other Elastic IP, if any, is let go.
  for (const other of Object.values(state.addresses)) {
    if (other !== address && other.instanceId === inst.instanceId) Object.assign(other, { instanceId: undefined, associationId: undefined });
  }
  address.instanceId = inst.instanceId;
  address.associationId ??= newId('eipassoc');
  inst.elasticIp = address.publicIp;
  await rehost(where(ctx), inst);
  return { AssociationId: address.associationId };
}

/** The instance gets a fresh public address of its own (if running) once its Elastic IP goes. */
async function detach(ctx: RequestContext, inst: ReturnType<typeof regionState>['instances'][string]): Promise<void> {
  inst.elasticIp = undefined;
  inst.publicIp = inst.state === 'running' || inst.state === 'pending' ? allocateLoopback(ctx.sandbox) : undefined;
  await rehost(where(ctx), inst);
}

export async function disassociateAddress(input: Input<'DisassociateAddress'>, ctx: RequestContext): Promise<Output<'DisassociateAddress'>> {
  const state = regionState(ctx);
  const address = input.AssociationId
    ? Object.values(state.addresses).find((a) => a.associationId === input.AssociationId)
    : findAddress(state, undefined, input.PublicIp);
  if (!address) throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${input.AssociationId}' does not exist`);
  const inst = address.instanceId ? state.instances[address.instanceId] : undefined;
  Object.assign(address, { instanceId: undefined, associationId: undefined });
  if (inst) await detach(ctx, inst);
  return {};
}

export function releaseAddress(input: Input<'ReleaseAddress'>, ctx: RequestContext): Output<'ReleaseAddress'> {
  const state = regionState(ctx);
  const address = findAddress(state, input.AllocationId, input.PublicIp);
  if (address.associationId) throw new AwsError('InvalidIPAddress.InUse', 'Address is in use');
  delete state.addresses[address.allocationId];
  return {};
}
