/** STS: who am I, and temporary credentials (assumed roles, web identities, session and federation tokens) that every service verifies. */
import { AwsError, type RequestContext, type ServiceDefinition } from '../../core/types.js';
import { decodeAuthorizationMessage } from '../iam/authorization-message.js';
import { assumeRole, getFederationToken, getSessionToken } from './sessions.js';
import { assumeRoleWithWebIdentity } from './web-identity.js';
import type { Input, Output, StsApi } from './types.js';

function getCallerIdentity(_input: Input<'GetCallerIdentity'>, ctx: RequestContext): Output<'GetCallerIdentity'> {
  const principal = ctx.principal!;
  return { UserId: principal.userId ?? principal.accountId, Account: principal.accountId, Arn: principal.arn };
}

function getAccessKeyInfo(input: Input<'GetAccessKeyInfo'>, ctx: RequestContext): Output<'GetAccessKeyInfo'> {
  const key = ctx.sandbox.keys.lookup(input.AccessKeyId ?? '');
  if (!key) throw new AwsError('InvalidParameterValue', `The access key ${input.AccessKeyId} is not one the sandbox issued.`);
  return { Account: key.principal.accountId };
}

/** The caller needs sts:DecodeAuthorizationMessage (checked as every action is) and a message of its own account. */
function decode(input: Input<'DecodeAuthorizationMessage'>, ctx: RequestContext): Output<'DecodeAuthorizationMessage'> {
  return { DecodedMessage: decodeAuthorizationMessage(ctx.sandbox, ctx.principal!.accountId, input.EncodedMessage ?? '') };
}

export const sts: ServiceDefinition<StsApi> = {
  signingName: 'sts',
  actionPrefix: 'sts',
  protocols: ['query'],
  modelPackage: '@aws-sdk/client-sts',
  xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
  handlers: {
    GetCallerIdentity: getCallerIdentity,
    GetAccessKeyInfo: getAccessKeyInfo,
    AssumeRole: assumeRole,
    GetSessionToken: getSessionToken,
    GetFederationToken: getFederationToken,
    AssumeRoleWithWebIdentity: assumeRoleWithWebIdentity,
    // Its XML-signature library (~30 ms to load) loads with the first SAML sign-in, not with the sandbox.
    AssumeRoleWithSAML: async (input, ctx) => (await import('./saml.js')).assumeRoleWithSAML(input, ctx),
    DecodeAuthorizationMessage: decode,
  },
  // The identity provider's token is the credential: AWS takes these unsigned.
  publicActions: ['AssumeRoleWithWebIdentity', 'AssumeRoleWithSAML'],
  resourceOf: (_operation, input: { RoleArn?: string }) => input.RoleArn,
};
