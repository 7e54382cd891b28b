/**
 * DryRun, for every EC2 operation whose input has the member: the server has already authorized
 * the request as the real one (same action, same resource), so a denied caller got
 * UnauthorizedOperation; here the instances it names are looked up, and a launch's parameters
 * checked, as AWS does before answering DryRunOperation, and nothing changes.
 */
import { AwsError, type Handler, type Handlers } from '../../core/types.js';
import { findAll } from './errors.js';
import { launchPlan } from './instances.js';
import { regionState } from './state.js';
import type { Ec2Api } from './types.js';

/** Each handler, answering a request with `DryRun: true` without running. */
export function withDryRun(handlers: Handlers<Ec2Api>): Handlers<Ec2Api> {
  const wrap = (op: string, handler: Handler): Handler => (input, ctx) => {
    if (input?.DryRun !== true) return handler(input, ctx);
    const ids: string[] = input.InstanceIds ?? (typeof input.InstanceId === 'string' ? [input.InstanceId] : []);
    findAll('instance', regionState(ctx).instances, ids);
    if (op === 'RunInstances') launchPlan(input, ctx);
    throw new AwsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', 412);
  };
  return Object.fromEntries(Object.entries(handlers).map(([op, handler]) => [op, wrap(op, handler as Handler)])) as Handlers<Ec2Api>;
}
