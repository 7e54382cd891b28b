/** Internet gateways: created detached, attached to at most one VPC (and a VPC to at most one gateway). */
import type { InternetGateway } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { addInternetGateway } from './network-records.js';
import { regionState } from './state.js';
import type { Ec2RegionState, Input, InternetGatewayRecord, Output } from './types.js';

function gatewayShape(g: InternetGatewayRecord, ownerId: string): Wire<InternetGateway> {
  // AWS reports an attached gateway's attachment state as `available`.
  return { InternetGatewayId: g.internetGatewayId, OwnerId: ownerId, Attachments: g.vpcId ? [{ VpcId: g.vpcId, State: 'available' }] : [], Tags: tagList(g.tags) };
}

export function createInternetGateway(input: Input<'CreateInternetGateway'>, ctx: RequestContext): Output<'CreateInternetGateway'> {
  const gateway = addInternetGateway(regionState(ctx), specTags(input.TagSpecifications, 'internet-gateway'));
  return { InternetGateway: gatewayShape(gateway, ctx.accountId) };
}

export function describeInternetGateways(input: Input<'DescribeInternetGateways'>, ctx: RequestContext): Output<'DescribeInternetGateways'> {
  const state = regionState(ctx);
  const ids = input.InternetGatewayIds;
  const picked = namedOrAll('internetGateway', state.internetGateways, ids);
  const gateways = applyFilters(picked, input.Filters, {
    'internet-gateway-id': (g) => g.internetGatewayId,
    'attachment.vpc-id': (g) => g.vpcId,
    'attachment.state': (g) => (g.vpcId ? 'available' : undefined),
    'owner-id': () => ctx.accountId,
  });
  return { InternetGateways: gateways.map((g) => gatewayShape(g, ctx.accountId)) };
}

export function attachInternetGateway(input: Input<'AttachInternetGateway'>, ctx: RequestContext): Output<'AttachInternetGateway'> {
  const state = regionState(ctx);
  const gateway = findOne('internetGateway', state.internetGateways, input.InternetGatewayId);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  if (gateway.vpcId) throw new AwsError('Resource.AlreadyAssociated', `resource ${gateway.internetGatewayId} is already attached to network ${gateway.vpcId}`);
  if (Object.values(state.internetGateways).some((g) => g.vpcId === vpc.vpcId)) {
    throw new AwsError('InvalidParameterValue', `Network ${vpc.vpcId} already has an internet gateway attached`);
  }
  gateway.vpcId = vpc.vpcId;
  return {};
}

/** Whether anything in the VPC still has a public address (which needs the gateway). */
function hasPublicAddresses(state: Ec2RegionState, vpcId: string): boolean {
  return Object.values(state.instances).some((i) => i.vpcId === vpcId && i.state !== 'terminated' && (i.publicIp || i.elasticIp));
}

export function detachInternetGateway(input: Input<'DetachInternetGateway'>, ctx: RequestContext): Output<'DetachInternetGateway'> {
  const state = regionState(ctx);
  const gateway = findOne('internetGateway', state.internetGateways, input.InternetGatewayId);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  if (gateway.vpcId !== vpc.vpcId) throw new AwsError('Gateway.NotAttached', `resource ${gateway.internetGatewayId} is not attached to network ${vpc.vpcId}`);
  if (hasPublicAddresses(state, vpc.vpcId)) {
    throw new AwsError('DependencyViolation', `Network ${vpc.vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`);
  }
  gateway.vpcId = undefined;
  return {};
}

export function deleteInternetGateway(input: Input<'DeleteInternetGateway'>, ctx: RequestContext): Output<'DeleteInternetGateway'> {
  const state = regionState(ctx);
  const gateway = findOne('internetGateway', state.internetGateways, input.InternetGatewayId);
  if (gateway.vpcId) throw new AwsError('DependencyViolation', `The internetGateway '${gateway.internetGatewayId}' has dependencies and cannot be deleted.`);
  delete state.internetGateways[gateway.internetGatewayId];
  return {};
}
