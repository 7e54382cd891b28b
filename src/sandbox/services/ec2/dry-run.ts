/**
 * DryRun, for every EC2 operation whose input has the member: the server has already authorized
 * the request as the real one (same action, same resource), so a denied caller got
 * UnauthorizedOperation; here its parameters are checked as far as AWS checks them before it
 * answers DryRunOperation (the instances it names exist; a launch's image, type, key, subnet…),
 * and nothing changes.
 */
import { AwsError, type Handler, type Handlers, type RequestContext } from '../../core/types.js';
import { findAll } from './errors.js';
import { launchPlan, targets } from './instances.js';
import { networkDryRunChecks } from './network.js';
import { regionState } from './state.js';
import type { Ec2Api, Operation } from './types.js';

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

function namedInstances(input: { InstanceIds?: string[]; InstanceId?: unknown }, ctx: RequestContext): void {
  const ids = input.InstanceIds ?? (typeof input.InstanceId === 'string' ? [input.InstanceId] : []);
  findAll('instance', regionState(ctx).instances, ids);
}

/** Each handler, answering a request with `DryRun: true` without running. */
export function withDryRun(handlers: Handlers<Ec2Api>): Handlers<Ec2Api> {
  const wrap = (op: string, handler: Handler): Handler => (input, ctx) => {
    if (input?.DryRun !== true) return handler(input, ctx);
    (CHECKS[op as Operation] ?? namedInstances)(input, ctx);
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  };
  return Object.fromEntries(Object.entries(handlers).map(([op, handler]) => [op, wrap(op, handler as Handler)])) as Handlers<Ec2Api>;
}
