/**
 * The commercial AWS regions and their availability zones, as DescribeRegions and
 * DescribeAvailabilityZones report them for a new account (opt-in regions not opted in).
 */
import type { AvailabilityZone, Region } from '@aws-sdk/client-ec2';
import { AwsError, type Wire } from '../../core/types.js';
import type { Input, Output } from './types.js';

/** region → [zone letters, opt-in?] */
const REGIONS: Record<string, [string, boolean]> = {
  'us-east-1': ['abcdef', false],
  'us-east-2': ['abc', false],
  'us-west-1': ['ac', false],
  'us-west-2': ['abcd', false],
  'af-south-1': ['abc', true],
  'ap-east-1': ['abc', true],
  'ap-east-2': ['abc', true],
  'ap-south-1': ['abc', false],
  'ap-south-2': ['abc', true],
  'ap-southeast-1': ['abc', false],
  'ap-southeast-2': ['abc', false],
  'ap-southeast-3': ['abc', true],
  'ap-southeast-4': ['abc', true],
  'ap-southeast-5': ['abc', true],
  'ap-southeast-7': ['abc', true],
  'ap-northeast-1': ['acd', false],
  'ap-northeast-2': ['abcd', false],
  'ap-northeast-3': ['abc', false],
  'ca-central-1': ['abd', false],
  'ca-west-1': ['abc', true],
  'eu-central-1': ['abc', false],
  'eu-central-2': ['abc', true],
  'eu-west-1': ['abc', false],
  'eu-west-2': ['abc', false],
  'eu-west-3': ['abc', false],
  'eu-south-1': ['abc', true],
  'eu-south-2': ['abc', true],
  'eu-north-1': ['abc', false],
  'il-central-1': ['abc', true],
  'me-south-1': ['abc', true],
  'me-central-1': ['abc', true],
  'mx-central-1': ['abc', true],
  'sa-east-1': ['abc', false],
};

export const REGION_NAMES = Object.keys(REGIONS);

export function isRegion(name: string): boolean {
  return Object.hasOwn(REGIONS, name);
}

/** The zone names of a region, e.g. us-east-1a … us-east-1f. */
export function zoneNames(region: string): string[] {
  return [...(REGIONS[region]?.[0] ?? '')].map((l) => `${region}${l}`);
}

/** Zone ids as AWS writes them: use1-az1 for us-east-1. */
export function zoneId(region: string, index: number): string {
  const [area, dir, n] = region.split('-');
  const short = dir.replace(/north|south|east|west|central/g, (w) => w[0]);
  return `${area}${short}${n}-az${index + 1}`;
}

interface Filter {
  Name?: string;
  Values?: string[];
}

function matches(filters: Filter[] | undefined, fields: Record<string, string>): boolean {
  return (filters ?? []).every((f) => !f.Name || !(f.Name in fields) || (f.Values ?? []).includes(fields[f.Name]));
}

export function describeRegions(input: Input<'DescribeRegions'>): Output<'DescribeRegions'> {
  for (const name of input.RegionNames ?? []) {
    if (!isRegion(name)) throw new AwsError('InvalidParameterValue', `Invalid region: ${name}`);
  }
  const regions = REGION_NAMES.filter((name) => (input.RegionNames?.length ? input.RegionNames.includes(name) : input.AllRegions || !REGIONS[name][1]))
    .map((name) => ({
      RegionName: name,
      Endpoint: `ec2.${name}.amazonaws.com`,
      OptInStatus: REGIONS[name][1] ? 'not-opted-in' : 'opt-in-not-required',
    }) satisfies Wire<Region>)
    .filter((r) => matches(input.Filters, { 'region-name': r.RegionName, endpoint: r.Endpoint, 'opt-in-status': r.OptInStatus }));
  return { Regions: regions };
}

export function describeAvailabilityZones(region: string, input: Input<'DescribeAvailabilityZones'>): Output<'DescribeAvailabilityZones'> {
  const zones = zoneNames(region).map((name, i) => ({
    ZoneName: name,
    ZoneId: zoneId(region, i),
    ZoneType: 'availability-zone',
    State: 'available',
    OptInStatus: 'opt-in-not-required',
    RegionName: region,
    GroupName: region,
    NetworkBorderGroup: region,
    Messages: [],
  }) satisfies Wire<AvailabilityZone>);
  for (const name of input.ZoneNames ?? []) {
    if (!zones.some((z) => z.ZoneName === name)) {
      throw new AwsError('InvalidParameterValue', `The zone '${name}' does not exist.`);
    }
  }
  return {
    AvailabilityZones: zones.filter(
      (z) =>
        (!input.ZoneNames?.length || input.ZoneNames.includes(z.ZoneName)) &&
        (!input.ZoneIds?.length || input.ZoneIds.includes(z.ZoneId)) &&
        matches(input.Filters, { 'zone-name': z.ZoneName, 'zone-id': z.ZoneId, state: z.State, 'region-name': z.RegionName, 'zone-type': z.ZoneType }),
    ),
  };
}
