/**
 * The sandbox's EC2 networking through the real SDK (and the AWS CLI as a second client): VPCs,
 * subnets, internet gateways, route tables, network ACLs, network interfaces, VPC security groups,
 * instances launched into a subnet of one's own (and reached over SSH), and the errors AWS gives.
 */
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { ssh } from '../../src/helpers/ssh/commands.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { eventually } from '../helpers/index.js';
import { promptOnSandbox } from '../helpers/prompt.js';
import { ec2World, missingBwrap, type Ec2World } from './support.js';

describe('sandbox EC2 networking', () => {
  let w: Ec2World;
  let ec2: EC2;
  let ami: string;
  before(async () => {
    w = await ec2World();
    ec2 = new EC2({ endpoint: w.sandbox.endpoint, region: 'us-east-1', credentials: w.sandbox.credentials });
    const { Images = [] } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
    ami = Images[0].ImageId!;
  });
  after(() => w.close());

  const vpcTag = (name: string) => [{ ResourceType: 'vpc' as const, Tags: [{ Key: 'Name', Value: name }] }];
  const instanceOf = async (id: string) => (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0];
  const running = (id: string) => eventually(async () => (await instanceOf(id)).State?.Name === 'running', `${id} running`);
  const terminated = (id: string) => eventually(async () => (await instanceOf(id)).State?.Name === 'terminated', `${id} terminated`);

  test('the default VPC: a subnet per zone, an attached gateway, its main route table, default ACL and group', async () => {
    const [vpc] = (await ec2.describeVpcs({ Filters: [{ Name: 'is-default', Values: ['true'] }] })).Vpcs!;
    assert.equal(vpc.CidrBlock, '172.31.0.0/16');
    const { Subnets = [] } = await ec2.describeSubnets({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }] });
    assert.equal(Subnets.length, 6);
    assert.ok(Subnets.every((s) => s.DefaultForAz && s.MapPublicIpOnLaunch && s.AvailableIpAddressCount === 4091));
    const [gateway] = (await ec2.describeInternetGateways({ Filters: [{ Name: 'attachment.vpc-id', Values: [vpc.VpcId!] }] })).InternetGateways!;
    assert.deepEqual(gateway.Attachments, [{ VpcId: vpc.VpcId, State: 'available' }]);
    const [main] = (await ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpc.VpcId!] }, { Name: 'association.main', Values: ['true'] }] })).RouteTables!;
    assert.deepEqual(main.Routes!.map((r) => [r.DestinationCidrBlock, r.GatewayId, r.State]), [['172.31.0.0/16', 'local', 'active'], ['0.0.0.0/0', gateway.InternetGatewayId, 'active']]);
    const [acl] = (await ec2.describeNetworkAcls({ Filters: [{ Name: 'default', Values: ['true'] }] })).NetworkAcls!;
    assert.deepEqual(acl.Entries!.map((e) => `${e.Egress ? 'out' : 'in'} ${e.RuleNumber} ${e.RuleAction}`), ['in 100 allow', 'in 32767 deny', 'out 100 allow', 'out 32767 deny']);
    assert.equal(acl.Associations!.length, 6);
  });

  test('VPCs: create, describe with filters, DNS attributes, dependency and id errors, delete', async () => {
    const { Vpc } = await ec2.createVpc({ CidrBlock: '10.0.0.0/16', TagSpecifications: vpcTag('net-a') });
    const vpcId = Vpc!.VpcId!;
    assert.match(vpcId, /^vpc-[0-9a-f]{17}$/);
    assert.equal(Vpc!.State, 'pending');
    assert.equal(Vpc!.IsDefault, false);
    const [found] = (await ec2.describeVpcs({ Filters: [{ Name: 'tag:Name', Values: ['net-*'] }] })).Vpcs!;
    assert.deepEqual([found.VpcId, found.State, found.CidrBlock], [vpcId, 'available', '10.0.0.0/16']);

    // What every VPC comes with.
    const [group] = (await ec2.describeSecurityGroups({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).SecurityGroups!;
    assert.equal(group.GroupName, 'default');
    assert.deepEqual(group.IpPermissionsEgress!.map((p) => [p.IpProtocol, p.IpRanges![0].CidrIp]), [['-1', '0.0.0.0/0']]);
    const [main] = (await ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).RouteTables!;
    assert.deepEqual(main.Routes, [{ DestinationCidrBlock: '10.0.0.0/16', GatewayId: 'local', Origin: 'CreateRouteTable', State: 'active' }]);
    assert.equal(main.Associations![0].Main, true);

    assert.deepEqual((await ec2.describeVpcAttribute({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })).EnableDnsHostnames, { Value: false });
    await ec2.modifyVpcAttribute({ VpcId: vpcId, EnableDnsHostnames: { Value: true } });
    assert.deepEqual((await ec2.describeVpcAttribute({ VpcId: vpcId, Attribute: 'enableDnsHostnames' })).EnableDnsHostnames, { Value: true });
    assert.deepEqual((await ec2.describeVpcAttribute({ VpcId: vpcId, Attribute: 'enableDnsSupport' })).EnableDnsSupport, { Value: true });
    await assert.rejects(ec2.modifyVpcAttribute({ VpcId: vpcId, EnableDnsSupport: { Value: true }, EnableDnsHostnames: { Value: true } }), { name: 'InvalidParameterCombination' });

    await assert.rejects(ec2.createVpc({ CidrBlock: '10.0.0.0/8' }), { name: 'InvalidVpc.Range', message: "The CIDR '10.0.0.0/8' is invalid." });
    await assert.rejects(ec2.createVpc({ CidrBlock: '10.0.0.1/16' }), { name: 'InvalidParameterValue', message: 'Value (10.0.0.1/16) for parameter cidrBlock is invalid. This is not a valid CIDR block.' });
    await assert.rejects(ec2.describeVpcs({ VpcIds: ['vpc-0123456789abcdef0'] }), { name: 'InvalidVpcID.NotFound', message: "The vpc ID 'vpc-0123456789abcdef0' does not exist" });
    await assert.rejects(ec2.deleteVpc({ VpcId: 'vpc-nope' }), { name: 'InvalidVpcID.Malformed', message: 'Invalid id: "vpc-nope" (expecting "vpc-...")' });
    await assert.rejects(ec2.createVpc({ CidrBlock: '10.9.0.0/16', DryRun: true }), { name: 'DryRunOperation' });
    await assert.rejects(ec2.deleteVpc({ VpcId: 'vpc-0123456789abcdef0', DryRun: true }), { name: 'InvalidVpcID.NotFound' });

    const { Subnet } = await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.0.1.0/24' });
    await assert.rejects(ec2.deleteVpc({ VpcId: vpcId }), { name: 'DependencyViolation', message: `The vpc '${vpcId}' has dependencies and cannot be deleted.` });
    await ec2.deleteSubnet({ SubnetId: Subnet!.SubnetId });
    await ec2.deleteVpc({ VpcId: vpcId });
    await assert.rejects(ec2.describeVpcs({ VpcIds: [vpcId] }), { name: 'InvalidVpcID.NotFound' });
    // Its main route table, default ACL and default group went with it.
    assert.deepEqual((await ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).RouteTables, []);
    assert.deepEqual((await ec2.describeNetworkAcls({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).NetworkAcls, []);
    assert.deepEqual((await ec2.describeSecurityGroups({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).SecurityGroups, []);
  });

  test('subnets: inside the VPC, no overlap, free addresses counted, public addresses on launch switchable', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.1.0.0/16' })).Vpc!.VpcId!;
    const { Subnet } = await ec2.createSubnet({
      VpcId: vpcId, CidrBlock: '10.1.1.0/24', AvailabilityZone: 'us-east-1b',
      TagSpecifications: [{ ResourceType: 'subnet', Tags: [{ Key: 'tier', Value: 'web' }] }],
    });
    assert.deepEqual(
      [Subnet!.VpcId, Subnet!.AvailabilityZone, Subnet!.AvailabilityZoneId, Subnet!.AvailableIpAddressCount, Subnet!.MapPublicIpOnLaunch, Subnet!.DefaultForAz],
      [vpcId, 'us-east-1b', 'use1-az2', 251, false, false],
    );
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.1.128/25' }), { name: 'InvalidSubnet.Conflict', message: "The CIDR '10.1.1.128/25' conflicts with another subnet" });
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.2.0.0/24' }), { name: 'InvalidSubnet.Range', message: "The CIDR '10.2.0.0/24' is invalid." });
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.2.0/29' }), { name: 'InvalidSubnet.Range' });
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.2.0/24', AvailabilityZone: 'us-east-1z' }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.createSubnet({ VpcId: 'vpc-0123456789abcdef0', CidrBlock: '10.1.2.0/24' }), { name: 'InvalidVpcID.NotFound' });
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.1.0/26', DryRun: true }), { name: 'InvalidSubnet.Conflict' });
    await assert.rejects(ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.2.0/24', DryRun: true }), { name: 'DryRunOperation' });
    const small = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.1.2.0/28', AvailabilityZone: 'us-east-1c' })).Subnet!;
    assert.equal(small.AvailableIpAddressCount, 11);

    const byTag = (await ec2.describeSubnets({ Filters: [{ Name: 'tag:tier', Values: ['web'] }] })).Subnets!;
    assert.deepEqual(byTag.map((s) => s.SubnetId), [Subnet!.SubnetId]);
    const inZone = (await ec2.describeSubnets({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'availability-zone', Values: ['us-east-1c'] }] })).Subnets!;
    assert.deepEqual(inZone.map((s) => s.CidrBlock), ['10.1.2.0/28']);

    await ec2.modifySubnetAttribute({ SubnetId: Subnet!.SubnetId, MapPublicIpOnLaunch: { Value: true } });
    const [modified] = (await ec2.describeSubnets({ SubnetIds: [Subnet!.SubnetId!] })).Subnets!;
    assert.equal(modified.MapPublicIpOnLaunch, true);
    await assert.rejects(ec2.describeSubnets({ SubnetIds: ['subnet-0123456789abcdef0'] }), { name: 'InvalidSubnetID.NotFound', message: "The subnet ID 'subnet-0123456789abcdef0' does not exist" });
    await assert.rejects(ec2.deleteSubnet({ SubnetId: 'sn-1' }), { name: 'InvalidSubnetID.Malformed' });
  });

  test('internet gateways: attach to one VPC, detach, delete only when detached', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.2.0.0/16' })).Vpc!.VpcId!;
    const { InternetGateway } = await ec2.createInternetGateway({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: [{ Key: 'Name', Value: 'gw' }] }] });
    const igw = InternetGateway!.InternetGatewayId!;
    assert.deepEqual(InternetGateway!.Attachments, []);
    await ec2.attachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    const [attached] = (await ec2.describeInternetGateways({ Filters: [{ Name: 'tag:Name', Values: ['gw'] }] })).InternetGateways!;
    assert.deepEqual(attached.Attachments, [{ VpcId: vpcId, State: 'available' }]);
    await assert.rejects(ec2.attachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId }), { name: 'Resource.AlreadyAssociated' });
    await assert.rejects(ec2.deleteInternetGateway({ InternetGatewayId: igw }), { name: 'DependencyViolation', message: `The internetGateway '${igw}' has dependencies and cannot be deleted.` });
    await assert.rejects(ec2.deleteVpc({ VpcId: vpcId }), { name: 'DependencyViolation' });
    await ec2.detachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    await assert.rejects(ec2.detachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId }), { name: 'Gateway.NotAttached', message: `resource ${igw} is not attached to network ${vpcId}` });
    await ec2.deleteInternetGateway({ InternetGatewayId: igw });
    await assert.rejects(ec2.describeInternetGateways({ InternetGatewayIds: [igw] }), { name: 'InvalidInternetGatewayID.NotFound' });
    await ec2.deleteVpc({ VpcId: vpcId });
  });

  test('route tables: routes to a gateway (blackhole once it goes), associations, what cannot be deleted', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.3.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.3.0.0/24' })).Subnet!.SubnetId!;
    const igw = (await ec2.createInternetGateway({})).InternetGateway!.InternetGatewayId!;
    const { RouteTable } = await ec2.createRouteTable({ VpcId: vpcId, TagSpecifications: [{ ResourceType: 'route-table', Tags: [{ Key: 'Name', Value: 'public' }] }] });
    const rtb = RouteTable!.RouteTableId!;
    assert.deepEqual(RouteTable!.Associations, []);

    await assert.rejects(ec2.createRoute({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }), { name: 'InvalidParameterValue', message: `route table ${rtb} and network gateway ${igw} belong to different networks` });
    await ec2.attachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    assert.deepEqual(await ec2.createRoute({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }).then((o) => o.Return), true);
    await assert.rejects(ec2.createRoute({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw }), { name: 'RouteAlreadyExists', message: 'The route identified by 0.0.0.0/0 already exists.' });
    await assert.rejects(ec2.deleteRoute({ RouteTableId: rtb, DestinationCidrBlock: '10.3.0.0/16' }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.deleteRoute({ RouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16' }), { name: 'InvalidRoute.NotFound' });
    await assert.rejects(ec2.replaceRoute({ RouteTableId: rtb, DestinationCidrBlock: '192.168.0.0/16', GatewayId: igw }), { name: 'InvalidParameterValue' });
    await ec2.replaceRoute({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw });

    const { AssociationId } = await ec2.associateRouteTable({ RouteTableId: rtb, SubnetId: subnetId });
    assert.match(AssociationId!, /^rtbassoc-[0-9a-f]{17}$/);
    await assert.rejects(ec2.associateRouteTable({ RouteTableId: rtb, SubnetId: subnetId }), { name: 'Resource.AlreadyAssociated' });
    const [described] = (await ec2.describeRouteTables({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] })).RouteTables!;
    assert.equal(described.RouteTableId, rtb);
    assert.deepEqual(described.Associations!.map((a) => [a.SubnetId, a.Main, a.AssociationState?.State]), [[subnetId, false, 'associated']]);
    await assert.rejects(ec2.deleteRouteTable({ RouteTableId: rtb }), { name: 'DependencyViolation', message: `The routeTable '${rtb}' has dependencies and cannot be deleted.` });
    const main = (await ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] })).RouteTables![0];
    await assert.rejects(ec2.disassociateRouteTable({ AssociationId: main.Associations![0].RouteTableAssociationId }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.deleteRouteTable({ RouteTableId: main.RouteTableId }), { name: 'DependencyViolation' });
    await assert.rejects(ec2.disassociateRouteTable({ AssociationId: 'rtbassoc-0123456789abcdef0' }), { name: 'InvalidAssociationID.NotFound' });

    await ec2.detachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    const routes = (await ec2.describeRouteTables({ RouteTableIds: [rtb] })).RouteTables![0].Routes!;
    assert.deepEqual(routes.map((r) => [r.DestinationCidrBlock, r.State]), [['10.3.0.0/16', 'active'], ['0.0.0.0/0', 'blackhole']]);

    // ReplaceRouteTableAssociation: the subnet moves to the main table and back, the VPC's main association to `rtb` and back, each with a new id.
    const toMain = (await ec2.replaceRouteTableAssociation({ AssociationId, RouteTableId: main.RouteTableId })).NewAssociationId!;
    assert.notEqual(toMain, AssociationId);
    assert.deepEqual((await ec2.describeRouteTables({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] })).RouteTables!.map((t) => t.RouteTableId), [main.RouteTableId]);
    assert.deepEqual((await ec2.describeRouteTables({ Filters: [{ Name: 'association.route-table-association-id', Values: [AssociationId!] }] })).RouteTables, []);
    const back = (await ec2.replaceRouteTableAssociation({ AssociationId: toMain, RouteTableId: rtb })).NewAssociationId!;
    const mainMoved = (await ec2.replaceRouteTableAssociation({ AssociationId: main.Associations![0].RouteTableAssociationId, RouteTableId: rtb })).NewAssociationId!;
    assert.deepEqual((await ec2.describeRouteTables({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'association.main', Values: ['true'] }] })).RouteTables!.map((t) => t.RouteTableId), [rtb]);
    await ec2.replaceRouteTableAssociation({ AssociationId: mainMoved, RouteTableId: main.RouteTableId });
    const defaultVpcTable = (await ec2.describeRouteTables({ Filters: [{ Name: 'association.main', Values: ['true'] }, { Name: 'vpc-id', Values: [(await ec2.describeVpcs({ Filters: [{ Name: 'is-default', Values: ['true'] }] })).Vpcs![0].VpcId!] }] })).RouteTables![0];
    await assert.rejects(ec2.replaceRouteTableAssociation({ AssociationId: back, RouteTableId: defaultVpcTable.RouteTableId }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.replaceRouteTableAssociation({ AssociationId: 'rtbassoc-0123456789abcdef0', RouteTableId: rtb }), { name: 'InvalidAssociationID.NotFound' });

    await ec2.disassociateRouteTable({ AssociationId: back });
    await ec2.deleteRoute({ RouteTableId: rtb, DestinationCidrBlock: '0.0.0.0/0' });
    await ec2.deleteRouteTable({ RouteTableId: rtb });
    await assert.rejects(ec2.describeRouteTables({ RouteTableIds: [rtb] }), { name: 'InvalidRouteTableID.NotFound' });
    await ec2.deleteInternetGateway({ InternetGatewayId: igw });
    await ec2.deleteSubnet({ SubnetId: subnetId });
    await ec2.deleteVpc({ VpcId: vpcId });
  });

  test('network ACLs: entries, association moves, the default one stays', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.4.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.4.0.0/24' })).Subnet!.SubnetId!;
    const { NetworkAcl } = await ec2.createNetworkAcl({ VpcId: vpcId });
    const aclId = NetworkAcl!.NetworkAclId!;
    assert.deepEqual(NetworkAcl!.Entries!.map((e) => [e.RuleNumber, e.Egress, e.RuleAction]), [[32767, false, 'deny'], [32767, true, 'deny']]);
    const entry = { NetworkAclId: aclId, RuleNumber: 100, Protocol: 'tcp', RuleAction: 'allow' as const, Egress: false, CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } };
    await ec2.createNetworkAclEntry(entry);
    await assert.rejects(ec2.createNetworkAclEntry(entry), { name: 'NetworkAclEntryAlreadyExists' });
    await assert.rejects(ec2.createNetworkAclEntry({ ...entry, RuleNumber: 32767 }), { name: 'InvalidParameterValue' });
    const [withEntry] = (await ec2.describeNetworkAcls({ Filters: [{ Name: 'entry.rule-number', Values: ['100'] }, { Name: 'default', Values: ['false'] }] })).NetworkAcls!;
    assert.deepEqual(withEntry.Entries![0], { RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'allow', CidrBlock: '0.0.0.0/0', PortRange: { From: 22, To: 22 } });

    // ReplaceNetworkAclEntry: the rule in place, checked as a new one; a rule that is not there cannot be replaced.
    await ec2.replaceNetworkAclEntry({ ...entry, RuleAction: 'deny', CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 23 } });
    const replaced = (await ec2.describeNetworkAcls({ NetworkAclIds: [aclId] })).NetworkAcls![0].Entries!.filter((e) => e.RuleNumber === 100);
    assert.deepEqual(replaced, [{ RuleNumber: 100, Egress: false, Protocol: '6', RuleAction: 'deny', CidrBlock: '10.0.0.0/8', PortRange: { From: 22, To: 23 } }]);
    await assert.rejects(ec2.replaceNetworkAclEntry({ ...entry, RuleNumber: 101 }), { name: 'InvalidNetworkAclEntry.NotFound', message: 'The network acl entry identified by 101 ingress does not exist.' });
    await assert.rejects(ec2.replaceNetworkAclEntry({ ...entry, Egress: true }), { name: 'InvalidNetworkAclEntry.NotFound' });
    await assert.rejects(ec2.replaceNetworkAclEntry({ ...entry, RuleAction: 'maybe' as 'allow' }), { name: 'InvalidParameterValue' });

    const [defaultAcl] = (await ec2.describeNetworkAcls({ Filters: [{ Name: 'association.subnet-id', Values: [subnetId] }] })).NetworkAcls!;
    assert.equal(defaultAcl.IsDefault, true);
    const { NewAssociationId } = await ec2.replaceNetworkAclAssociation({ AssociationId: defaultAcl.Associations![0].NetworkAclAssociationId, NetworkAclId: aclId });
    assert.match(NewAssociationId!, /^aclassoc-/);
    await assert.rejects(ec2.deleteNetworkAcl({ NetworkAclId: aclId }), { name: 'DependencyViolation' });
    await assert.rejects(ec2.deleteNetworkAcl({ NetworkAclId: defaultAcl.NetworkAclId }), { name: 'InvalidParameterValue' });
    await ec2.replaceNetworkAclAssociation({ AssociationId: NewAssociationId, NetworkAclId: defaultAcl.NetworkAclId });
    await ec2.deleteNetworkAclEntry({ NetworkAclId: aclId, RuleNumber: 100, Egress: false });
    await assert.rejects(ec2.deleteNetworkAclEntry({ NetworkAclId: aclId, RuleNumber: 100, Egress: false }), { name: 'InvalidNetworkAclEntry.NotFound' });
    await ec2.deleteNetworkAcl({ NetworkAclId: aclId });
    await assert.rejects(ec2.describeNetworkAcls({ NetworkAclIds: [aclId] }), { name: 'InvalidNetworkAclID.NotFound' });
    await ec2.deleteSubnet({ SubnetId: subnetId });
    await ec2.deleteVpc({ VpcId: vpcId });
  });

  test('instances in a subnet of one\'s own: the interface shape, ENIs attached and detached, dependencies', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.5.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.5.1.0/24', AvailabilityZone: 'us-east-1a' })).Subnet!.SubnetId!;
    const igw = (await ec2.createInternetGateway({})).InternetGateway!.InternetGatewayId!;
    await ec2.attachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    const groupId = (await ec2.createSecurityGroup({ GroupName: 'app', Description: 'app', VpcId: vpcId })).GroupId!;
    await ec2.authorizeSecurityGroupEgress({ GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, IpRanges: [{ CidrIp: '10.0.0.0/8' }] }] });
    await ec2.revokeSecurityGroupEgress({ GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] });
    const [app] = (await ec2.describeSecurityGroups({ GroupIds: [groupId] })).SecurityGroups!;
    assert.deepEqual(app.IpPermissionsEgress!.map((p) => [p.IpProtocol, p.FromPort, p.IpRanges![0].CidrIp]), [['tcp', 443, '10.0.0.0/8']]);
    const defaultGroup = (await ec2.describeSecurityGroups({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }, { Name: 'group-name', Values: ['default'] }] })).SecurityGroups![0];

    // A group of another VPC, or an instance-level subnet beside interfaces, is refused.
    const defaultVpcGroup = (await ec2.describeSecurityGroups({ GroupNames: ['default'] })).SecurityGroups![0].GroupId;
    await assert.rejects(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, SubnetId: subnetId, SecurityGroupIds: [defaultVpcGroup!] }), { name: 'InvalidParameter' });
    await assert.rejects(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, SubnetId: subnetId, NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId }] }), { name: 'InvalidParameterCombination' });
    await assert.rejects(ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, SubnetId: subnetId, SecurityGroups: ['app'] }), { name: 'InvalidParameterCombination' });

    const { Instances } = await ec2.runInstances({
      ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro',
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, Groups: [groupId], AssociatePublicIpAddress: true, Description: 'primary' }],
    });
    const id = Instances![0].InstanceId!;
    await running(id);
    const inst = await instanceOf(id);
    assert.deepEqual([inst.VpcId, inst.SubnetId, inst.Placement?.AvailabilityZone], [vpcId, subnetId, 'us-east-1a']);
    assert.equal(inst.PrivateIpAddress, '10.5.1.4');
    assert.match(inst.PublicIpAddress!, /^127\./);
    const [eni] = inst.NetworkInterfaces!;
    assert.match(eni.NetworkInterfaceId!, /^eni-[0-9a-f]{17}$/);
    assert.match(eni.MacAddress!, /^02(:[0-9a-f]{2}){5}$/);
    assert.deepEqual(
      [eni.Description, eni.Status, eni.SourceDestCheck, eni.VpcId, eni.SubnetId, eni.Groups, eni.Ipv6Addresses, eni.InterfaceType],
      ['primary', 'in-use', true, vpcId, subnetId, [{ GroupId: groupId, GroupName: 'app' }], [], 'interface'],
    );
    assert.deepEqual(eni.PrivateIpAddresses, [{
      Primary: true, PrivateIpAddress: '10.5.1.4', PrivateDnsName: 'ip-10-5-1-4.ec2.internal',
      Association: { PublicIp: inst.PublicIpAddress, PublicDnsName: inst.PublicDnsName, IpOwnerId: 'amazon' },
    }]);
    assert.deepEqual([eni.Attachment!.DeviceIndex, eni.Attachment!.Status, eni.Attachment!.DeleteOnTermination], [0, 'attached', true]);
    assert.equal((await ec2.describeSubnets({ SubnetIds: [subnetId] })).Subnets![0].AvailableIpAddressCount, 250);

    // A second interface of one's own, attached at device 1.
    const { NetworkInterface } = await ec2.createNetworkInterface({ SubnetId: subnetId, Description: 'extra', PrivateIpAddress: '10.5.1.50', TagSpecifications: [{ ResourceType: 'network-interface', Tags: [{ Key: 'Name', Value: 'extra' }] }] });
    const extra = NetworkInterface!.NetworkInterfaceId!;
    assert.deepEqual([NetworkInterface!.Status, NetworkInterface!.PrivateIpAddress, NetworkInterface!.Groups], ['available', '10.5.1.50', [{ GroupId: defaultGroup.GroupId, GroupName: 'default' }]]);
    await assert.rejects(ec2.createNetworkInterface({ SubnetId: subnetId, PrivateIpAddress: '10.5.1.50' }), { name: 'InvalidIPAddress.InUse' });
    await assert.rejects(ec2.createNetworkInterface({ SubnetId: subnetId, PrivateIpAddress: '10.5.1.2' }), { name: 'InvalidParameterValue' });
    await assert.rejects(ec2.attachNetworkInterface({ NetworkInterfaceId: extra, InstanceId: id, DeviceIndex: 0 }), { name: 'InvalidParameterValue' });
    const { AttachmentId } = await ec2.attachNetworkInterface({ NetworkInterfaceId: extra, InstanceId: id, DeviceIndex: 1 });
    assert.match(AttachmentId!, /^eni-attach-[0-9a-f]{17}$/);
    assert.deepEqual((await instanceOf(id)).NetworkInterfaces!.map((n) => [n.Attachment!.DeviceIndex, n.Description]), [[0, 'primary'], [1, 'extra']]);
    await assert.rejects(ec2.deleteNetworkInterface({ NetworkInterfaceId: extra }), { name: 'InvalidNetworkInterface.InUse', message: `The network interface '${extra}' is currently in use.` });
    await assert.rejects(ec2.detachNetworkInterface({ AttachmentId: eni.Attachment!.AttachmentId }), { name: 'OperationNotPermitted' });
    const attachedTo = (await ec2.describeNetworkInterfaces({ Filters: [{ Name: 'attachment.instance-id', Values: [id] }] })).NetworkInterfaces!;
    assert.deepEqual(attachedTo.map((n) => n.NetworkInterfaceId).sort(), [eni.NetworkInterfaceId, extra].sort());
    assert.deepEqual((await ec2.describeNetworkInterfaces({ Filters: [{ Name: 'tag:Name', Values: ['extra'] }] })).NetworkInterfaces!.map((n) => n.Attachment?.InstanceId), [id]);

    // DescribeInstances' network-interface.* filters see every interface of the instance; vpc-id and subnet-id the instance's.
    const found = async (Name: string, value: string) => (await ec2.describeInstances({ Filters: [{ Name, Values: [value] }] })).Reservations!.flatMap((r) => r.Instances!.map((i) => i.InstanceId));
    assert.deepEqual(await found('network-interface.network-interface-id', extra), [id]);
    assert.deepEqual(await found('network-interface.addresses.private-ip-address', '10.5.1.50'), [id]);
    assert.deepEqual(await found('network-interface.mac-address', eni.MacAddress!), [id]);
    assert.deepEqual(await found('network-interface.subnet-id', subnetId), [id]);
    assert.deepEqual(await found('network-interface.vpc-id', vpcId), [id]);
    assert.deepEqual(await found('network-interface.description', 'ext*'), [id]);
    assert.deepEqual(await found('network-interface.group-id', groupId), [id]);
    assert.deepEqual(await found('vpc-id', vpcId), [id]);
    assert.deepEqual(await found('subnet-id', subnetId), [id]);
    assert.deepEqual(await found('network-interface.addresses.private-ip-address', '10.5.1.99'), []);
    await assert.rejects(found('network-interface.no-such-thing', 'x'), { name: 'InvalidParameterValue' });

    // DescribeNetworkInterfaceAttribute: one attribute at a time.
    const attribute = (Attribute: string, NetworkInterfaceId = extra) => ec2.describeNetworkInterfaceAttribute({ NetworkInterfaceId, Attribute: Attribute as 'description' });
    assert.deepEqual((await attribute('description')).Description, { Value: 'extra' });
    assert.deepEqual((await attribute('groupSet')).Groups, [{ GroupId: defaultGroup.GroupId, GroupName: 'default' }]);
    assert.deepEqual((await attribute('sourceDestCheck')).SourceDestCheck, { Value: true });
    const attached = (await attribute('attachment')).Attachment!;
    assert.deepEqual([attached.AttachmentId, attached.InstanceId, attached.DeviceIndex, attached.Status], [AttachmentId, id, 1, 'attached']);
    assert.equal((await attribute('associatePublicIpAddress', eni.NetworkInterfaceId)).AssociatePublicIpAddress, true);
    await assert.rejects(attribute('colour'), { name: 'InvalidParameterValue' });
    await assert.rejects(attribute('description', 'eni-0123456789abcdef0'), { name: 'InvalidNetworkInterfaceID.NotFound' });

    // The primary interface's groups and source/dest check are the instance's.
    await ec2.modifyNetworkInterfaceAttribute({ NetworkInterfaceId: eni.NetworkInterfaceId, Groups: [groupId, defaultGroup.GroupId!] });
    await ec2.modifyNetworkInterfaceAttribute({ NetworkInterfaceId: eni.NetworkInterfaceId, SourceDestCheck: { Value: false } });
    const changed = await instanceOf(id);
    assert.deepEqual(changed.SecurityGroups!.map((g) => g.GroupName), ['app', 'default']);
    assert.equal(changed.SourceDestCheck, false);

    // What depends on what.
    await assert.rejects(ec2.deleteSubnet({ SubnetId: subnetId }), { name: 'DependencyViolation', message: `The subnet '${subnetId}' has dependencies and cannot be deleted.` });
    await assert.rejects(ec2.detachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId }), { name: 'DependencyViolation' });
    await assert.rejects(ec2.deleteSecurityGroup({ GroupId: groupId }), { name: 'DependencyViolation' });

    await ec2.detachNetworkInterface({ AttachmentId });
    await ec2.deleteNetworkInterface({ NetworkInterfaceId: extra });
    await ec2.terminateInstances({ InstanceIds: [id] });
    await terminated(id);
    // The primary interface went with the instance; nothing is left in the VPC.
    assert.deepEqual((await ec2.describeNetworkInterfaces({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).NetworkInterfaces, []);
    await ec2.deleteSecurityGroup({ GroupId: groupId });
    await ec2.deleteSubnet({ SubnetId: subnetId });
    await ec2.detachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    await ec2.deleteInternetGateway({ InternetGatewayId: igw });
    await ec2.deleteVpc({ VpcId: vpcId });
  });

  test('a subnet that maps no public address launches private instances; one that does, public ones', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.6.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.6.0.0/24' })).Subnet!.SubnetId!;
    const { Instances } = await ec2.runInstances({ ImageId: ami, MinCount: 2, MaxCount: 2, InstanceType: 't3.nano', SubnetId: subnetId });
    assert.deepEqual(Instances!.map((i) => i.PrivateIpAddress), ['10.6.0.4', '10.6.0.5']);
    for (const i of Instances!) await running(i.InstanceId!);
    assert.equal((await instanceOf(Instances![0].InstanceId!)).PublicIpAddress, undefined);
    assert.equal((await instanceOf(Instances![0].InstanceId!)).NetworkInterfaces![0].Association, undefined);
    await ec2.modifySubnetAttribute({ SubnetId: subnetId, MapPublicIpOnLaunch: { Value: true } });
    const [later] = (await ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano', SubnetId: subnetId })).Instances!;
    assert.match(later.PublicIpAddress!, /^127\./);
    await ec2.terminateInstances({ InstanceIds: [...Instances!.map((i) => i.InstanceId!), later.InstanceId!] });
  });

  test('RunInstances with several interfaces: new ones go with the instance, one\'s own stay', async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.9.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.9.0.0/24', AvailabilityZone: 'us-east-1a' })).Subnet!.SubnetId!;
    const other = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.9.1.0/24', AvailabilityZone: 'us-east-1b' })).Subnet!.SubnetId!;
    const mine = (await ec2.createNetworkInterface({ SubnetId: subnetId, Description: 'mine' })).NetworkInterface!.NetworkInterfaceId!;
    const launch = (interfaces: Parameters<EC2['runInstances']>[0]['NetworkInterfaces']) => ec2.runInstances({ ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano', NetworkInterfaces: interfaces });
    await assert.rejects(launch([{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: true }, { DeviceIndex: 1, NetworkInterfaceId: mine }]), { name: 'InvalidParameterCombination' });
    await assert.rejects(launch([{ DeviceIndex: 0, SubnetId: subnetId }, { DeviceIndex: 1, SubnetId: other }]), { name: 'InvalidParameterCombination' });
    await assert.rejects(launch([{ DeviceIndex: 1, SubnetId: subnetId }]), { name: 'InvalidParameterValue' });
    const [inst] = (await launch([{ DeviceIndex: 0, SubnetId: subnetId }, { DeviceIndex: 1, NetworkInterfaceId: mine }])).Instances!;
    assert.deepEqual(inst.NetworkInterfaces!.map((n) => [n.Attachment!.DeviceIndex, n.Attachment!.DeleteOnTermination]), [[0, true], [1, false]]);
    assert.equal(inst.NetworkInterfaces![1].NetworkInterfaceId, mine);
    await running(inst.InstanceId!);
    await ec2.terminateInstances({ InstanceIds: [inst.InstanceId!] });
    await terminated(inst.InstanceId!);
    const left = (await ec2.describeNetworkInterfaces({ Filters: [{ Name: 'vpc-id', Values: [vpcId] }] })).NetworkInterfaces!;
    assert.deepEqual(left.map((n) => [n.NetworkInterfaceId, n.Status]), [[mine, 'available']]);
    await ec2.deleteNetworkInterface({ NetworkInterfaceId: mine });
    for (const id of [subnetId, other]) await ec2.deleteSubnet({ SubnetId: id });
    await ec2.deleteVpc({ VpcId: vpcId });
  });

  test('SSH reaches an instance launched into a new subnet', { skip: missingBwrap }, async () => {
    const vpcId = (await ec2.createVpc({ CidrBlock: '10.7.0.0/16' })).Vpc!.VpcId!;
    const subnetId = (await ec2.createSubnet({ VpcId: vpcId, CidrBlock: '10.7.0.0/24' })).Subnet!.SubnetId!;
    const igw = (await ec2.createInternetGateway({})).InternetGateway!.InternetGatewayId!;
    await ec2.attachInternetGateway({ InternetGatewayId: igw, VpcId: vpcId });
    const key = await ec2.createKeyPair({ KeyName: 'net', KeyType: 'ed25519' });
    const identityFile = join(w.home, 'net.pem');
    writeFileSync(identityFile, key.KeyMaterial!, { mode: 0o600 });
    const [inst] = (await ec2.runInstances({
      ImageId: ami, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', KeyName: 'net',
      NetworkInterfaces: [{ DeviceIndex: 0, SubnetId: subnetId, AssociatePublicIpAddress: true }],
    })).Instances!;
    await running(inst.InstanceId!);
    const conn = await ssh(w.session, inst.InstanceId!, { user: 'ec2-user', identityFile });
    try {
      assert.deepEqual(await conn.run('hostname'), { stdout: 'ip-10-7-0-4\n', stderr: '', exitCode: 0 });
    } finally {
      conn.close();
    }
    await ec2.terminateInstances({ InstanceIds: [inst.InstanceId!] });
  });

  test('the AWS CLI agrees: create-vpc, create-subnet, describe-subnets, DependencyViolation', { skip: awsCliMissing }, async () => {
    const vpc = await awsCli(w.sandbox, ['ec2', 'create-vpc', '--cidr-block', '10.8.0.0/16', '--tag-specifications', 'ResourceType=vpc,Tags=[{Key=Name,Value=cli}]']);
    assert.equal(vpc.status, 0, vpc.stderr);
    const vpcId = vpc.json().Vpc.VpcId;
    const subnet = await awsCli(w.sandbox, ['ec2', 'create-subnet', '--vpc-id', vpcId, '--cidr-block', '10.8.3.0/24', '--availability-zone', 'us-east-1d']);
    assert.equal(subnet.status, 0, subnet.stderr);
    const listed = await awsCli(w.sandbox, ['ec2', 'describe-subnets', '--filters', `Name=vpc-id,Values=${vpcId}`]);
    assert.deepEqual(listed.json().Subnets.map((s: any) => [s.CidrBlock, s.AvailabilityZone, s.AvailableIpAddressCount, s.MapPublicIpOnLaunch]), [['10.8.3.0/24', 'us-east-1d', 251, false]]);
    const refused = await awsCli(w.sandbox, ['ec2', 'delete-vpc', '--vpc-id', vpcId]);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, new RegExp(`\\(DependencyViolation\\) when calling the DeleteVpc operation: The vpc '${vpcId}' has dependencies and cannot be deleted\\.`));
    const conflict = await awsCli(w.sandbox, ['ec2', 'create-subnet', '--vpc-id', vpcId, '--cidr-block', '10.8.3.0/25']);
    assert.match(conflict.stderr, /\(InvalidSubnet\.Conflict\)/);
    assert.equal((await awsCli(w.sandbox, ['ec2', 'delete-subnet', '--subnet-id', subnet.json().Subnet.SubnetId])).status, 0);
    assert.equal((await awsCli(w.sandbox, ['ec2', 'delete-vpc', '--vpc-id', vpcId])).status, 0);
  });
});

