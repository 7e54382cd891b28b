/** EC2's networking operations, one resource family per module, gathered for ./index.ts. */
import type { Handlers, RequestContext } from '../../core/types.js';
import { findOne, type IdKind } from './errors.js';
import * as gateways from './internet-gateways.js';
import * as acls from './network-acls.js';
import * as interfaces from './network-interfaces.js';
import * as routes from './route-tables.js';
import * as subnets from './subnets.js';
import { regionState } from './state.js';
import type { Ec2Api, Ec2RegionState } from './types.js';
import * as vpcs from './vpcs.js';

export const networkHandlers = {
  CreateVpc: vpcs.createVpc,
  DescribeVpcs: vpcs.describeVpcs,
  DeleteVpc: vpcs.deleteVpc,
  DescribeVpcAttribute: vpcs.describeVpcAttribute,
  ModifyVpcAttribute: vpcs.modifyVpcAttribute,

  CreateSubnet: subnets.createSubnet,
  DescribeSubnets: subnets.describeSubnets,
  DeleteSubnet: subnets.deleteSubnet,
  ModifySubnetAttribute: subnets.modifySubnetAttribute,

  CreateInternetGateway: gateways.createInternetGateway,
  DescribeInternetGateways: gateways.describeInternetGateways,
  AttachInternetGateway: gateways.attachInternetGateway,
  DetachInternetGateway: gateways.detachInternetGateway,
  DeleteInternetGateway: gateways.deleteInternetGateway,

  CreateRouteTable: routes.createRouteTable,
  DescribeRouteTables: routes.describeRouteTables,
  DeleteRouteTable: routes.deleteRouteTable,
  CreateRoute: routes.createRoute,
  ReplaceRoute: routes.replaceRoute,
  DeleteRoute: routes.deleteRoute,
  AssociateRouteTable: routes.associateRouteTable,
  DisassociateRouteTable: routes.disassociateRouteTable,
  ReplaceRouteTableAssociation: routes.replaceRouteTableAssociation,

  CreateNetworkAcl: acls.createNetworkAcl,
  DescribeNetworkAcls: acls.describeNetworkAcls,
  DeleteNetworkAcl: acls.deleteNetworkAcl,
  CreateNetworkAclEntry: acls.createNetworkAclEntry,
  DeleteNetworkAclEntry: acls.deleteNetworkAclEntry,
  ReplaceNetworkAclAssociation: acls.replaceNetworkAclAssociation,
  ReplaceNetworkAclEntry: acls.replaceNetworkAclEntry,

  CreateNetworkInterface: interfaces.createNetworkInterface,
  DescribeNetworkInterfaces: interfaces.describeNetworkInterfaces,
  DescribeNetworkInterfaceAttribute: interfaces.describeNetworkInterfaceAttribute,
  DeleteNetworkInterface: interfaces.deleteNetworkInterface,
  AttachNetworkInterface: interfaces.attachNetworkInterface,
  DetachNetworkInterface: interfaces.detachNetworkInterface,
  ModifyNetworkInterfaceAttribute: interfaces.modifyNetworkInterfaceAttribute,
} satisfies Partial<Handlers<Ec2Api>>;

/** Each id a networking request may name, with the kind and collection it is looked up in. */
const ID_FIELDS: Array<[string, IdKind, (s: Ec2RegionState) => Record<string, unknown>]> = [
  ['VpcId', 'vpc', (s) => s.vpcs],
  ['SubnetId', 'subnet', (s) => s.subnets],
  ['InternetGatewayId', 'internetGateway', (s) => s.internetGateways],
  ['RouteTableId', 'routeTable', (s) => s.routeTables],
  ['NetworkAclId', 'networkAcl', (s) => s.networkAcls],
  ['NetworkInterfaceId', 'networkInterface', (s) => s.networkInterfaces],
  ['InstanceId', 'instance', (s) => s.instances],
];

/** A DryRun's check: every resource the request names exists. */
function namedResources(input: Record<string, unknown>, ctx: RequestContext): void {
  const state = regionState(ctx);
  for (const [field, kind, table] of ID_FIELDS) if (typeof input[field] === 'string') findOne(kind, table(state), input[field]);
}

/** What a DryRun of each networking operation checks (creations check all they would). */
export const networkDryRunChecks: Record<string, (input: any, ctx: RequestContext) => unknown> = {
  ...Object.fromEntries(Object.keys(networkHandlers).map((op) => [op, namedResources])),
  CreateVpc: vpcs.vpcPlan,
  CreateSubnet: subnets.subnetPlan,
};
