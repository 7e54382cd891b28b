/**
 * Route tables: each VPC's main table (with its `local` route), tables of one's own, their routes
 * (to an internet gateway or a network interface: `blackhole` once the target is gone) and their
 * subnet associations (a subnet without one uses the main table).
 */
import type { Route, RouteTable, RouteTableAssociation } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { parseCidr } from './cidr.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { addRouteTable } from './network-records.js';
import { newId, regionState } from './state.js';
import type { Ec2RegionState, Input, Output, RouteRecord, RouteTableRecord } from './types.js';

function routeState(state: Ec2RegionState, table: RouteTableRecord, r: RouteRecord): 'active' | 'blackhole' {
  if (r.gatewayId) return r.gatewayId === 'local' || state.internetGateways[r.gatewayId]?.vpcId === table.vpcId ? 'active' : 'blackhole';
  return state.networkInterfaces[r.networkInterfaceId!]?.attachment ? 'active' : 'blackhole';
}

function tableShape(state: Ec2RegionState, t: RouteTableRecord, ownerId: string): Wire<RouteTable> {
  const association = (id: string, subnetId?: string): Wire<RouteTableAssociation> => ({
    Main: !subnetId,
    RouteTableAssociationId: id,
    RouteTableId: t.routeTableId,
    SubnetId: subnetId,
    AssociationState: { State: 'associated' },
  });
  return {
    RouteTableId: t.routeTableId,
    VpcId: t.vpcId,
    OwnerId: ownerId,
    Routes: t.routes.map((r): Wire<Route> => {
      const instanceId = r.networkInterfaceId ? state.networkInterfaces[r.networkInterfaceId]?.attachment?.instanceId : undefined;
      return {
        DestinationCidrBlock: r.destinationCidrBlock,
        GatewayId: r.gatewayId,
        NetworkInterfaceId: r.networkInterfaceId,
        InstanceId: instanceId,
        InstanceOwnerId: instanceId ? ownerId : undefined,
        Origin: r.origin,
        State: routeState(state, t, r),
      };
    }),
    Associations: [
      ...(t.mainAssociationId ? [association(t.mainAssociationId)] : []),
      ...t.associations.map((a) => association(a.associationId, a.subnetId)),
    ],
    PropagatingVgws: [],
    Tags: tagList(t.tags),
  };
}

export function createRouteTable(input: Input<'CreateRouteTable'>, ctx: RequestContext): Output<'CreateRouteTable'> {
  const state = regionState(ctx);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  const table = addRouteTable(state, vpc, false, specTags(input.TagSpecifications, 'route-table'));
  return { RouteTable: tableShape(state, table, ctx.accountId) };
}

export function describeRouteTables(input: Input<'DescribeRouteTables'>, ctx: RequestContext): Output<'DescribeRouteTables'> {
  const state = regionState(ctx);
  const picked = namedOrAll('routeTable', state.routeTables, input.RouteTableIds);
  const tables = applyFilters(picked, input.Filters, {
    'route-table-id': (t) => t.routeTableId,
    'vpc-id': (t) => t.vpcId,
    'owner-id': () => ctx.accountId,
    'association.main': (t) => [Boolean(t.mainAssociationId), ...t.associations.map(() => false)],
    'association.subnet-id': (t) => t.associations.map((a) => a.subnetId),
    'association.route-table-association-id': (t) => [t.mainAssociationId, ...t.associations.map((a) => a.associationId)],
    'association.route-table-id': (t) => t.routeTableId,
    'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
    'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
    'route.origin': (t) => t.routes.map((r) => r.origin),
    'route.state': (t) => t.routes.map((r) => routeState(state, t, r)),
  });
  return { RouteTables: tables.map((t) => tableShape(state, t, ctx.accountId)) };
}

