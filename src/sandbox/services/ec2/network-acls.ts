/**
 * Network ACLs: each VPC's default ACL (allow all, then the catch-all deny, both ways), ACLs of
 * one's own (only the catch-all deny), their numbered entries, and which ACL each subnet uses
 * (every subnet is associated with exactly one: the default unless replaced).
 */
import type { NetworkAcl, NetworkAclEntry } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { parseCidr } from './cidr.js';
import { findOne, namedOrAll } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { addNetworkAcl, CATCH_ALL } from './network-records.js';
import { newId, regionState } from './state.js';
import type { Ec2RegionState, Input, NetworkAclEntryRecord, NetworkAclRecord, Output } from './types.js';

const PROTOCOLS: Record<string, string> = { all: '-1', tcp: '6', udp: '17', icmp: '1' };

/** A deleted subnet's association goes with it. */
export function forgetSubnetAcl(state: Ec2RegionState, subnetId: string): void {
  for (const a of Object.values(state.networkAcls)) a.associations = a.associations.filter((x) => x.subnetId !== subnetId);
}

function aclShape(a: NetworkAclRecord, ownerId: string): Wire<NetworkAcl> {
  const sorted = [...a.entries].sort((x, y) => Number(x.egress) - Number(y.egress) || x.ruleNumber - y.ruleNumber);
  return {
    NetworkAclId: a.networkAclId,
    VpcId: a.vpcId,
    IsDefault: a.isDefault,
    OwnerId: ownerId,
    Entries: sorted.map((e): Wire<NetworkAclEntry> => ({
      RuleNumber: e.ruleNumber,
      Egress: e.egress,
      Protocol: e.protocol,
      RuleAction: e.ruleAction,
      CidrBlock: e.cidrBlock,
      PortRange: e.portRange ? { From: e.portRange.from, To: e.portRange.to } : undefined,
      IcmpTypeCode: e.icmp ? { Type: e.icmp.type, Code: e.icmp.code } : undefined,
    })),
    Associations: a.associations.map((x) => ({ NetworkAclAssociationId: x.associationId, NetworkAclId: a.networkAclId, SubnetId: x.subnetId })),
    Tags: tagList(a.tags),
  };
}

export function createNetworkAcl(input: Input<'CreateNetworkAcl'>, ctx: RequestContext): Output<'CreateNetworkAcl'> {
  const state = regionState(ctx);
  const vpc = findOne('vpc', state.vpcs, input.VpcId);
  return { NetworkAcl: aclShape(addNetworkAcl(state, vpc.vpcId, false, specTags(input.TagSpecifications, 'network-acl')), ctx.accountId) };
}

export function describeNetworkAcls(input: Input<'DescribeNetworkAcls'>, ctx: RequestContext): Output<'DescribeNetworkAcls'> {
  const state = regionState(ctx);
  const picked = namedOrAll('networkAcl', state.networkAcls, input.NetworkAclIds);
  const acls = applyFilters(picked, input.Filters, {
    'network-acl-id': (a) => a.networkAclId,
    'vpc-id': (a) => a.vpcId,
    default: (a) => a.isDefault,
    'owner-id': () => ctx.accountId,
    'association.association-id': (a) => a.associations.map((x) => x.associationId),
    'association.network-acl-id': (a) => a.networkAclId,
    'association.subnet-id': (a) => a.associations.map((x) => x.subnetId),
    'entry.rule-number': (a) => a.entries.map((e) => e.ruleNumber),
    'entry.protocol': (a) => a.entries.map((e) => e.protocol),
    'entry.rule-action': (a) => a.entries.map((e) => e.ruleAction),
    'entry.egress': (a) => a.entries.map((e) => e.egress),
    'entry.cidr': (a) => a.entries.map((e) => e.cidrBlock),
  });
  return { NetworkAcls: acls.map((a) => aclShape(a, ctx.accountId)) };
}

export function deleteNetworkAcl(input: Input<'DeleteNetworkAcl'>, ctx: RequestContext): Output<'DeleteNetworkAcl'> {
  const state = regionState(ctx);
  const acl = findOne('networkAcl', state.networkAcls, input.NetworkAclId);
  if (acl.isDefault) throw new AwsError('InvalidParameterValue', `cannot delete default network ACL ${acl.networkAclId}`);
  if (acl.associations.length) throw new AwsError('DependencyViolation', `The networkAcl '${acl.networkAclId}' has dependencies and cannot be deleted.`);
  delete state.networkAcls[acl.networkAclId];
  return {};
}

