/** Security groups and their rules (groups live in a VPC; names are looked up in the default VPC). */
import type { IpPermission as IpPermissionShape, IpRange, Ipv6Range, SecurityGroup, SecurityGroupRule, UserIdGroupPair } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findAll, findOne } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import { allowAllOut } from './network-records.js';
import { defaultVpc, newId, regionState } from './state.js';
import type { Ec2RegionState, Input, IpRule, Output, SecurityGroupRecord } from './types.js';

interface IpPermission {
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  IpRanges?: Array<{ CidrIp?: string; Description?: string }>;
  Ipv6Ranges?: Array<{ CidrIpv6?: string; Description?: string }>;
  UserIdGroupPairs?: Array<{ GroupId?: string; GroupName?: string; Description?: string }>;
}

interface RuleInput {
  GroupId?: string;
  GroupName?: string;
  IpProtocol?: string;
  FromPort?: number;
  ToPort?: number;
  CidrIp?: string;
  SourceSecurityGroupName?: string;
  IpPermissions?: IpPermission[];
}

const PROTOCOLS: Record<string, string> = { '6': 'tcp', '17': 'udp', '1': 'icmp', all: '-1' };

export function liveInstances(state: Ec2RegionState) {
  return Object.values(state.instances).filter((i) => i.state !== 'terminated');
}

