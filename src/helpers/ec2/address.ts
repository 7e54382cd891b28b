/** Elastic IP addresses: `Address:203.0.113.10` (recipe 2.6). */
import type { Address as AddressData, EC2 } from '@aws-sdk/client-ec2';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { toFilters, type Filters } from './filters.js';

export class Address extends TaggedResource<AddressData> {
  static override kind = 'Address';
  static override columns: readonly Column<Address>[] = [
    { header: 'Address', value: (a) => a.publicIp },
    { header: 'Allocation', value: (a) => a.allocationId },
    { header: 'Instance', value: (a) => a.instanceId },
    { header: 'Association', value: (a) => a.associationId },
  ];

  get id(): string {
    return this.publicIp;
  }
  get publicIp(): string {
    return this.data.PublicIp ?? '';
  }
  protected override get tagTarget(): string {
    return this.allocationId ?? this.publicIp;
  }
  get allocationId(): string | undefined {
    return this.data.AllocationId;
  }
  get instanceId(): string | undefined {
    return this.data.InstanceId;
  }
  get associationId(): string | undefined {
    return this.data.AssociationId;
  }
  get domain(): string | undefined {
    return this.data.Domain;
  }

  protected async describe(): Promise<AddressData> {
    const out = await this.client.describeAddresses(this.allocationId ? { AllocationIds: [this.allocationId] } : { PublicIps: [this.publicIp] });
    if (!out.Addresses?.[0]) throw new ResourceNotFound('Address', this.publicIp);
    return out.Addresses[0];
  }

  /** Associates the address with an instance (or instance id). */
  async associate(instance: { id: string } | string): Promise<this> {
    await this.client.associateAddress({ AllocationId: this.allocationId, InstanceId: typeof instance === 'string' ? instance : instance.id });
    return this.update();
  }
  async disassociate(): Promise<this> {
    if (this.associationId) await this.client.disassociateAddress({ AssociationId: this.associationId });
    return this.update();
  }
  /** Gives the address back (it must not be associated). */
  async release(): Promise<void> {
    await this.client.releaseAddress(this.allocationId ? { AllocationId: this.allocationId } : { PublicIp: this.publicIp });
  }
}

export async function listAddresses(ec2: EC2, filters?: Filters): Promise<Address[]> {
  const out = await ec2.describeAddresses({ Filters: toFilters(filters) });
  return (out.Addresses ?? []).map((a) => new Address(ec2, a));
}

/** Allocates a new Elastic IP (VPC). */
export async function allocateAddress(ec2: EC2): Promise<Address> {
  const out = await ec2.allocateAddress({ Domain: 'vpc' });
  return new Address(ec2, out);
}
