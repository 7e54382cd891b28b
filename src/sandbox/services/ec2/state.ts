/** The EC2 state of one account and region, created with a default VPC, a subnet per zone and a default group. */
import { randomBytes } from 'node:crypto';
import type { RequestContext, SandboxRuntime } from '../../core/types.js';
import { zoneNames } from './regions.js';
import type { Ec2RegionState } from './types.js';

export const SERVICE = 'ec2';

/** An EC2 id: prefix, dash, 17 hex digits (`i-0abc…`). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}

export function regionState(ctx: Pick<RequestContext, 'sandbox' | 'accountId' | 'region'>): Ec2RegionState {
  return stateOf(ctx.sandbox, ctx.accountId, ctx.region);
}

export function stateOf(runtime: SandboxRuntime, accountId: string, region: string): Ec2RegionState {
  return runtime.store.get<Ec2RegionState>(SERVICE, accountId, region, () => initialState(accountId, region));
}

function initialState(accountId: string, region: string): Ec2RegionState {
  const vpcId = newId('vpc');
  const state: Ec2RegionState = {
    vpcs: { [vpcId]: { vpcId, cidrBlock: '172.31.0.0/16', isDefault: true, tags: {} } },
    subnets: {},
    securityGroups: {},
    keyPairs: {},
    instances: {},
    volumes: {},
    snapshots: {},
    addresses: {},
  };
  // The default VPC's subnets: 172.31.0.0/20, 172.31.16.0/20, … one per zone.
  zoneNames(region).forEach((zone, i) => {
    const subnetId = newId('subnet');
    state.subnets[subnetId] = { subnetId, vpcId, zone, cidrBlock: `172.31.${i * 16}.0/20`, defaultForAz: true, nextHost: 4, tags: {} };
  });
  const groupId = newId('sg');
  state.securityGroups[groupId] = {
    groupId,
    groupName: 'default',
    description: 'default VPC security group',
    vpcId,
    ownerId: accountId,
    ingress: [{ ipProtocol: '-1', groupId, ruleId: newId('sgr') }],
    egress: [{ ipProtocol: '-1', cidrIp: '0.0.0.0/0', ruleId: newId('sgr') }],
    tags: {},
  };
  return state;
}

/** A collection added after the first release, created on first use in states saved before it. */
export function owned<K extends 'launchTemplates' | 'images' | 'volumeModifications'>(state: Ec2RegionState, key: K): NonNullable<Ec2RegionState[K]> {
  return (state[key] ??= {}) as NonNullable<Ec2RegionState[K]>;
}

export function defaultVpc(state: Ec2RegionState) {
  return Object.values(state.vpcs).find((v) => v.isDefault)!;
}

/** The next private address of a subnet: 172.31.16.4, .5, … */
export function nextPrivateIp(state: Ec2RegionState, subnetId: string): string {
  const subnet = state.subnets[subnetId];
  const [a, b, c] = subnet.cidrBlock.split(/[./]/).map(Number);
  const host = subnet.nextHost++;
  return `${a}.${b}.${c + Math.floor(host / 256)}.${host % 256}`;
}

export function nowIso(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, '.000Z');
}