describe('networks at the prompt', () => {
  test('ec2.vpcs() and ec2.subnets() give resource objects', async (t) => {
    const { prompt } = await promptOnSandbox(t);
    assert.match(await prompt.type("const [vpc] = await ec2.vpcs({'is-default': true}); vpc"), /^Vpc:vpc-[0-9a-f]{17}$/);
    assert.equal(await prompt.type('vpc.cidrBlock'), "'172.31.0.0/16'");
    assert.match(await prompt.type("(await ec2.subnets({'availability-zone': 'us-east-1b'}))[0]"), /^Subnet:subnet-[0-9a-f]{17}$/);
    assert.equal(await prompt.type('(await vpc.subnets()).length'), '6');
    assert.match(await prompt.type("await ec2.subnets('subnet-1')"), /filters are an object, not 'subnet-1' — e\.g\. \{'subnet-id': 'subnet-1'\}/);
  });

  test('.cleanup deletes a network made at the prompt from the inside out', async (t) => {
    const { sandbox, prompt } = await promptOnSandbox(t);
    await prompt.type("const vpc = (await ec2.createVpc({CidrBlock: '10.0.0.0/16'})).Vpc; 0");
    await prompt.type("const subnet = (await ec2.createSubnet({VpcId: vpc.VpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: 'us-east-1a'})).Subnet; 0");
    await prompt.type("const igw = (await ec2.createInternetGateway({})).InternetGateway; await ec2.attachInternetGateway({InternetGatewayId: igw.InternetGatewayId, VpcId: vpc.VpcId}); 0");
    await prompt.type("const rtb = (await ec2.createRouteTable({VpcId: vpc.VpcId})).RouteTable; 0");
    await prompt.type("await ec2.createRoute({RouteTableId: rtb.RouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: igw.InternetGatewayId}); 0");
    await prompt.type("await ec2.associateRouteTable({RouteTableId: rtb.RouteTableId, SubnetId: subnet.SubnetId}); 0");
    await prompt.type("const acl = (await ec2.createNetworkAcl({VpcId: vpc.VpcId})).NetworkAcl; 0");
    await prompt.type("const sg = await ec2.createSecurityGroup({GroupName: 'app', Description: 'app', VpcId: vpc.VpcId}); 0");
    await prompt.type("const [image] = (await ec2.describeImages({Filters: [{Name: 'architecture', Values: ['x86_64']}]})).Images");
    await prompt.type(
      "const run = await ec2.runInstances({ImageId: image.ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.micro', NetworkInterfaces: [{DeviceIndex: 0, SubnetId: subnet.SubnetId, Groups: [sg.GroupId], AssociatePublicIpAddress: true}]}); const id = run.Instances[0].InstanceId",
    );
    await prompt.type("await ec2.waitUntilInstanceRunning({InstanceIds: [id]}, {maxWaitTime: 60, minDelay: 0.1, maxDelay: 0.2}); 0");
    await prompt.type("const eni = (await ec2.createNetworkInterface({SubnetId: subnet.SubnetId})).NetworkInterface; 0");
    await prompt.type("await ec2.attachNetworkInterface({NetworkInterfaceId: eni.NetworkInterfaceId, InstanceId: id, DeviceIndex: 1}); 0");

    const listed = await prompt.type('.created');
    const order = listed.split('\n').slice(1).map((l) => l.trim().split(':')[0]);
    const at = (kind: string) => order.indexOf(kind);
    assert.equal(order.length, 8, listed);
    assert.ok(at('Instance') < at('NetworkInterface') && at('NetworkInterface') < at('Subnet'), listed);
    assert.ok(at('Subnet') < at('RouteTable') && at('Subnet') < at('NetworkAcl'), listed);
    assert.ok(at('RouteTable') < at('InternetGateway') && at('NetworkAcl') < at('InternetGateway'), listed);
    assert.ok(at('InternetGateway') < at('Vpc') && at('SecurityGroup') < at('Vpc'), listed);
    assert.match(listed, /Vpc:vpc-\w+ \(10\.0\.0\.0\/16\)/);

    assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 60_000), /Cleaned up: 8 deleted, nothing left\./);
    const ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    assert.deepEqual((await ec2.describeVpcs({ Filters: [{ Name: 'is-default', Values: ['false'] }] })).Vpcs, []);
    assert.equal((await ec2.describeInternetGateways({})).InternetGateways!.length, 1);
    assert.equal((await ec2.describeSubnets({})).Subnets!.length, 6);
    assert.deepEqual((await ec2.describeNetworkInterfaces({})).NetworkInterfaces, []);
  });
});

