/**
 * DescribeAccountAttributes: what a new account reports in a region — VPC-only (EC2-Classic is
 * gone), its default VPC, and AWS's default quotas, in AWS's order.
 */
import type { AccountAttribute } from '@aws-sdk/client-ec2';
import type { RequestContext, Wire } from '../../core/types.js';
import { defaultVpc, regionState } from './state.js';
import type { Input, Output } from './types.js';

export function describeAccountAttributes(input: Input<'DescribeAccountAttributes'>, ctx: RequestContext): Output<'DescribeAccountAttributes'> {
  const values: Array<[string, string[]]> = [
    ['supported-platforms', ['VPC']],
    ['vpc-max-security-groups-per-interface', ['5']],
    ['max-elastic-ips', ['5']],
    ['max-instances', ['20']],
    ['vpc-max-elastic-ips', ['5']],
    ['default-vpc', [defaultVpc(regionState(ctx)).vpcId]],
  ];
  const asked = new Set<string>(input.AttributeNames);
  return {
    AccountAttributes: values
      .filter(([name]) => !asked.size || asked.has(name))
      .map(([name, vs]): Wire<AccountAttribute> => ({ AttributeName: name, AttributeValues: vs.map((AttributeValue) => ({ AttributeValue })) })),
  };
}
