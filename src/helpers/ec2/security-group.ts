/** Security groups: `SecurityGroup:sg-0abc…` (named `paws` and so on), with boto's authorize/revoke. */
import type { EC2, SecurityGroup as GroupData } from '@aws-sdk/client-ec2';
import { paginateDescribeSecurityGroups } from './sdk.js';
import { pawsError } from '../core/errors.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { retryWhile, type WaitOptions } from './wait.js';
import { toFilters, type Filters } from './filters.js';

/** One ingress rule, flattened: protocol, ports, and the CIDR or group it lets in. */
export interface Rule {
  protocol: string;
  fromPort?: number;
  toPort?: number;
  source: string;
}

export class SecurityGroup extends TaggedResource<GroupData> {
  static override kind = 'SecurityGroup';
  static override columns: readonly Column<SecurityGroup>[] = [
    { header: 'Group', value: (g) => g.id },
    { header: 'Name', value: (g) => g.name },
    { header: 'VPC', value: (g) => g.vpcId },
    { header: 'Rules', value: (g) => g.rules.map((r) => `${r.protocol}:${r.fromPort ?? '*'}-${r.toPort ?? '*'} ${r.source}`).join(', ') },
  ];

  get id(): string {
    return this.data.GroupId ?? '';
  }
  get name(): string | undefined {
    return this.data.GroupName;
  }
  get description(): string | undefined {
    return this.data.Description;
  }
  get vpcId(): string | undefined {
    return this.data.VpcId;
  }
  get rules(): Rule[] {
    return (this.data.IpPermissions ?? []).flatMap((p) =>
      [...(p.IpRanges ?? []).map((r) => r.CidrIp), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6), ...(p.UserIdGroupPairs ?? []).map((g) => g.GroupId)].map((source) => ({
        protocol: p.IpProtocol ?? '',
        fromPort: p.FromPort,
        toPort: p.ToPort,
        source: source ?? '',
      })),
    );
  }

  protected async describe(): Promise<GroupData> {
    const out = await this.client.describeSecurityGroups({ GroupIds: [this.id] });
    if (!out.SecurityGroups?.[0]) throw new ResourceNotFound('SecurityGroup', this.id);
    return out.SecurityGroups[0];
  }

  /** Lets `cidr` in on `proto` ports `from`–`to`; InvalidPermission.Duplicate if already allowed. */
  async authorize(proto: string, from: number, to: number, cidr = '0.0.0.0/0'): Promise<this> {
    await this.client.authorizeSecurityGroupIngress({ GroupId: this.id, IpPermissions: [{ IpProtocol: proto, FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }] }] });
    return this.update();
  }
  async revoke(proto: string, from: number, to: number, cidr = '0.0.0.0/0'): Promise<this> {
    await this.client.revokeSecurityGroupIngress({ GroupId: this.id, IpPermissions: [{ IpProtocol: proto, FromPort: from, ToPort: to, IpRanges: [{ CidrIp: cidr }] }] });
    return this.update();
  }
  /** Deletes the group; given wait options, first waits out instances that used it still shutting down. */
  async delete(wait?: WaitOptions): Promise<void> {
    const attempt = () => this.client.deleteSecurityGroup({ GroupId: this.id });
    await (wait ? retryWhile(this.client, 'DependencyViolation', attempt, wait) : attempt());
  }
}

export async function listSecurityGroups(ec2: EC2, filters?: Filters): Promise<SecurityGroup[]> {
  const groups: SecurityGroup[] = [];
  for await (const page of paginateDescribeSecurityGroups({ client: ec2, pageSize: 1000 }, { Filters: toFilters(filters) })) {
    for (const g of page.SecurityGroups ?? []) groups.push(new SecurityGroup(ec2, g));
  }
  return groups;
}

/** The group of that name in the default VPC. */
export async function getSecurityGroupByName(ec2: EC2, name: string): Promise<SecurityGroup> {
  const [found] = (await ec2.describeSecurityGroups({ GroupNames: [name] })).SecurityGroups ?? [];
  // AWS answers an unknown name with this error; an empty answer means the same.
  if (!found) throw pawsError('InvalidGroup.NotFound', `The security group '${name}' does not exist in default VPC`);
  return new SecurityGroup(ec2, found);
}