export function deleteRouteTable(input: Input<'DeleteRouteTable'>, ctx: RequestContext): Output<'DeleteRouteTable'> {
  const state = regionState(ctx);
  const table = findOne('routeTable', state.routeTables, input.RouteTableId);
  if (table.mainAssociationId || table.associations.length) {
    throw new AwsError('DependencyViolation', `The routeTable '${table.routeTableId}' has dependencies and cannot be deleted.`);
  }
  delete state.routeTables[table.routeTableId];
  return {};
}

interface RouteInput {
  RouteTableId?: string;
  DestinationCidrBlock?: string;
  GatewayId?: string;
  NetworkInterfaceId?: string;
  InstanceId?: string;
}

/** The table, destination and target a CreateRoute/ReplaceRoute names, checked. */
function routeOf(state: Ec2RegionState, input: RouteInput): { table: RouteTableRecord; route: RouteRecord } {
  const table = findOne('routeTable', state.routeTables, input.RouteTableId);
  const destination = input.DestinationCidrBlock;
  if (!destination) throw new AwsError('MissingParameter', 'The request must contain the parameter destinationCidrBlock');
  if (!parseCidr(destination)) throw new AwsError('InvalidParameterValue', `Value (${destination}) for parameter destinationCidrBlock is invalid. This is not a valid CIDR block.`);
  const targets = [input.GatewayId, input.NetworkInterfaceId, input.InstanceId].filter(Boolean);
  if (targets.length !== 1) throw new AwsError('InvalidParameterCombination', 'The request must contain exactly one of gatewayId, networkInterfaceId or instanceId');
  const route: RouteRecord = { destinationCidrBlock: destination, origin: 'CreateRoute' };
  if (input.GatewayId) {
    const gateway = findOne('internetGateway', state.internetGateways, input.GatewayId);
    if (gateway.vpcId !== table.vpcId) {
      throw new AwsError('InvalidParameterValue', `route table ${table.routeTableId} and network gateway ${gateway.internetGatewayId} belong to different networks`);
    }
    route.gatewayId = gateway.internetGatewayId;
  } else {
    const eni = input.NetworkInterfaceId
      ? findOne('networkInterface', state.networkInterfaces, input.NetworkInterfaceId)
      : Object.values(state.networkInterfaces).find((e) => e.attachment?.instanceId === findOne('instance', state.instances, input.InstanceId).instanceId && e.attachment.deviceIndex === 0);
    if (!eni) throw new AwsError('IncorrectInstanceState', `The instance '${input.InstanceId}' has no network interface.`);
    if (eni.vpcId !== table.vpcId) {
      throw new AwsError('InvalidParameterValue', `route table ${table.routeTableId} and interface ${eni.networkInterfaceId} belong to different networks`);
    }
    route.networkInterfaceId = eni.networkInterfaceId;
  }
  return { table, route };
}

