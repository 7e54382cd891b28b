/**
 * Required parameters, for every EC2 request, checked from the SDK's model before anything else
 * (so before DryRunOperation too), as EC2 does: `MissingParameter` names the first one missing.
 *
 * DryRun, for every EC2 operation whose input has the member: the server has already authorized
 * the request as the real one (same action, same resource), so a denied caller got
 * UnauthorizedOperation; here its parameters are checked as far as AWS checks them before it
 * answers DryRunOperation (the instances, volumes and snapshots it names exist; a launch's image,
 * type, key, subnet…), and nothing changes.
 */
import { AwsError, type Handler, type Handlers, type RequestContext } from '../../core/types.js';
import { operationModel } from '../../protocols/models.js';
import { findAll, missingParameter, type IdKind } from './errors.js';
import { launchPlan, targets } from './instances.js';
import { networkDryRunChecks } from './network.js';
import { regionState } from './state.js';
import type { Ec2Api, Ec2RegionState, Operation } from './types.js';

/** The operations checked further than the instances they name. */
const CHECKS: Partial<Record<Operation, (input: any, ctx: RequestContext) => unknown>> = {
  ...networkDryRunChecks,
  RunInstances: launchPlan,
  StartInstances: targets,
  StopInstances: targets,
  RebootInstances: targets,
  TerminateInstances: targets,
  MonitorInstances: targets,
  UnmonitorInstances: targets,
};

/** The instances, volumes and snapshots a request names, by the members EC2 requests name them with. */
const NAMED: Array<[IdKind, string, keyof Ec2RegionState]> = [
  ['instance', 'Instance', 'instances'],
  ['volume', 'Volume', 'volumes'],
  ['snapshot', 'Snapshot', 'snapshots'],
];

/** The resources a request names exist (and their ids are well formed). */
function namedResources(input: Record<string, unknown>, ctx: RequestContext): void {
  const state = regionState(ctx);
  for (const [kind, noun, table] of NAMED) {
    const many = input[`${noun}Ids`];
    const one = input[`${noun}Id`];
    const ids = Array.isArray(many) ? many : typeof one === 'string' ? [one] : [];
    findAll(kind, state[table] as Record<string, unknown>, ids);
  }
}

/** Each required member's name and the name the wire gives it (`InstanceIds` is sent as `InstanceId`). */
function requiredMembers(op: string): Array<[string, string]> {
  const model = operationModel('@aws-sdk/client-ec2', op)!;
  const traits = new Map([...model.input.structIterator()].map(([name, schema]) => [name, schema.getMergedTraits()]));
  return model.required.map((name) => {
    const t = traits.get(name) ?? {};
    const xml = t.xmlName as string | undefined;
    return [name, (t.ec2QueryName as string | undefined) ?? (xml ? xml[0].toUpperCase() + xml.slice(1) : name)];
  });
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/** Each handler, its required parameters checked first, answering a request with `DryRun: true` without running. */
export function withDryRun(handlers: Handlers<Ec2Api>): Handlers<Ec2Api> {
  const wrap = (op: string, handler: Handler): Handler => {
    // Read from the model on the first request: the client package loads only when EC2 is used.
    let required: Array<[string, string]> | undefined;
    return (input, ctx) => {
      required ??= requiredMembers(op);
      const missing = required.find(([name]) => isMissing(input?.[name]));
      if (missing) throw missingParameter(missing[1]);
      if (input?.DryRun !== true) return handler(input, ctx);
      (CHECKS[op as Operation] ?? namedResources)(input, ctx);
      throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
    };
  };
  return Object.fromEntries(Object.entries(handlers).map(([op, handler]) => [op, wrap(op, handler as Handler)])) as Handlers<Ec2Api>;
}
