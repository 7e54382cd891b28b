/** The default VPC and its subnets, read-only: enough for clients that look them up before launching; unknown ids fail as on AWS. */
import type { Subnet, Vpc } from '@aws-sdk/client-ec2';
import type { RequestContext, Wire } from '../../core/types.js';
import { findAll } from './errors.js';
import { applyFilters, tagList } from './filters.js';
import { regionState } from './state.js';
import type { Input, Output } from './types.js';

export function describeVpcs(input: Input<'DescribeVpcs'>, ctx: RequestContext): Output<'DescribeVpcs'> {
  const state = regionState(ctx);
  const picked = input.VpcIds?.length ? findAll('vpc', state.vpcs, input.VpcIds) : Object.values(state.vpcs);
  const vpcs = applyFilters(picked, input.Filters, { 'vpc-id': (v) => v.vpcId, 'is-default': (v) => v.isDefault, 'cidr-block': (v) => v.cidrBlock, state: () => 'available' });
  return {
    Vpcs: vpcs.map((v): Wire<Vpc> => ({ VpcId: v.vpcId, CidrBlock: v.cidrBlock, IsDefault: v.isDefault, State: 'available', OwnerId: ctx.accountId, InstanceTenancy: 'default', DhcpOptionsId: 'default', Tags: tagList(v.tags) })),
  };
}

export function describeSubnets(input: Input<'DescribeSubnets'>, ctx: RequestContext): Output<'DescribeSubnets'> {
  const state = regionState(ctx);
  const picked = input.SubnetIds?.length ? findAll('subnet', state.subnets, input.SubnetIds) : Object.values(state.subnets);
  const subnets = applyFilters(picked, input.Filters, {
    'subnet-id': (s) => s.subnetId,
    'vpc-id': (s) => s.vpcId,
    'availability-zone': (s) => s.zone,
    'default-for-az': (s) => s.defaultForAz,
    'cidr-block': (s) => s.cidrBlock,
    state: () => 'available',
  });
  return {
    Subnets: subnets.map((s): Wire<Subnet> => ({
      SubnetId: s.subnetId,
      VpcId: s.vpcId,
      AvailabilityZone: s.zone,
      CidrBlock: s.cidrBlock,
      DefaultForAz: s.defaultForAz,
      MapPublicIpOnLaunch: s.defaultForAz,
      State: 'available',
      OwnerId: ctx.accountId,
      AvailableIpAddressCount: 4091 - (s.nextHost - 4),
      Tags: tagList(s.tags),
    })),
  };
}
