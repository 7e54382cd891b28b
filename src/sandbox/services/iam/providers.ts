/**
 * Identity providers a role's trust policy can name as `Federated`: OpenID Connect providers
 * (AssumeRoleWithWebIdentity) and SAML providers.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { entityAlreadyExists, iamState, noSuchEntity, now } from './state.js';
import type { Input, Output } from './types.js';

export function createOpenIDConnectProvider(input: Input<'CreateOpenIDConnectProvider'>, ctx: RequestContext): Output<'CreateOpenIDConnectProvider'> {
  const m = /^https:\/\/([^\s?#]+?)\/?$/.exec(input.Url ?? '');
  if (!m) throw new AwsError('ValidationError', `1 validation error detected: Value '${input.Url}' at 'url' failed to satisfy constraint: the URL must begin with https://`);
  const state = iamState(ctx);
  const arn = `arn:aws:iam::${ctx.accountId}:oidc-provider/${m[1]}`;
  if (state.oidcProviders[arn]) throw entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
  state.oidcProviders[arn] = { url: m[1], clientIds: input.ClientIDList ?? [], thumbprints: input.ThumbprintList ?? [], createDate: now() };
  return { OpenIDConnectProviderArn: arn };
}

function oidc(ctx: RequestContext, arn: string | undefined) {
  const provider = iamState(ctx).oidcProviders[arn ?? ''];
  if (!provider) throw noSuchEntity(`OpenIDConnect Provider not found for arn ${arn}`);
  return provider;
}

export function getOpenIDConnectProvider(input: Input<'GetOpenIDConnectProvider'>, ctx: RequestContext): Output<'GetOpenIDConnectProvider'> {
  const p = oidc(ctx, input.OpenIDConnectProviderArn);
  return { Url: p.url, ClientIDList: p.clientIds, ThumbprintList: p.thumbprints, CreateDate: p.createDate };
}

export function listOpenIDConnectProviders(_input: Input<'ListOpenIDConnectProviders'>, ctx: RequestContext): Output<'ListOpenIDConnectProviders'> {
  return { OpenIDConnectProviderList: Object.keys(iamState(ctx).oidcProviders).map((Arn) => ({ Arn })) };
}

export function deleteOpenIDConnectProvider(input: Input<'DeleteOpenIDConnectProvider'>, ctx: RequestContext): Output<'DeleteOpenIDConnectProvider'> {
  oidc(ctx, input.OpenIDConnectProviderArn);
  delete iamState(ctx).oidcProviders[input.OpenIDConnectProviderArn!];
  return {};
}

export function createSAMLProvider(input: Input<'CreateSAMLProvider'>, ctx: RequestContext): Output<'CreateSAMLProvider'> {
  const name = input.Name ?? '';
  if (!/^[\w._-]{1,128}$/.test(name)) throw new AwsError('ValidationError', `1 validation error detected: Value '${name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w._-]+`);
  if ((input.SAMLMetadataDocument ?? '').length < 1000) throw new AwsError('InvalidInput', 'Could not parse metadata');
  const state = iamState(ctx);
  const arn = `arn:aws:iam::${ctx.accountId}:saml-provider/${name}`;
  if (state.samlProviders[arn]) throw entityAlreadyExists(`SAMLProvider ${name} already exists.`);
  state.samlProviders[arn] = { metadata: input.SAMLMetadataDocument!, createDate: now() };
  return { SAMLProviderArn: arn };
}

function saml(ctx: RequestContext, arn: string | undefined) {
  const provider = iamState(ctx).samlProviders[arn ?? ''];
  if (!provider) throw noSuchEntity(`Manifest not found for arn ${arn}`);
  return provider;
}

export function getSAMLProvider(input: Input<'GetSAMLProvider'>, ctx: RequestContext): Output<'GetSAMLProvider'> {
  const p = saml(ctx, input.SAMLProviderArn);
  return { SAMLMetadataDocument: p.metadata, CreateDate: p.createDate };
}

export function listSAMLProviders(_input: Input<'ListSAMLProviders'>, ctx: RequestContext): Output<'ListSAMLProviders'> {
  return { SAMLProviderList: Object.entries(iamState(ctx).samlProviders).map(([Arn, p]) => ({ Arn, CreateDate: p.createDate })) };
}

export function deleteSAMLProvider(input: Input<'DeleteSAMLProvider'>, ctx: RequestContext): Output<'DeleteSAMLProvider'> {
  saml(ctx, input.SAMLProviderArn);
  delete iamState(ctx).samlProviders[input.SAMLProviderArn!];
  return {};
}
