/**
 * The `ec2` service object: every operation of the SDK's aggregated EC2 client
 * (`ec2.describeInstances({Filters: [...]})`), plus resource-style conveniences. Add conveniences
 * as methods here — names that are not SDK operations (a test checks) — and list them in
 * ./description.ts for `.help`.
 */
import { EC2 } from './sdk.js';
import type { ServiceContext } from '../core/folder.js';
import type { Reporter } from '../core/reporter.js';
import type { Ref } from '../core/resource.js';
import { instrumentLike } from '../core/session.js';
import { listAddresses, type Address } from './address.js';
import type { Filters } from './filters.js';
import { listImages, latestAmazonLinux, type Image, type ImagesOptions } from './image.js';
import { getInstance, listInstances, listReservations, type Instance, type Reservation } from './instance.js';
import { listKeyPairs, type KeyPair } from './key-pair.js';
import { listRegions, type Region, type RegionsOptions } from './region.js';
import { listSecurityGroups, type SecurityGroup } from './security-group.js';
import { listSnapshots, type Snapshot } from './snapshot.js';
import { listSubnets, type Subnet } from './subnet.js';
import { listVolumes, type Volume } from './volume.js';
import { listVpcs, type Vpc } from './vpc.js';
import { listZones, type Zone } from './zone.js';

export class Ec2Service extends EC2 {
  /** Seconds between polls while waiting for a state. @default 2 */
  pollSeconds = 2;

  /** Where waits show their progress: the session's reporter. */
  readonly reporter: Reporter;

  constructor(
    private readonly settings: Record<string, unknown>,
    private readonly context: ServiceContext,
  ) {
    super(settings);
    this.reporter = context.reporter;
  }

  /** The same connection in another region (what `region.connect()` returns). */
  withRegion(region: string): Ec2Service {
    const other = new Ec2Service({ ...this.settings, region }, this.context);
    other.pollSeconds = this.pollSeconds;
    return instrumentLike(this, other);
  }

  /** Availability zones of this region: `[Zone:us-east-1a, …]`; pass names to pick some. */
  zones(...names: string[]): Promise<Zone[]> {
    return listZones(this, names);
  }

  /** Regions: `[Region:us-east-1, …]`; `{all: true}` includes regions not opted in. */
  regions(options?: RegionsOptions): Promise<Region[]> {
    return listRegions(this, options);
  }

  /** Instances, flattened out of their reservations: `ec2.instances({tag: 'paws'})`, `{'instance-state-name': 'running'}`. */
  instances(filters?: Filters): Promise<Instance[]> {
    return listInstances(this, filters);
  }

  /** One instance by id. */
  instance(id: Ref<Instance>): Promise<Instance> {
    return getInstance(this, id);
  }

  /** Reservations, as the book's `get_all_instances()` returns them. */
  reservations(filters?: Filters): Promise<Reservation[]> {
    return listReservations(this, filters);
  }

  volumes(filters?: Filters): Promise<Volume[]> {
    return listVolumes(this, filters);
  }

  /** This account's snapshots, oldest first. */
  snapshots(filters?: Filters): Promise<Snapshot[]> {
    return listSnapshots(this, filters);
  }

  keyPairs(...names: string[]): Promise<KeyPair[]> {
    return listKeyPairs(this, names);
  }

  securityGroups(filters?: Filters): Promise<SecurityGroup[]> {
    return listSecurityGroups(this, filters);
  }

  addresses(filters?: Filters): Promise<Address[]> {
    return listAddresses(this, filters);
  }

  /** VPCs: `[Vpc:vpc-…]`, e.g. `ec2.vpcs({'is-default': true})`. */
  vpcs(filters?: Filters): Promise<Vpc[]> {
    return listVpcs(this, filters);
  }

  /** Subnets: `[Subnet:subnet-…]`, e.g. `ec2.subnets({'vpc-id': vpc.id})`. */
  subnets(filters?: Filters): Promise<Subnet[]> {
    return listSubnets(this, filters);
  }

  /** Images, newest first: `ec2.images({owners: ['amazon'], filters: {name: 'al2023-ami-*'}})`. */
  images(options?: ImagesOptions): Promise<Image[]> {
    return listImages(this, options);
  }

  /** The newest Amazon Linux 2023 image of this region. */
  latestAmazonLinux(architecture?: string): Promise<Image> {
    return latestAmazonLinux(this, architecture);
  }
}

export function createService(config: Record<string, unknown>, context: ServiceContext): Ec2Service {
  return new Ec2Service(config, context);
}
