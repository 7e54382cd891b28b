/**
 * Subnets: a CIDR block inside their VPC's, overlapping no other subnet's, in one zone; their
 * private addresses (AWS keeps the first four and the last of each block), and whether instances
 * launched into them get a public address.
 */
import type { Subnet } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { contains, holds, hostAddress, hostNumber, overlaps, parseCidr } from './cidr.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { forgetSubnetAcl } from './network-acls.js';
import { addSubnet } from './network-records.js';
import { zoneId, zoneNames } from './regions.js';
import { forgetSubnetRoutes } from './route-tables.js';
import { regionState } from './state.js';
import type { Ec2RegionState, Input, Output, SubnetRecord } from './types.js';

/** Addresses AWS reserves in every subnet: the network address, the next three, and the last. */
const FIRST_HOST = 4;

export function mapsPublicIp(subnet: SubnetRecord): boolean {
  return subnet.mapPublicIpOnLaunch ?? subnet.defaultForAz;
}

function usedAddresses(state: Ec2RegionState, subnetId: string): Set<string> {
  return new Set(Object.values(state.networkInterfaces).filter((e) => e.subnetId === subnetId).map((e) => e.privateIp));
}

/** The requested private address, checked, or the lowest free one. */
export function privateAddress(state: Ec2RegionState, subnet: SubnetRecord, wanted?: string): string {
  const cidr = parseCidr(subnet.cidrBlock)!;
  const used = usedAddresses(state, subnet.subnetId);
  if (wanted !== undefined) {
    if (!holds(cidr, wanted)) throw new AwsError('InvalidParameterValue', `Address ${wanted} does not fall within the subnet's address range`);
    const host = hostNumber(cidr, wanted);
    if (host < FIRST_HOST || host === cidr.size - 1) throw new AwsError('InvalidParameterValue', `Address ${wanted} is in subnet's reserved address range`);
    if (used.has(wanted)) throw new AwsError('InvalidIPAddress.InUse', `Address ${wanted} is in use.`);
    return wanted;
  }
  for (let host = FIRST_HOST; host < cidr.size - 1; host++) {
    const address = hostAddress(cidr, host);
    if (!used.has(address)) return address;
  }
  throw new AwsError('InsufficientFreeAddressesInSubnet', `There are not enough free addresses in subnet '${subnet.subnetId}' to satisfy the requested number of instances.`);
}

/** What CreateSubnet would create, every parameter checked (a DryRun stops here). */
export function subnetPlan(input: Input<'CreateSubnet'>, ctx: RequestContext): Omit<SubnetRecord, 'subnetId'> {
  const state = regionState(ctx);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  const text = input.CidrBlock;
  if (!text) throw new AwsError('MissingParameter', 'The request must contain the parameter cidrBlock');
  const cidr = parseCidr(text);
  if (!cidr) throw new AwsError('InvalidParameterValue', `Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < 16 || cidr.prefix > 28 || !contains(parseCidr(vpc.cidrBlock)!, cidr)) throw new AwsError('InvalidSubnet.Range', `The CIDR '${text}' is invalid.`);
  if (Object.values(state.subnets).some((s) => s.vpcId === vpc.vpcId && overlaps(parseCidr(s.cidrBlock)!, cidr))) {
    throw new AwsError('InvalidSubnet.Conflict', `The CIDR '${text}' conflicts with another subnet`);
  }
  const zones = zoneNames(ctx.region);
  const byId = input.AvailabilityZoneId ? zones.find((_, i) => zoneId(ctx.region, i) === input.AvailabilityZoneId) : undefined;
  const zone = input.AvailabilityZone ?? byId ?? (input.AvailabilityZoneId ? undefined : zones[0]);
  if (!zone || !zones.includes(zone)) {
    throw new AwsError('InvalidParameterValue', `Value (${input.AvailabilityZone ?? input.AvailabilityZoneId}) for parameter availabilityZone is invalid. Subnets can currently only be created in the following availability zones: ${zones.join(', ')}.`);
  }
  return { vpcId: vpc.vpcId, zone, cidrBlock: text, defaultForAz: false, tags: specTags(input.TagSpecifications, 'subnet') };
}

function subnetShape(state: Ec2RegionState, s: SubnetRecord, ctx: RequestContext): Wire<Subnet> {
  return {
    SubnetId: s.subnetId,
    SubnetArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:subnet/${s.subnetId}`,
    VpcId: s.vpcId,
    AvailabilityZone: s.zone,
    AvailabilityZoneId: zoneId(ctx.region, zoneNames(ctx.region).indexOf(s.zone)),
    CidrBlock: s.cidrBlock,
    DefaultForAz: s.defaultForAz,
    MapPublicIpOnLaunch: mapsPublicIp(s),
    MapCustomerOwnedIpOnLaunch: false,
    AssignIpv6AddressOnCreation: false,
    Ipv6CidrBlockAssociationSet: [],
    Ipv6Native: false,
    EnableDns64: false,
    State: 'available',
    OwnerId: ctx.accountId,
    AvailableIpAddressCount: parseCidr(s.cidrBlock)!.size - FIRST_HOST - 1 - usedAddresses(state, s.subnetId).size,
    PrivateDnsNameOptionsOnLaunch: { HostnameType: 'ip-name', EnableResourceNameDnsARecord: false, EnableResourceNameDnsAAAARecord: false },
    Tags: tagList(s.tags),
  };
}

