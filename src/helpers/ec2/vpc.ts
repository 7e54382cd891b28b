/** VPCs: `Vpc:vpc-0abc…`, with their subnets. */
import type { EC2, Vpc as VpcData } from '@aws-sdk/client-ec2';
import { paginateDescribeVpcs } from './sdk.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { toFilters, type Filters } from './filters.js';
import { listSubnets, type Subnet } from './subnet.js';
import { TaggedResource } from './tagged.js';

export class Vpc extends TaggedResource<VpcData> {
  static override kind = 'Vpc';
  static override columns: readonly Column<Vpc>[] = [
    { header: 'VPC', value: (v) => v.id },
    { header: 'CIDR', value: (v) => v.cidrBlock },
    { header: 'Default', value: (v) => (v.isDefault ? 'yes' : '') },
    { header: 'State', value: (v) => v.state },
    { header: 'Name', value: (v) => v.tags.Name },
  ];

  get id(): string {
    return this.data.VpcId ?? '';
  }
  get cidrBlock(): string | undefined {
    return this.data.CidrBlock;
  }
  get isDefault(): boolean {
    return this.data.IsDefault ?? false;
  }
  /** `pending` or `available`. */
  get state(): string | undefined {
    return this.data.State;
  }

  protected async describe(): Promise<VpcData> {
    const out = await this.client.describeVpcs({ VpcIds: [this.id] });
    if (!out.Vpcs?.[0]) throw new ResourceNotFound('Vpc', this.id);
    return out.Vpcs[0];
  }

  /** The VPC's subnets. */
  subnets(): Promise<Subnet[]> {
    return listSubnets(this.client, { 'vpc-id': this.id });
  }

  /** Deletes the VPC; AWS refuses (DependencyViolation) while anything but what it came with is left in it. */
  async delete(): Promise<void> {
    await this.client.deleteVpc({ VpcId: this.id });
  }
}

export async function listVpcs(ec2: EC2, filters?: Filters): Promise<Vpc[]> {
  const vpcs: Vpc[] = [];
  for await (const page of paginateDescribeVpcs({ client: ec2 }, { Filters: toFilters(filters) })) {
    for (const v of page.Vpcs ?? []) vpcs.push(new Vpc(ec2, v));
  }
  return vpcs;
}
