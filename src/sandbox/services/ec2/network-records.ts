/**
 * New network records as AWS makes them — a VPC with its main route table, default network ACL
 * and `default` security group; subnets (each using its VPC's default ACL); gateways — and a new
 * region's default VPC. Shared by the Create handlers and ./state.ts, which cannot import the
 * handlers' modules (they read the state through it).
 */
import { randomBytes } from 'node:crypto';
import { newId } from './ids.js';
import { zoneNames } from './regions.js';
import type { Ec2RegionState, InternetGatewayRecord, IpRule, NetworkAclEntryRecord, NetworkAclRecord, RouteTableRecord, SecurityGroupRecord, SubnetRecord, VpcRecord } from './types.js';

/** A VPC and what every VPC comes with. */
export function addVpc(state: Ec2RegionState, ownerId: string, vpc: Omit<VpcRecord, 'vpcId'>): VpcRecord {
  const record: VpcRecord = { vpcId: newId('vpc'), ...vpc };
  state.vpcs[record.vpcId] = record;
  addRouteTable(state, record, true);
  addNetworkAcl(state, record.vpcId, true);
  addDefaultGroup(state, record.vpcId, ownerId);
  return record;
}

export function addRouteTable(state: Ec2RegionState, vpc: VpcRecord, main: boolean, tags: Record<string, string> = {}): RouteTableRecord {
  const table: RouteTableRecord = {
    routeTableId: newId('rtb'),
    vpcId: vpc.vpcId,
    mainAssociationId: main ? newId('rtbassoc') : undefined,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [],
    tags,
  };
  state.routeTables[table.routeTableId] = table;
  return table;
}

/** The rule number of the catch-all entry, which no request may change. */
export const CATCH_ALL = 32767;

function everything(ruleNumber: number, egress: boolean, ruleAction: 'allow' | 'deny'): NetworkAclEntryRecord {
  return { ruleNumber, egress, protocol: '-1', ruleAction, cidrBlock: '0.0.0.0/0' };
}

export function addNetworkAcl(state: Ec2RegionState, vpcId: string, isDefault: boolean, tags: Record<string, string> = {}): NetworkAclRecord {
  const acl: NetworkAclRecord = {
    networkAclId: newId('acl'),
    vpcId,
    isDefault,
    entries: [false, true].flatMap((egress) => [...(isDefault ? [everything(100, egress, 'allow')] : []), everything(CATCH_ALL, egress, 'deny')]),
    associations: [],
    tags,
  };
  state.networkAcls[acl.networkAclId] = acl;
  return acl;
}

/** A new subnet uses its VPC's default ACL. */
function associateDefaultAcl(state: Ec2RegionState, vpcId: string, subnetId: string): void {
  const acl = Object.values(state.networkAcls).find((a) => a.vpcId === vpcId && a.isDefault)!;
  acl.associations.push({ associationId: newId('aclassoc'), subnetId });
}

/** The `default` group every VPC comes with: its members may reach each other, and anything may go out. */
export function addDefaultGroup(state: Ec2RegionState, vpcId: string, ownerId: string): SecurityGroupRecord {
  const groupId = newId('sg');
  state.securityGroups[groupId] = {
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    ownerId,
    ingress: [{ ipProtocol: '-1', groupId, ruleId: newId('sgr') }],
    egress: [allowAllOut()],
    tags: {},
  };
  return state.securityGroups[groupId];
}

/** The egress rule every new group starts with. */
export function allowAllOut(): IpRule {
  return { ipProtocol: '-1', cidrIp: '0.0.0.0/0', ruleId: newId('sgr') };
}

export function addSubnet(state: Ec2RegionState, subnet: Omit<SubnetRecord, 'subnetId'>): SubnetRecord {
  const record: SubnetRecord = { subnetId: newId('subnet'), ...subnet };
  state.subnets[record.subnetId] = record;
  associateDefaultAcl(state, record.vpcId, record.subnetId);
  return record;
}

export function addInternetGateway(state: Ec2RegionState, tags: Record<string, string> = {}, vpcId?: string): InternetGatewayRecord {
  const gateway: InternetGatewayRecord = { internetGatewayId: newId('igw'), vpcId, tags };
  state.internetGateways[gateway.internetGatewayId] = gateway;
  return gateway;
}

/** The default VPC's way out: an attached gateway, and the main route table's default route to it. */
function connectToInternet(state: Ec2RegionState, vpc: VpcRecord): void {
  const gateway = addInternetGateway(state, {}, vpc.vpcId);
  const main = Object.values(state.routeTables).find((t) => t.vpcId === vpc.vpcId && t.mainAssociationId)!;
  main.routes.push({ destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.internetGatewayId, origin: 'CreateRouteTable' });
}

/** A locally administered unicast MAC address, as AWS gives interfaces. */
export function macAddress(): string {
  return ['02', ...randomBytes(5).toString('hex').match(/../g)!].join(':');
}

/** A new account's region, as AWS gives it: a default VPC with a subnet per zone, reaching the internet. */
export function initialState(accountId: string, region: string): Ec2RegionState {
  const state: Ec2RegionState = {
    vpcs: {},
    subnets: {},
    securityGroups: {},
    keyPairs: {},
    instances: {},
    volumes: {},
    snapshots: {},
    addresses: {},
    internetGateways: {},
    routeTables: {},
    networkAcls: {},
    networkInterfaces: {},
    launchTemplates: {},
    images: {},
    volumeModifications: {},
  };
  const vpc = addVpc(state, accountId, { cidrBlock: '172.31.0.0/16', isDefault: true, tags: {} });
  // The default VPC's subnets: 172.31.0.0/20, 172.31.16.0/20, … one per zone.
  zoneNames(region).forEach((zone, i) => addSubnet(state, { vpcId: vpc.vpcId, zone, cidrBlock: `172.31.${i * 16}.0/20`, defaultForAz: true, tags: {} }));
  connectToInternet(state, vpc);
  return state;
}

/**
 * A region saved before the sandbox had networking (only a default VPC, its subnets and groups)
 * gets what it would have had: route table, ACL, gateway, and a primary interface per instance.
 */
export function addMissingNetwork(state: Ec2RegionState): void {
  if ((state as Partial<Ec2RegionState>).networkInterfaces) return;
  Object.assign(state, { internetGateways: {}, routeTables: {}, networkAcls: {}, networkInterfaces: {} });
  for (const vpc of Object.values(state.vpcs)) {
    addRouteTable(state, vpc, true);
    addNetworkAcl(state, vpc.vpcId, true);
    if (vpc.isDefault) connectToInternet(state, vpc);
  }
  for (const subnet of Object.values(state.subnets)) associateDefaultAcl(state, subnet.vpcId, subnet.subnetId);
  for (const inst of Object.values(state.instances).filter((i) => i.state !== 'terminated')) {
    const networkInterfaceId = newId('eni');
    state.networkInterfaces[networkInterfaceId] = {
      networkInterfaceId,
      subnetId: inst.subnetId,
      vpcId: inst.vpcId,
      zone: inst.zone,
      ownerId: inst.ownerId,
      privateIp: inst.privateIp,
      macAddress: macAddress(),
      description: '',
      groupIds: inst.groupIds,
      sourceDestCheck: inst.sourceDestCheck,
      attachment: { attachmentId: newId('eni-attach'), instanceId: inst.instanceId, deviceIndex: 0, deleteOnTermination: true, attachTime: inst.launchTime },
      autoPublicIp: true,
      tags: {},
    };
  }
}
