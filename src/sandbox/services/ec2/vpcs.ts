/**
 * VPCs: create (with the main route table, default network ACL and `default` security group every
 * VPC comes with), describe, delete (only once nothing else is left in it), and the DNS attributes.
 */
import type { Vpc } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { parseCidr } from './cidr.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { addVpc } from './network-records.js';
import { regionState } from './state.js';
import type { Ec2RegionState, Input, Output, VpcAttributeName, VpcRecord } from './types.js';

/** AWS's default quota of VPCs per region. */
const VPC_LIMIT = 5;

/** A VPC's CIDR block, checked as CreateVpc checks it. */
export function vpcCidr(text: string | undefined) {
  if (!text) throw new AwsError('MissingParameter', 'Either \'cidrBlock\' or \'ipv4IpamPoolId\' should be provided.');
  const cidr = parseCidr(text);
  if (!cidr) throw new AwsError('InvalidParameterValue', `Value (${text}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  if (cidr.prefix < 16 || cidr.prefix > 28) throw new AwsError('InvalidVpc.Range', `The CIDR '${text}' is invalid.`);
  return cidr;
}

/** What CreateVpc would create, every parameter checked (a DryRun stops here). */
export function vpcPlan(input: Input<'CreateVpc'>, ctx: RequestContext) {
  vpcCidr(input.CidrBlock);
  if (Object.keys(regionState(ctx).vpcs).length >= VPC_LIMIT) throw new AwsError('VpcLimitExceeded', 'The maximum number of VPCs has been reached.');
  return { cidrBlock: input.CidrBlock!, tags: specTags(input.TagSpecifications, 'vpc') };
}

const ATTRIBUTE_DEFAULTS = (vpc: VpcRecord): Record<VpcAttributeName, boolean> => ({
  enableDnsSupport: true,
  enableDnsHostnames: vpc.isDefault,
  enableNetworkAddressUsageMetrics: false,
});

function attribute(vpc: VpcRecord, name: VpcAttributeName): boolean {
  return vpc.attributes?.[name] ?? ATTRIBUTE_DEFAULTS(vpc)[name];
}

function vpcShape(vpc: VpcRecord, ownerId: string, state: 'pending' | 'available'): Wire<Vpc> {
  return {
    VpcId: vpc.vpcId,
    CidrBlock: vpc.cidrBlock,
    State: state,
    OwnerId: ownerId,
    InstanceTenancy: 'default',
    DhcpOptionsId: 'default',
    IsDefault: vpc.isDefault,
    CidrBlockAssociationSet: [{ AssociationId: `vpc-cidr-assoc-${vpc.vpcId.slice(4)}`, CidrBlock: vpc.cidrBlock, CidrBlockState: { State: 'associated' } }],
    Tags: tagList(vpc.tags),
  };
}

export function createVpc(input: Input<'CreateVpc'>, ctx: RequestContext): Output<'CreateVpc'> {
  const { cidrBlock, tags } = vpcPlan(input, ctx);
  const vpc = addVpc(regionState(ctx), ctx.accountId, { cidrBlock, isDefault: false, tags });
  return { Vpc: vpcShape(vpc, ctx.accountId, 'pending') };
}

export function describeVpcs(input: Input<'DescribeVpcs'>, ctx: RequestContext): Output<'DescribeVpcs'> {
  const state = regionState(ctx);
  const picked = namedOrAll('vpc', state.vpcs, input.VpcIds);
  const vpcs = applyFilters(picked, input.Filters, {
    'vpc-id': (v) => v.vpcId,
    'is-default': (v) => v.isDefault,
    isDefault: (v) => v.isDefault,
    'cidr-block': (v) => v.cidrBlock,
    cidr: (v) => v.cidrBlock,
    'cidr-block-association.cidr-block': (v) => v.cidrBlock,
    'owner-id': () => ctx.accountId,
    'dhcp-options-id': () => 'default',
    state: () => 'available',
  });
  return { Vpcs: vpcs.map((v) => vpcShape(v, ctx.accountId, 'available')) };
}

/** What still keeps a VPC from being deleted: anything but what it came with. */
function hasDependencies(state: Ec2RegionState, vpcId: string): boolean {
  return (
    Object.values(state.subnets).some((s) => s.vpcId === vpcId) ||
    Object.values(state.internetGateways).some((g) => g.vpcId === vpcId) ||
    Object.values(state.networkInterfaces).some((e) => e.vpcId === vpcId) ||
    Object.values(state.securityGroups).some((g) => g.vpcId === vpcId && g.groupName !== 'default') ||
    Object.values(state.routeTables).some((r) => r.vpcId === vpcId && !r.mainAssociationId) ||
    Object.values(state.networkAcls).some((a) => a.vpcId === vpcId && !a.isDefault)
  );
}

export function deleteVpc(input: Input<'DeleteVpc'>, ctx: RequestContext): Output<'DeleteVpc'> {
  const state = regionState(ctx);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  if (hasDependencies(state, vpc.vpcId)) throw new AwsError('DependencyViolation', `The vpc '${vpc.vpcId}' has dependencies and cannot be deleted.`);
  for (const table of [state.routeTables, state.networkAcls, state.securityGroups] as Array<Record<string, { vpcId: string }>>) {
    for (const [id, r] of Object.entries(table)) if (r.vpcId === vpc.vpcId) delete table[id];
  }
  delete state.vpcs[vpc.vpcId];
  return {};
}

const ATTRIBUTES: VpcAttributeName[] = ['enableDnsSupport', 'enableDnsHostnames', 'enableNetworkAddressUsageMetrics'];
const INPUT_NAMES = { enableDnsSupport: 'EnableDnsSupport', enableDnsHostnames: 'EnableDnsHostnames', enableNetworkAddressUsageMetrics: 'EnableNetworkAddressUsageMetrics' } as const;

export function describeVpcAttribute(input: Input<'DescribeVpcAttribute'>, ctx: RequestContext): Output<'DescribeVpcAttribute'> {
  const vpc = findOne('vpc', regionState(ctx).vpcs, input.VpcId);
  const name = input.Attribute as VpcAttributeName | undefined;
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter attribute');
  if (!ATTRIBUTES.includes(name)) throw new AwsError('InvalidParameterValue', `Value (${name}) for parameter attribute is invalid. Unknown attribute.`);
  return { VpcId: vpc.vpcId, [INPUT_NAMES[name]]: { Value: attribute(vpc, name) } };
}

/** One attribute per call, as on AWS. */
export function modifyVpcAttribute(input: Input<'ModifyVpcAttribute'>, ctx: RequestContext): Output<'ModifyVpcAttribute'> {
  const vpc = findOne('vpc', regionState(ctx).vpcs, input.VpcId);
  const given = ATTRIBUTES.filter((name) => input[INPUT_NAMES[name]]?.Value !== undefined);
  if (given.length !== 1) {
    throw new AwsError('InvalidParameterCombination', given.length ? `Fields for multiple attribute types specified: ${given.join(', ')}` : 'No attributes specified.');
  }
  const name = given[0];
  const value = input[INPUT_NAMES[name]]!.Value!;
  if (name === 'enableDnsHostnames' && value && !attribute(vpc, 'enableDnsSupport')) {
    throw new AwsError('InvalidParameterValue', 'Cannot enable DNS hostnames without DNS support enabled.');
  }
  vpc.attributes = { ...vpc.attributes, [name]: value };
  return {};
}