function entryOf(input: Input<'CreateNetworkAclEntry'>): NetworkAclEntryRecord {
  const ruleNumber = input.RuleNumber;
  if (ruleNumber === undefined || ruleNumber < 1 || ruleNumber >= CATCH_ALL) {
    throw new AwsError('InvalidParameterValue', `Invalid value '${ruleNumber}' for ruleNumber. Rule number must be between 1 and 32766.`);
  }
  const raw = String(input.Protocol ?? '').toLowerCase();
  const protocol = PROTOCOLS[raw] ?? raw;
  if (!/^-1$|^\d{1,3}$/.test(protocol) || Number(protocol) > 255) throw new AwsError('InvalidParameterValue', `Invalid value '${input.Protocol}' for protocol.`);
  if (input.RuleAction !== 'allow' && input.RuleAction !== 'deny') throw new AwsError('InvalidParameterValue', `Invalid value '${input.RuleAction}' for ruleAction.`);
  if (!parseCidr(input.CidrBlock)) throw new AwsError('InvalidParameterValue', `Value (${input.CidrBlock}) for parameter cidrBlock is invalid. This is not a valid CIDR block.`);
  const ports = protocol === '6' || protocol === '17';
  if (ports && (input.PortRange?.From === undefined || input.PortRange?.To === undefined)) {
    throw new AwsError('InvalidParameterValue', 'TCP and UDP entries must specify a port range (PortRange From and To).');
  }
  if (protocol === '1' && (input.IcmpTypeCode?.Type === undefined || input.IcmpTypeCode?.Code === undefined)) {
    throw new AwsError('InvalidParameterValue', 'ICMP entries must specify an ICMP type and code (IcmpTypeCode Type and Code).');
  }
  return {
    ruleNumber,
    egress: input.Egress ?? false,
    protocol,
    ruleAction: input.RuleAction,
    cidrBlock: input.CidrBlock!,
    portRange: ports ? { from: input.PortRange!.From!, to: input.PortRange!.To! } : undefined,
    icmp: protocol === '1' ? { type: input.IcmpTypeCode!.Type!, code: input.IcmpTypeCode!.Code! } : undefined,
  };
}

export function createNetworkAclEntry(input: Input<'CreateNetworkAclEntry'>, ctx: RequestContext): Output<'CreateNetworkAclEntry'> {
  const acl = findOne('networkAcl', regionState(ctx).networkAcls, input.NetworkAclId);
  const entry = entryOf(input);
  if (acl.entries.some((e) => e.ruleNumber === entry.ruleNumber && e.egress === entry.egress)) {
    throw new AwsError('NetworkAclEntryAlreadyExists', `The network acl entry identified by ${entry.ruleNumber} already exists.`);
  }
  acl.entries.push(entry);
  return {};
}

/** The entry a rule number and direction name; the catch-all rule (32767) is not one the user can name. */
function existingEntry(acl: NetworkAclRecord, ruleNumber: number | undefined, egress: boolean): NetworkAclEntryRecord {
  const entry = acl.entries.find((e) => e.ruleNumber === ruleNumber && e.egress === egress);
  if (!entry || entry.ruleNumber === CATCH_ALL) {
    throw new AwsError('InvalidNetworkAclEntry.NotFound', `The network acl entry identified by ${ruleNumber} ${egress ? 'egress' : 'ingress'} does not exist.`);
  }
  return entry;
}

export function deleteNetworkAclEntry(input: Input<'DeleteNetworkAclEntry'>, ctx: RequestContext): Output<'DeleteNetworkAclEntry'> {
  const acl = findOne('networkAcl', regionState(ctx).networkAcls, input.NetworkAclId);
  const entry = existingEntry(acl, input.RuleNumber, input.Egress ?? false);
  acl.entries = acl.entries.filter((e) => e !== entry);
  return {};
}

/** Replaces an existing entry in place, checked as CreateNetworkAclEntry checks a new one. */
export function replaceNetworkAclEntry(input: Input<'ReplaceNetworkAclEntry'>, ctx: RequestContext): Output<'ReplaceNetworkAclEntry'> {
  const acl = findOne('networkAcl', regionState(ctx).networkAcls, input.NetworkAclId);
  const replacement = entryOf(input);
  const entry = existingEntry(acl, replacement.ruleNumber, replacement.egress);
  acl.entries[acl.entries.indexOf(entry)] = replacement;
  return {};
}

/** Moves a subnet's association to another ACL of its VPC; the association gets a new id. */
export function replaceNetworkAclAssociation(input: Input<'ReplaceNetworkAclAssociation'>, ctx: RequestContext): Output<'ReplaceNetworkAclAssociation'> {
  const state = regionState(ctx);
  const acls = Object.values(state.networkAcls);
  const byAssociation = Object.fromEntries(acls.flatMap((a) => a.associations.map((x) => [x.associationId, a])));
  const from = findOne('aclAssociation', byAssociation, input.AssociationId);
  const to = findOne('networkAcl', state.networkAcls, input.NetworkAclId);
  const old = from.associations.find((x) => x.associationId === input.AssociationId)!;
  if (to.vpcId !== from.vpcId) throw new AwsError('InvalidParameterValue', `network ACL ${to.networkAclId} and subnet ${old.subnetId} belong to different networks`);
  from.associations = from.associations.filter((x) => x !== old);
  const associationId = newId('aclassoc');
  to.associations.push({ associationId, subnetId: old.subnetId });
  return { NewAssociationId: associationId };
}
