/** STS: who am I. */
import type { ServiceDefinition } from '../core/types.js';

export const sts: ServiceDefinition = {
  signingName: 'sts',
  actionPrefix: 'sts',
  protocols: ['query'],
  modelPackage: '@aws-sdk/client-sts',
  version: '2011-06-15',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  handlers: {
    GetCallerIdentity: (_input, ctx) => ({
      UserId: ctx.principal!.userId ?? ctx.principal!.accountId,
      Account: ctx.principal!.accountId,
      Arn: ctx.principal!.arn,
    }),
  },
};
