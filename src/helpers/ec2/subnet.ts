/** Subnets: `Subnet:subnet-0abc…`, with their zone, block and free addresses. */
import type { EC2, Subnet as SubnetData } from '@aws-sdk/client-ec2';
import { paginateDescribeSubnets } from './sdk.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { toFilters, type Filters } from './filters.js';
import { TaggedResource } from './tagged.js';
import { retryWhile, type WaitOptions } from './wait.js';

export class Subnet extends TaggedResource<SubnetData> {
  static override kind = 'Subnet';
  static override columns: readonly Column<Subnet>[] = [
    { header: 'Subnet', value: (s) => s.id },
    { header: 'VPC', value: (s) => s.vpcId },
    { header: 'Zone', value: (s) => s.zone },
    { header: 'CIDR', value: (s) => s.cidrBlock },
    { header: 'Free IPs', value: (s) => s.availableIpAddressCount },
    { header: 'Public IP', value: (s) => (s.mapPublicIpOnLaunch ? 'yes' : '') },
    { header: 'Name', value: (s) => s.tags.Name },
  ];

  get id(): string {
    return this.data.SubnetId ?? '';
  }
  get vpcId(): string | undefined {
    return this.data.VpcId;
  }
  get zone(): string | undefined {
    return this.data.AvailabilityZone;
  }
  get cidrBlock(): string | undefined {
    return this.data.CidrBlock;
  }
  get availableIpAddressCount(): number | undefined {
    return this.data.AvailableIpAddressCount;
  }
  /** Whether instances launched into it get a public address unless told otherwise. */
  get mapPublicIpOnLaunch(): boolean {
    return this.data.MapPublicIpOnLaunch ?? false;
  }
  get isDefault(): boolean {
    return this.data.DefaultForAz ?? false;
  }

  protected async describe(): Promise<SubnetData> {
    const out = await this.client.describeSubnets({ SubnetIds: [this.id] });
    if (!out.Subnets?.[0]) throw new ResourceNotFound('Subnet', this.id);
    return out.Subnets[0];
  }

  /** Deletes the subnet; given wait options, first waits out interfaces of instances still shutting down. */
  async delete(wait?: WaitOptions): Promise<void> {
    const attempt = () => this.client.deleteSubnet({ SubnetId: this.id });
    await (wait ? retryWhile(this.client, 'DependencyViolation', attempt, wait) : attempt());
  }
}

export async function listSubnets(ec2: EC2, filters?: Filters): Promise<Subnet[]> {
  const subnets: Subnet[] = [];
  for await (const page of paginateDescribeSubnets({ client: ec2 }, { Filters: toFilters(filters) })) {
    for (const s of page.Subnets ?? []) subnets.push(new Subnet(ec2, s));
  }
  return subnets;
}