export function createRoute(input: Input<'CreateRoute'>, ctx: RequestContext): Output<'CreateRoute'> {
  const { table, route } = routeOf(regionState(ctx), input);
  if (table.routes.some((r) => r.destinationCidrBlock === route.destinationCidrBlock)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${route.destinationCidrBlock} already exists.`);
  }
  table.routes.push(route);
  return { Return: true };
}

export function replaceRoute(input: Input<'ReplaceRoute'>, ctx: RequestContext): Output<'ReplaceRoute'> {
  const { table, route } = routeOf(regionState(ctx), input);
  const index = table.routes.findIndex((r) => r.destinationCidrBlock === route.destinationCidrBlock);
  if (index < 0) {
    throw new AwsError('InvalidParameterValue', `There is no route defined for '${route.destinationCidrBlock}' in the route table. Use CreateRoute instead.`);
  }
  if (table.routes[index].gatewayId === 'local') throw new AwsError('InvalidParameterValue', `cannot replace local route ${route.destinationCidrBlock} in route table ${table.routeTableId}`);
  table.routes[index] = route;
  return {};
}

export function deleteRoute(input: Input<'DeleteRoute'>, ctx: RequestContext): Output<'DeleteRoute'> {
  const table = findOne('routeTable', regionState(ctx).routeTables, input.RouteTableId);
  const destination = input.DestinationCidrBlock;
  const route = table.routes.find((r) => r.destinationCidrBlock === destination);
  if (!route) throw new AwsError('InvalidRoute.NotFound', `no route with destination-cidr-block ${destination} in route table ${table.routeTableId}`);
  if (route.gatewayId === 'local') throw new AwsError('InvalidParameterValue', `cannot remove local route ${destination} in route table ${table.routeTableId}`);
  table.routes = table.routes.filter((r) => r !== route);
  return {};
}

export function associateRouteTable(input: Input<'AssociateRouteTable'>, ctx: RequestContext): Output<'AssociateRouteTable'> {
  const state = regionState(ctx);
  const table = findOne('routeTable', state.routeTables, input.RouteTableId);
  const subnet = findOne('subnet', state.subnets, input.SubnetId);
  if (subnet.vpcId !== table.vpcId) {
    throw new AwsError('InvalidParameterValue', `route table ${table.routeTableId} and subnet ${subnet.subnetId} belong to different networks`);
  }
  if (Object.values(state.routeTables).some((t) => t.associations.some((a) => a.subnetId === subnet.subnetId))) {
    throw new AwsError('Resource.AlreadyAssociated', `the specified association for route table ${table.routeTableId} conflicts with an existing association`);
  }
  const associationId = newId('rtbassoc');
  table.associations.push({ associationId, subnetId: subnet.subnetId });
  return { AssociationId: associationId, AssociationState: { State: 'associated' } };
}

/** The table an association id (a subnet's, or the VPC's main one) belongs to. */
function tableOfAssociation(state: Ec2RegionState, associationId: string | undefined): RouteTableRecord {
  const tables = Object.values(state.routeTables);
  const byAssociation = Object.fromEntries(tables.flatMap((t) => [t.mainAssociationId, ...t.associations.map((a) => a.associationId)].filter(Boolean).map((id) => [id!, t])));
  return findOne('routeTableAssociation', byAssociation, associationId);
}

export function disassociateRouteTable(input: Input<'DisassociateRouteTable'>, ctx: RequestContext): Output<'DisassociateRouteTable'> {
  const table = tableOfAssociation(regionState(ctx), input.AssociationId);
  if (table.mainAssociationId === input.AssociationId) {
    throw new AwsError('InvalidParameterValue', `cannot disassociate the main route table association ${input.AssociationId}`);
  }
  table.associations = table.associations.filter((a) => a.associationId !== input.AssociationId);
  return {};
}

/**
 * Moves a subnet's association to another table of its VPC, or makes another table the VPC's main
 * one (replacing the main association); the association gets a new id, as on AWS.
 */
export function replaceRouteTableAssociation(input: Input<'ReplaceRouteTableAssociation'>, ctx: RequestContext): Output<'ReplaceRouteTableAssociation'> {
  const state = regionState(ctx);
  const from = tableOfAssociation(state, input.AssociationId);
  const to = findOne('routeTable', state.routeTables, input.RouteTableId);
  if (to.vpcId !== from.vpcId) {
    throw new AwsError('InvalidParameterValue', `route table ${to.routeTableId} and association ${input.AssociationId} belong to different networks`);
  }
  const associationId = newId('rtbassoc');
  if (from.mainAssociationId === input.AssociationId) {
    from.mainAssociationId = undefined;
    to.mainAssociationId = associationId;
  } else {
    const old = from.associations.find((a) => a.associationId === input.AssociationId)!;
    from.associations = from.associations.filter((a) => a !== old);
    to.associations.push({ associationId, subnetId: old.subnetId });
  }
  return { NewAssociationId: associationId, AssociationState: { State: 'associated' } };
}

/** A subnet's explicit route table association goes with it. */
export function forgetSubnetRoutes(state: Ec2RegionState, subnetId: string): void {
  for (const t of Object.values(state.routeTables)) t.associations = t.associations.filter((a) => a.subnetId !== subnetId);
}
