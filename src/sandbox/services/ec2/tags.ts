/** CreateTags, DeleteTags and DescribeTags over every taggable resource of the region. */
import type { TagDescription } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { applyFilters, paginate } from './filters.js';
import { regionState } from './state.js';
import type { Ec2RegionState, Input, Output } from './types.js';

/** Resource id prefix → the collection holding it and its DescribeTags resource type. */
const KINDS: Array<[string, string, (s: Ec2RegionState) => Array<{ tags: Record<string, string> } & Record<string, any>>, string]> = [
  ['i', 'instance', (s) => Object.values(s.instances), 'instanceId'],
  ['vol', 'volume', (s) => Object.values(s.volumes), 'volumeId'],
  ['snap', 'snapshot', (s) => Object.values(s.snapshots), 'snapshotId'],
  ['sg', 'security-group', (s) => Object.values(s.securityGroups), 'groupId'],
  ['key', 'key-pair', (s) => Object.values(s.keyPairs), 'keyPairId'],
  ['eipalloc', 'elastic-ip', (s) => Object.values(s.addresses), 'allocationId'],
  ['vpc', 'vpc', (s) => Object.values(s.vpcs), 'vpcId'],
  ['subnet', 'subnet', (s) => Object.values(s.subnets), 'subnetId'],
  ['igw', 'internet-gateway', (s) => Object.values(s.internetGateways), 'internetGatewayId'],
  ['rtb', 'route-table', (s) => Object.values(s.routeTables), 'routeTableId'],
  ['acl', 'network-acl', (s) => Object.values(s.networkAcls), 'networkAclId'],
  ['eni', 'network-interface', (s) => Object.values(s.networkInterfaces), 'networkInterfaceId'],
  ['ami', 'image', (s) => Object.values(s.images), 'imageId'],
  ['lt', 'launch-template', (s) => Object.values(s.launchTemplates), 'launchTemplateId'],
];

function taggable(state: Ec2RegionState, id: string): { tags: Record<string, string> } {
  const prefix = id.split('-')[0];
  const kind = KINDS.find(([p]) => p === prefix);
  if (!kind) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  const found = kind[2](state).find((r) => r[kind[3]] === id);
  if (!found) {
    const code = { i: 'InvalidInstanceID', vol: 'InvalidVolume', snap: 'InvalidSnapshot', sg: 'InvalidGroup', key: 'InvalidKeyPair', eipalloc: 'InvalidAllocationID', vpc: 'InvalidVpcID', subnet: 'InvalidSubnetID',
      igw: 'InvalidInternetGatewayID', rtb: 'InvalidRouteTableID', acl: 'InvalidNetworkAclID', eni: 'InvalidNetworkInterfaceID', ami: 'InvalidAMIID', lt: 'InvalidLaunchTemplateId' }[prefix];
    throw new AwsError(`${code}.NotFound`, `The ID '${id}' does not exist`);
  }
  return found;
}

export function createTags(input: Input<'CreateTags'>, ctx: RequestContext): Output<'CreateTags'> {
  const state = regionState(ctx);
  const resources = (input.Resources ?? []).map((id) => taggable(state, id));
  for (const t of input.Tags ?? []) {
    if (!t.Key) throw new AwsError('InvalidParameterValue', 'Tag keys must not be empty');
    if (t.Key.startsWith('aws:')) throw new AwsError('InvalidParameterValue', `Tag keys starting with 'aws:' are reserved for internal use`);
  }
  for (const r of resources) {
    for (const t of input.Tags ?? []) r.tags[t.Key!] = t.Value ?? '';
    if (Object.keys(r.tags).length > 50) throw new AwsError('TagLimitExceeded', 'The maximum number of Tags for a resource has been reached.');
  }
  return {};
}

/** Without Tags every tag goes; a tag with no Value goes whatever its value; with a Value only if it matches. */
export function deleteTags(input: Input<'DeleteTags'>, ctx: RequestContext): Output<'DeleteTags'> {
  const state = regionState(ctx);
  for (const r of (input.Resources ?? []).map((id) => taggable(state, id))) {
    if (!input.Tags?.length) {
      for (const key of Object.keys(r.tags)) delete r.tags[key];
      continue;
    }
    for (const t of input.Tags) if (t.Key && (t.Value === undefined || r.tags[t.Key] === t.Value)) delete r.tags[t.Key];
  }
  return {};
}

export function describeTags(input: Input<'DescribeTags'>, ctx: RequestContext): Output<'DescribeTags'> {
  const state = regionState(ctx);
  const rows = KINDS.flatMap(([, type, all, idField]) =>
    all(state).flatMap((r) => Object.entries(r.tags).map(([key, value]) => ({ id: r[idField] as string, type, key, value, tags: {} }))),
  );
  const matched = applyFilters(rows, input.Filters, { 'resource-id': (r) => r.id, 'resource-type': (r) => r.type, key: (r) => r.key, value: (r) => r.value });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  return { Tags: page.map((r): Wire<TagDescription> => ({ ResourceId: r.id, ResourceType: r.type, Key: r.key, Value: r.value })), NextToken: nextToken };
}
