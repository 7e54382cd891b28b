/**
 * The `ec2` service object: every operation of the SDK's aggregated EC2 client
 * (`ec2.describeInstances({Filters: [...]})`), plus resource-style conveniences. Add conveniences
 * as methods here — names that are not SDK operations (a test checks) — and list them in
 * ./globals.ts for `.help`.
 */
import { EC2 } from '@aws-sdk/client-ec2';
import { listRegions, type Region, type RegionsOptions } from './region.js';
import { listZones, type Zone } from './zone.js';

export class Ec2Service extends EC2 {
  /** Availability zones of this region: `[Zone:us-east-1a, …]`; pass names to pick some. */
  zones(...names: string[]): Promise<Zone[]> {
    return listZones(this, names);
  }

  /** Regions: `[Region:us-east-1, …]`; `{all: true}` includes regions not opted in. */
  regions(options?: RegionsOptions): Promise<Region[]> {
    return listRegions(this, options);
  }
}

export function createService(config: Record<string, unknown>): Ec2Service {
  return new Ec2Service(config);
}
