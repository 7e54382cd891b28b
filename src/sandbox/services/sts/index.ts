/** STS: who am I. */
import type { RequestContext, ServiceDefinition } from '../../core/types.js';
import type { Input, Output, StsApi } from './types.js';

function getCallerIdentity(_input: Input<'GetCallerIdentity'>, ctx: RequestContext): Output<'GetCallerIdentity'> {
  const principal = ctx.principal!;
  return { UserId: principal.userId ?? principal.accountId, Account: principal.accountId, Arn: principal.arn };
}

export const sts: ServiceDefinition<StsApi> = {
  signingName: 'sts',
  actionPrefix: 'sts',
  protocols: ['query'],
  modelPackage: '@aws-sdk/client-sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  handlers: {
    GetCallerIdentity: getCallerIdentity,
  },
};
