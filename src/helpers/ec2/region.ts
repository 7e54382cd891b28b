/** Regions as resources: `Region:eu-west-1` (recipe 1.6). */
import type { EC2, Region as RegionData } from '@aws-sdk/client-ec2';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';

export class Region extends Resource<RegionData, EC2> {
  static override kind = 'Region';
  static override columns: readonly Column<Region>[] = [
    { header: 'Region', value: (r) => r.name },
    { header: 'Endpoint', value: (r) => r.endpoint },
    { header: 'Opt-in', value: (r) => r.optInStatus },
  ];

  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.RegionName ?? '';
  }
  get endpoint(): string | undefined {
    return this.data.Endpoint;
  }
  /** `opt-in-not-required`, `opted-in` or `not-opted-in`. */
  get optInStatus(): string | undefined {
    return this.data.OptInStatus;
  }

  /** An `ec2` for this region, on the same connection (boto's `region.connect()`). */
  connect(): EC2 {
    const client = this.client as EC2 & { withRegion?: (region: string) => EC2 };
    if (!client.withRegion) throw new TypeError(`${this}.connect() needs a region listed by ec2.regions()`);
    return client.withRegion(this.name);
  }

  protected async describe(): Promise<RegionData> {
    const { Regions = [] } = await this.client.describeRegions({ RegionNames: [this.name], AllRegions: true });
    if (!Regions[0]) throw new ResourceNotFound('Region', this.name);
    return Regions[0];
  }
}

export interface RegionsOptions {
  /** Include regions the account has not opted in to. @default false */
  all?: boolean;
}

/** The regions available to the account (with `{all: true}`, every region). */
export async function listRegions(ec2: EC2, options: RegionsOptions = {}): Promise<Region[]> {
  const { Regions = [] } = await ec2.describeRegions(options.all ? { AllRegions: true } : {});
  return Regions.map((r) => new Region(ec2, r));
}