test('a sandbox state saved before networking gets its network on restart', async () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'paws-ec2-network-upgrade-'));
  try {
    let sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.02 });
    let ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    const [image] = (await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] })).Images!;
    const [launched] = (await ec2.runInstances({ ImageId: image.ImageId, MinCount: 1, MaxCount: 1, InstanceType: 't3.nano' })).Instances!;
    await sandbox.close();
    // What an older sandbox saved: no gateways, route tables, ACLs or interfaces.
    const file = join(stateDir, 'state', 'ec2.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    for (const byRegion of Object.values<any>(saved)) {
      for (const region of Object.values<any>(byRegion)) for (const key of ['internetGateways', 'routeTables', 'networkAcls', 'networkInterfaces']) delete region[key];
    }
    writeFileSync(file, JSON.stringify(saved));

    sandbox = await startSandbox({ port: 0, stateDir, timeScale: 0.02 });
    ec2 = new EC2({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials });
    const [main] = (await ec2.describeRouteTables({ Filters: [{ Name: 'association.main', Values: ['true'] }] })).RouteTables!;
    assert.deepEqual(main.Routes!.map((r) => [r.DestinationCidrBlock, r.State]), [['172.31.0.0/16', 'active'], ['0.0.0.0/0', 'active']]);
    assert.equal((await ec2.describeNetworkAcls({})).NetworkAcls![0].Associations!.length, 6);
    const [inst] = (await ec2.describeInstances({ InstanceIds: [launched.InstanceId!] })).Reservations![0].Instances!;
    assert.deepEqual(inst.NetworkInterfaces!.map((n) => [n.PrivateIpAddress, n.Attachment?.DeviceIndex]), [[launched.PrivateIpAddress, 0]]);
    await sandbox.close();
  } finally {
    rmSync(stateDir, { recursive: true, force: true });
  }
});
