/** EC2: the service definition; each resource family's handlers live in their own module. */
import type { ServiceDefinition } from '../../core/types.js';
import { describeAvailabilityZones, describeRegions } from './regions.js';

export const ec2: ServiceDefinition = {
  signingName: 'ec2',
  actionPrefix: 'ec2',
  protocols: ['ec2'],
  modelPackage: '@aws-sdk/client-ec2',
  version: '2016-11-15',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  handlers: {
    DescribeRegions: (input) => describeRegions(input),
    DescribeAvailabilityZones: (input, ctx) => describeAvailabilityZones(ctx.region, input),
  },
};