/** A group by id, or by name in the default VPC, as the *SecurityGroup* calls take them. */
export function findGroup(state: Ec2RegionState, id?: string, name?: string): SecurityGroupRecord {
  if (id) return findOne('group', state.securityGroups, id);
  const vpc = defaultVpc(state);
  const group = Object.values(state.securityGroups).find((g) => g.groupName === name && g.vpcId === vpc.vpcId);
  if (!name) throw new AwsError('MissingParameter', 'The request must contain the parameter groupName or groupId');
  if (!group) throw new AwsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC '${vpc.vpcId}'`);
  return group;
}

export function createSecurityGroup(input: Input<'CreateSecurityGroup'>, ctx: RequestContext): Output<'CreateSecurityGroup'> {
  const state = regionState(ctx);
  if (!input.GroupName) throw new AwsError('MissingParameter', 'The request must contain the parameter GroupName');
  if (!input.Description) throw new AwsError('MissingParameter', 'The request must contain the parameter GroupDescription');
  const vpcId = input.VpcId ? findOne('vpc', state.vpcs, input.VpcId).vpcId : defaultVpc(state).vpcId;
  if (input.GroupName === 'default' || Object.values(state.securityGroups).some((g) => g.groupName === input.GroupName && g.vpcId === vpcId)) {
    throw new AwsError('InvalidGroup.Duplicate', `The security group '${input.GroupName}' already exists for VPC '${vpcId}'`);
  }
  const groupId = newId('sg');
  state.securityGroups[groupId] = {
    groupId,
    groupName: input.GroupName,
    description: input.Description,
    vpcId,
    ownerId: ctx.accountId,
    ingress: [],
    egress: [allowAllOut()],
    tags: specTags(input.TagSpecifications, 'security-group'),
  };
  return { GroupId: groupId, Tags: tagList(state.securityGroups[groupId].tags), SecurityGroupArn: arn(ctx, groupId) };
}

function arn(ctx: RequestContext, groupId: string): string {
  return `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group/${groupId}`;
}

/** The rules a request names, one per peer, in the sandbox's flat form. */
function rulesOf(state: Ec2RegionState, input: RuleInput): Omit<IpRule, 'ruleId'>[] {
  const perms: IpPermission[] = input.IpPermissions?.length
    ? input.IpPermissions
    : [{
        IpProtocol: input.IpProtocol,
        FromPort: input.FromPort,
        ToPort: input.ToPort,
        IpRanges: input.CidrIp ? [{ CidrIp: input.CidrIp }] : undefined,
        UserIdGroupPairs: input.SourceSecurityGroupName ? [{ GroupName: input.SourceSecurityGroupName }] : undefined,
      }];
  return perms.flatMap((p) => {
    const raw = (p.IpProtocol ?? '').toLowerCase();
    const ipProtocol = PROTOCOLS[raw] ?? raw;
    if (!['tcp', 'udp', 'icmp', '-1'].includes(ipProtocol)) throw new AwsError('InvalidParameterValue', `Invalid value '${p.IpProtocol}' for IP protocol. Unknown protocol.`);
    const ports = ipProtocol === '-1' ? {} : { fromPort: p.FromPort, toPort: p.ToPort };
    if (ipProtocol !== '-1' && (ports.fromPort === undefined || ports.toPort === undefined)) {
      throw new AwsError('InvalidParameterValue', 'Invalid value for portRange. Must specify both from and to ports with TCP/UDP.');
    }
    if (ports.fromPort !== undefined && ports.toPort !== undefined && ipProtocol !== 'icmp' && ports.fromPort > ports.toPort) {
      throw new AwsError('InvalidParameterValue', `Invalid TCP/UDP port range (${ports.fromPort}, ${ports.toPort})`);
    }
    const peers: Array<Partial<IpRule>> = [
      ...(p.IpRanges ?? []).map((r) => {
        if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(r.CidrIp ?? '')) throw new AwsError('InvalidParameterValue', `CIDR block ${r.CidrIp} is malformed`);
        return { cidrIp: r.CidrIp, description: r.Description };
      }),
      ...(p.Ipv6Ranges ?? []).map((r) => ({ cidrIpv6: r.CidrIpv6, description: r.Description })),
      ...(p.UserIdGroupPairs ?? []).map((pair) => ({ groupId: findGroup(state, pair.GroupId, pair.GroupName).groupId, description: pair.Description })),
    ];
    if (!peers.length) throw new AwsError('InvalidParameterValue', 'The request must specify a CIDR block, IPv6 CIDR block or source security group');
    return peers.map((peer) => ({ ipProtocol, ...ports, ...peer }));
  });
}

const sameRule = (a: Omit<IpRule, 'ruleId'>, b: Omit<IpRule, 'ruleId'>) =>
  a.ipProtocol === b.ipProtocol && a.fromPort === b.fromPort && a.toPort === b.toPort && a.cidrIp === b.cidrIp && a.cidrIpv6 === b.cidrIpv6 && a.groupId === b.groupId;

function describeRule(r: Omit<IpRule, 'ruleId'>): string {
  const proto = r.ipProtocol === '-1' ? 'ALL' : r.ipProtocol.toUpperCase();
  const ports = r.ipProtocol === '-1' ? '' : `, from port: ${r.fromPort}, to port: ${r.toPort}`;
  return `peer: ${r.cidrIp ?? r.cidrIpv6 ?? r.groupId}, ${proto}${ports}, ALLOW`;
}

function authorize(direction: 'ingress' | 'egress') {
  return (input: RuleInput, ctx: RequestContext): Output<'AuthorizeSecurityGroupIngress'> => {
    const state = regionState(ctx);
    const group = findGroup(state, input.GroupId, input.GroupName);
    const rules = rulesOf(state, input);
    for (const rule of rules) {
      if (group[direction].some((r) => sameRule(r, rule)) || rules.filter((r) => sameRule(r, rule)).length > 1) {
        throw new AwsError('InvalidPermission.Duplicate', `the specified rule "${describeRule(rule)}" already exists`);
      }
    }
    const added = rules.map((r) => ({ ...r, ruleId: newId('sgr') }));
    group[direction].push(...added);
    return { Return: true, SecurityGroupRules: added.map((r) => ruleShape(ctx, group, r, direction === 'egress')) };
  };
}

function revoke(direction: 'ingress' | 'egress') {
  return (input: RuleInput & { SecurityGroupRuleIds?: string[] }, ctx: RequestContext): Output<'RevokeSecurityGroupIngress'> => {
    const state = regionState(ctx);
    const group = findGroup(state, input.GroupId, input.GroupName);
    const doomed = input.SecurityGroupRuleIds?.length
      ? input.SecurityGroupRuleIds.map((id) => {
          const rule = group[direction].find((r) => r.ruleId === id);
          if (!rule) throw new AwsError('InvalidSecurityGroupRuleId.NotFound', `The security group rule ID '${id}' does not exist`);
          return rule;
        })
      : rulesOf(state, input).map((rule) => {
          const found = group[direction].find((r) => sameRule(r, rule));
          if (!found) throw new AwsError('InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
          return found;
        });
    group[direction] = group[direction].filter((r) => !doomed.includes(r));
    return { Return: true };
  };
}

export const authorizeSecurityGroupIngress = authorize('ingress');
export const authorizeSecurityGroupEgress = authorize('egress');
export const revokeSecurityGroupIngress = revoke('ingress');
export const revokeSecurityGroupEgress = revoke('egress');

function ruleShape(ctx: RequestContext, g: SecurityGroupRecord, r: IpRule, isEgress: boolean) {
  return {
    SecurityGroupRuleId: r.ruleId,
    GroupId: g.groupId,
    GroupOwnerId: g.ownerId,
    IsEgress: isEgress,
    IpProtocol: r.ipProtocol,
    FromPort: r.fromPort ?? -1,
    ToPort: r.toPort ?? -1,
    CidrIpv4: r.cidrIp,
    CidrIpv6: r.cidrIpv6,
    ReferencedGroupInfo: r.groupId ? { GroupId: r.groupId, UserId: g.ownerId } : undefined,
    Description: r.description,
    SecurityGroupRuleArn: `arn:aws:ec2:${ctx.region}:${ctx.accountId}:security-group-rule/${r.ruleId}`,
  } satisfies Wire<SecurityGroupRule>;
}

/** Rules grouped by protocol and ports, as IpPermissions lists them. */
function permissions(rules: IpRule[], ownerId: string) {
  const groups = new Map<string, IpRule[]>();
  for (const r of rules) {
    const key = `${r.ipProtocol}/${r.fromPort}/${r.toPort}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((rs): Wire<IpPermissionShape> => ({
    IpProtocol: rs[0].ipProtocol,
    FromPort: rs[0].fromPort,
    ToPort: rs[0].toPort,
    IpRanges: rs.filter((r) => r.cidrIp).map((r): Wire<IpRange> => ({ CidrIp: r.cidrIp, Description: r.description })),
    Ipv6Ranges: rs.filter((r) => r.cidrIpv6).map((r): Wire<Ipv6Range> => ({ CidrIpv6: r.cidrIpv6, Description: r.description })),
    UserIdGroupPairs: rs.filter((r) => r.groupId).map((r): Wire<UserIdGroupPair> => ({ GroupId: r.groupId, UserId: ownerId, Description: r.description })),
    PrefixListIds: [],
  }));
}