export function createSubnet(input: Input<'CreateSubnet'>, ctx: RequestContext): Output<'CreateSubnet'> {
  const state = regionState(ctx);
  return { Subnet: subnetShape(state, addSubnet(state, subnetPlan(input, ctx)), ctx) };
}

export function describeSubnets(input: Input<'DescribeSubnets'>, ctx: RequestContext): Output<'DescribeSubnets'> {
  const state = regionState(ctx);
  const picked = namedOrAll('subnet', state.subnets, input.SubnetIds);
  const subnets = applyFilters(picked, input.Filters, {
    'subnet-id': (s) => s.subnetId,
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.zone,
    'availability-zone-id': (s) => zoneId(ctx.region, zoneNames(ctx.region).indexOf(s.zone)),
    'default-for-az': (s) => s.defaultForAz,
    defaultForAz: (s) => s.defaultForAz,
    'map-public-ip-on-launch': (s) => mapsPublicIp(s),
    'cidr-block': (s) => s.cidrBlock,
    cidr: (s) => s.cidrBlock,
    cidrBlock: (s) => s.cidrBlock,
    'owner-id': () => ctx.accountId,
    state: () => 'available',
  });
  return { Subnets: subnets.map((s) => subnetShape(state, s, ctx)) };
}

export function deleteSubnet(input: Input<'DeleteSubnet'>, ctx: RequestContext): Output<'DeleteSubnet'> {
  const state = regionState(ctx);
  const subnet = findOne('subnet', state.subnets, input.SubnetId);
  const inUse = Object.values(state.networkInterfaces).some((e) => e.subnetId === subnet.subnetId) ||
    Object.values(state.instances).some((i) => i.subnetId === subnet.subnetId && i.state !== 'terminated');
  if (inUse) throw new AwsError('DependencyViolation', `The subnet '${subnet.subnetId}' has dependencies and cannot be deleted.`);
  forgetSubnetRoutes(state, subnet.subnetId);
  forgetSubnetAcl(state, subnet.subnetId);
  delete state.subnets[subnet.subnetId];
  return {};
}

export function modifySubnetAttribute(input: Input<'ModifySubnetAttribute'>, ctx: RequestContext): Output<'ModifySubnetAttribute'> {
  const subnet = findOne('subnet', regionState(ctx).subnets, input.SubnetId);
  if (input.AssignIpv6AddressOnCreation?.Value) {
    throw new AwsError('InvalidParameterValue', `Invalid value 'true' for assignIpv6AddressOnCreation. Cannot set assignIpv6AddressOnCreation to true unless the subnet (${subnet.subnetId}) has an IPv6 CIDR block associated with it.`);
  }
  if (input.MapPublicIpOnLaunch?.Value !== undefined) subnet.mapPublicIpOnLaunch = input.MapPublicIpOnLaunch.Value;
  return {};
}
