/**
 * Recipe 2.11: every running instance, in every region, of one or more accounts (profile names),
 * all regions of all accounts at once. The book asks each region in turn; here the regions every
 * account has (those enabled by default) are asked while DescribeRegions runs, so the whole search
 * takes about as long as the slowest region. Opted-in regions are asked once DescribeRegions names
 * them.
 */
import type { Session } from '../../core/session.js';
import type { Instance } from '../instance.js';
import { reporterFor, type Output } from '../../core/reporter.js';
import type { Ec2Service } from '../service.js';
import { ec2For } from './clients.js';
import { table } from './table.js';

/** Regions enabled in every account (the ones that need no opt-in). */
const DEFAULT_REGIONS = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'ap-south-1', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3',
  'ap-southeast-1', 'ap-southeast-2', 'ca-central-1', 'eu-central-1', 'eu-west-1', 'eu-west-2', 'eu-west-3', 'eu-north-1', 'sa-east-1',
];

/** account → region → running instances (regions without any left out), as the book returns it. */
export type RunningInstances = Record<string, Record<string, Instance[]>>;

export interface FindOptions {
  /** Do not print the report. @default false */
  quiet?: boolean;
  /** Only these regions. @default every region enabled for the account */
  regions?: string[];
  out?: Output;
}

async function running(session: Session, region: string, profile?: string): Promise<Instance[]> {
  const ec2: Ec2Service = await ec2For(session, { region, profile });
  return ec2.instances({ 'instance-state-name': 'running' });
}

async function accountRunning(session: Session, profile: string | undefined, only?: string[]): Promise<Record<string, Instance[]>> {
  const home = session.connection.region;
  const enabled = only ? Promise.resolve(only) : (async () => (await (await ec2For(session, { region: home, profile })).regions()).map((r) => r.name))();
  // Asked before DescribeRegions answers; a default region the account has disabled is dropped below.
  const early = new Map((only ?? DEFAULT_REGIONS).map((r) => [r, running(session, r, profile).catch((e: unknown) => e as Error)]));
  const regions = await enabled;
  const results = await Promise.all(
    regions.map(async (r) => {
      const found = await (early.get(r) ?? running(session, r, profile));
      if (found instanceof Error) throw found;
      return [r, found] as const;
    }),
  );
  return Object.fromEntries(results.filter(([, found]) => found.length > 0));
}

function report(data: RunningInstances): string {
  const rows = Object.entries(data).flatMap(([account, regions]) =>
    Object.entries(regions).flatMap(([region, instances]) =>
      instances.map((i) => [account, region, i.id, i.instanceType, Object.entries(i.tags).map(([k, v]) => (v ? `${k}=${v}` : k)).join(', ')]),
    ),
  );
  if (!rows.length) return 'No running instances were found';
  return `The following running instances were found\n${table(['Account', 'Region', 'Instance', 'Type', 'Tags'], rows)}`;
}

/**
 * `findAllRunningInstances()` for the prompt's own credentials (reported as account `main`), or
 * `findAllRunningInstances(['dev', 'prod'])` for profiles of ~/.aws/config.
 */
export async function findAllRunningInstances(session: Session, accounts?: string[] | string, options: FindOptions = {}): Promise<RunningInstances> {
  const profiles = accounts === undefined ? [undefined] : [accounts].flat();
  const perAccount = await Promise.all(profiles.map((p) => accountRunning(session, p, options.regions)));
  const data: RunningInstances = Object.fromEntries(profiles.map((p, i) => [p ?? 'main', perAccount[i]]));
  if (!options.quiet) reporterFor(session, options.out).say(report(data));
  return data;
}
