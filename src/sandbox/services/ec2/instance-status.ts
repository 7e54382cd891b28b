/**
 * DescribeInstanceStatus: a running instance's system and instance checks are `initializing` for a
 * while after it starts running, then `ok` (what the SDK's instanceStatusOk waiter waits for);
 * other states have no checks. Settled on read from the time the instance entered `running`.
 */
import type { InstanceStatus, InstanceStatusSummary } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { findAll } from './errors.js';
import { applyFilters, paginate } from './filters.js';
import { STATE_CODES, visible } from './instances.js';
import { regionState } from './state.js';
import type { Input, InstanceRecord, Output } from './types.js';

/** How long checks initialize after boot, at timeScale 1 (AWS takes two minutes or more). */
const INITIALIZING_MS = 120_000;

type Check = 'ok' | 'initializing' | 'not-applicable';

function check(inst: InstanceRecord, timeScale: number): Check {
  if (inst.state !== 'running') return 'not-applicable';
  return Date.now() - Date.parse(inst.stateSince) < INITIALIZING_MS * timeScale ? 'initializing' : 'ok';
}

function summary(status: Check, detail: string): Wire<InstanceStatusSummary> {
  if (status === 'not-applicable') return { Status: status };
  return { Status: status, Details: [{ Name: detail, Status: status === 'ok' ? 'passed' : 'initializing' }] };
}

export function describeInstanceStatus(input: Input<'DescribeInstanceStatus'>, ctx: RequestContext): Output<'DescribeInstanceStatus'> {
  const state = regionState(ctx);
  if (input.InstanceIds?.length && input.MaxResults !== undefined) {
    throw new AwsError('InvalidParameterCombination', 'The parameter instancesSet cannot be used with the parameter maxResults');
  }
  const picked = input.InstanceIds?.length ? findAll('instance', state.instances, input.InstanceIds) : visible(state);
  const status = (i: InstanceRecord) => check(i, ctx.sandbox.options.timeScale);
  const shown = picked.filter((i) => input.IncludeAllInstances || i.state === 'running');
  const matched = applyFilters(shown, input.Filters, {
    'instance-state-name': (i) => i.state,
    'instance-state-code': (i) => STATE_CODES[i.state],
    'availability-zone': (i) => i.zone,
    'instance-status.status': status,
    'instance-status.reachability': (i) => (status(i) === 'ok' ? 'passed' : status(i) === 'initializing' ? 'initializing' : undefined),
    'system-status.status': status,
    'system-status.reachability': (i) => (status(i) === 'ok' ? 'passed' : status(i) === 'initializing' ? 'initializing' : undefined),
  });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken);
  return {
    NextToken: nextToken,
    InstanceStatuses: page.map((i): Wire<InstanceStatus> => ({
      InstanceId: i.instanceId,
      AvailabilityZone: i.zone,
      InstanceState: { Code: STATE_CODES[i.state], Name: i.state },
      InstanceStatus: summary(status(i), 'reachability'),
      SystemStatus: summary(status(i), 'reachability'),
      AttachedEbsStatus: summary(status(i), 'reachability'),
    })),
  };
}