export function describeSecurityGroups(input: Input<'DescribeSecurityGroups'>, ctx: RequestContext): Output<'DescribeSecurityGroups'> {
  const state = regionState(ctx);
  let groups = Object.values(state.securityGroups);
  if (input.GroupIds?.length) groups = findAll('group', state.securityGroups, input.GroupIds);
  if (input.GroupNames?.length) groups = input.GroupNames.map((name) => findGroup(state, undefined, name));
  groups = applyFilters(groups, input.Filters, {
    'group-id': (g) => g.groupId,
    'group-name': (g) => g.groupName,
    description: (g) => g.description,
    'vpc-id': (g) => g.vpcId,
    'owner-id': (g) => g.ownerId,
    'ip-permission.protocol': (g) => g.ingress.map((r) => r.ipProtocol),
    'ip-permission.from-port': (g) => g.ingress.map((r) => r.fromPort),
    'ip-permission.to-port': (g) => g.ingress.map((r) => r.toPort),
    'ip-permission.cidr': (g) => g.ingress.map((r) => r.cidrIp),
  });
  const { page, nextToken } = paginate(groups, input.MaxResults, input.NextToken);
  return {
    NextToken: nextToken,
    SecurityGroups: page.map((g): Wire<SecurityGroup> => ({
      GroupId: g.groupId,
      GroupName: g.groupName,
      Description: g.description,
      VpcId: g.vpcId,
      OwnerId: g.ownerId,
      SecurityGroupArn: arn(ctx, g.groupId),
      IpPermissions: permissions(g.ingress, g.ownerId),
      IpPermissionsEgress: permissions(g.egress, g.ownerId),
      Tags: tagList(g.tags),
    })),
  };
}

export function describeSecurityGroupRules(input: Input<'DescribeSecurityGroupRules'>, ctx: RequestContext): Output<'DescribeSecurityGroupRules'> {
  const state = regionState(ctx);
  const groupFilter = input.Filters?.find((f) => f.Name === 'group-id')?.Values;
  const rules = Object.values(state.securityGroups)
    .filter((g) => !groupFilter || groupFilter.includes(g.groupId))
    .flatMap((g) => [...g.ingress.map((r) => ruleShape(ctx, g, r, false)), ...g.egress.map((r) => ruleShape(ctx, g, r, true))])
    .filter((r) => !input.SecurityGroupRuleIds?.length || input.SecurityGroupRuleIds.includes(r.SecurityGroupRuleId));
  return { SecurityGroupRules: rules };
}

export function deleteSecurityGroup(input: Input<'DeleteSecurityGroup'>, ctx: RequestContext): Output<'DeleteSecurityGroup'> {
  const state = regionState(ctx);
  const group = findGroup(state, input.GroupId, input.GroupName);
  if (group.groupName === 'default') {
    throw new AwsError('CannotDelete', `the specified group: "${group.groupId}" name: "default" cannot be deleted by a user`);
  }
  const inUse = liveInstances(state).some((i) => i.groupIds.includes(group.groupId)) ||
    // An instance's primary interface is in the instance's groups; other interfaces in their own.
    Object.values(state.networkInterfaces).some((e) => e.attachment?.deviceIndex !== 0 && e.groupIds.includes(group.groupId));
  if (inUse) {
    throw new AwsError('DependencyViolation', `resource ${group.groupId} has a dependent object`);
  }
  delete state.securityGroups[group.groupId];
  return { Return: true, GroupId: group.groupId };
}
