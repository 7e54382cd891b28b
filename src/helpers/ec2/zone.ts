/** Availability zones as resources: `Zone:us-east-1a` (the book's quick test, recipe 1.3). */
import type { AvailabilityZone, EC2 } from '@aws-sdk/client-ec2';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';

export class Zone extends Resource<AvailabilityZone, EC2> {
  static override kind = 'Zone';
  static override columns: readonly Column<Zone>[] = [
    { header: 'Zone', value: (z) => z.name },
    { header: 'State', value: (z) => z.state },
    { header: 'Region', value: (z) => z.regionName },
    { header: 'Zone ID', value: (z) => z.zoneId },
    { header: 'Type', value: (z) => z.zoneType },
  ];

  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.ZoneName ?? '';
  }
  /** `available`, `impaired`, `unavailable`… */
  get state(): string | undefined {
    return this.data.State;
  }
  get regionName(): string | undefined {
    return this.data.RegionName;
  }
  get zoneId(): string | undefined {
    return this.data.ZoneId;
  }
  /** `availability-zone`, `local-zone` or `wavelength-zone`. */
  get zoneType(): string | undefined {
    return this.data.ZoneType;
  }
  get messages(): string[] {
    return (this.data.Messages ?? []).map((m) => m.Message ?? '');
  }

  protected async describe(): Promise<AvailabilityZone> {
    const { AvailabilityZones = [] } = await this.client.describeAvailabilityZones({ ZoneNames: [this.name] });
    if (!AvailabilityZones[0]) throw new ResourceNotFound('Zone', this.name);
    return AvailabilityZones[0];
  }
}

/** The zones of the client's region, optionally only those named. */
export async function listZones(ec2: EC2, names?: string[]): Promise<Zone[]> {
  const { AvailabilityZones = [] } = await ec2.describeAvailabilityZones(names?.length ? { ZoneNames: names } : {});
  return AvailabilityZones.map((z) => new Zone(ec2, z));
}
