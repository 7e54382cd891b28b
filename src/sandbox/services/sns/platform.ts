/**
 * Mobile push: platform applications and their endpoints, kept as SNS keeps them (credentials are
 * stored, never answered back). Publishing to an enabled endpoint is accepted and, in the sandbox,
 * sent nowhere: nothing leaves the machine.
 */
import { randomUUID } from 'node:crypto';
import { AwsError, type RequestContext } from '../../core/types.js';
import { invalidParameter, regionState } from './state.js';
import { page } from './topics.js';
import type { Input, Output, PlatformApplicationRecord, PlatformEndpointRecord, SnsState } from './types.js';

const PLATFORMS = new Set(['ADM', 'APNS', 'APNS_SANDBOX', 'BAIDU', 'GCM', 'MPNS', 'WNS']);
/** What GetPlatformApplicationAttributes never shows. */
const SECRET = new Set(['PlatformCredential', 'PlatformPrincipal']);

function applications(state: SnsState): Record<string, PlatformApplicationRecord> {
  return (state.applications ??= {});
}

function endpoints(state: SnsState): Record<string, PlatformEndpointRecord> {
  return (state.endpoints ??= {});
}

function findApplication(ctx: RequestContext, arn: string | undefined): PlatformApplicationRecord {
  const app = applications(regionState(ctx))[arn ?? ''];
  if (!app) throw new AwsError('NotFound', 'PlatformApplication does not exist', 404);
  return app;
}

export function findEndpoint(state: SnsState, arn: string | undefined): PlatformEndpointRecord {
  const endpoint = endpoints(state)[arn ?? ''];
  if (!endpoint) throw new AwsError('NotFound', 'Endpoint does not exist', 404);
  return endpoint;
}

export function createPlatformApplication(input: Input<'CreatePlatformApplication'>, ctx: RequestContext): Output<'CreatePlatformApplication'> {
  const name = input.Name ?? '';
  if (!/^[A-Za-z0-9_.-]{1,256}$/.test(name)) throw invalidParameter('Invalid platform application name');
  const platform = input.Platform ?? '';
  if (!PLATFORMS.has(platform)) throw invalidParameter(`Platform Reason: ${platform} is not supported`);
  if (!input.Attributes?.PlatformCredential) throw invalidParameter('Attributes Reason: PlatformCredential attribute is required');
  const arn = `arn:aws:sns:${ctx.region}:${ctx.accountId}:app/${platform}/${name}`;
  applications(regionState(ctx))[arn] = { arn, platform, attributes: { Enabled: 'true', ...input.Attributes } };
  return { PlatformApplicationArn: arn };
}

function shown(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => !SECRET.has(k)));
}

export function getPlatformApplicationAttributes(input: Input<'GetPlatformApplicationAttributes'>, ctx: RequestContext): Output<'GetPlatformApplicationAttributes'> {
  return { Attributes: shown(findApplication(ctx, input.PlatformApplicationArn).attributes) };
}

export function setPlatformApplicationAttributes(input: Input<'SetPlatformApplicationAttributes'>, ctx: RequestContext): Output<'SetPlatformApplicationAttributes'> {
  Object.assign(findApplication(ctx, input.PlatformApplicationArn).attributes, input.Attributes);
  return {};
}

export function listPlatformApplications(input: Input<'ListPlatformApplications'>, ctx: RequestContext): Output<'ListPlatformApplications'> {
  const { items, next } = page(Object.values(applications(regionState(ctx))), input.NextToken);
  return { PlatformApplications: items.map((a) => ({ PlatformApplicationArn: a.arn, Attributes: shown(a.attributes) })), NextToken: next };
}

/** Deleting an application deletes its endpoints; one that does not exist is no error. */
export function deletePlatformApplication(input: Input<'DeletePlatformApplication'>, ctx: RequestContext): Output<'DeletePlatformApplication'> {
  const state = regionState(ctx);
  for (const e of Object.values(endpoints(state))) if (e.applicationArn === input.PlatformApplicationArn) delete endpoints(state)[e.arn];
  delete applications(state)[input.PlatformApplicationArn ?? ''];
  return {};
}

/** Idempotent for a token with the same attributes, as SNS is; the same token with others is refused. */
export function createPlatformEndpoint(input: Input<'CreatePlatformEndpoint'>, ctx: RequestContext): Output<'CreatePlatformEndpoint'> {
  const app = findApplication(ctx, input.PlatformApplicationArn);
  if (!input.Token) throw invalidParameter('Token Reason: cannot be empty');
  const attributes: Record<string, string> = { Enabled: 'true', ...input.Attributes, Token: input.Token, ...(input.CustomUserData !== undefined ? { CustomUserData: input.CustomUserData } : {}) };
  const all = endpoints(regionState(ctx));
  const existing = Object.values(all).find((e) => e.applicationArn === app.arn && e.attributes.Token === input.Token);
  if (existing) {
    if (Object.entries(attributes).some(([k, v]) => existing.attributes[k] !== v)) {
      throw invalidParameter(`Token Reason: Endpoint ${existing.arn} already exists with the same Token, but different attributes.`);
    }
    return { EndpointArn: existing.arn };
  }
  const arn = `${app.arn.replace(':app/', ':endpoint/')}/${randomUUID()}`;
  all[arn] = { arn, applicationArn: app.arn, attributes };
  return { EndpointArn: arn };
}

export function getEndpointAttributes(input: Input<'GetEndpointAttributes'>, ctx: RequestContext): Output<'GetEndpointAttributes'> {
  return { Attributes: { ...findEndpoint(regionState(ctx), input.EndpointArn).attributes } };
}

export function setEndpointAttributes(input: Input<'SetEndpointAttributes'>, ctx: RequestContext): Output<'SetEndpointAttributes'> {
  Object.assign(findEndpoint(regionState(ctx), input.EndpointArn).attributes, input.Attributes);
  return {};
}

export function deleteEndpoint(input: Input<'DeleteEndpoint'>, ctx: RequestContext): Output<'DeleteEndpoint'> {
  delete endpoints(regionState(ctx))[input.EndpointArn ?? ''];
  return {};
}

export function listEndpointsByPlatformApplication(input: Input<'ListEndpointsByPlatformApplication'>, ctx: RequestContext): Output<'ListEndpointsByPlatformApplication'> {
  const app = findApplication(ctx, input.PlatformApplicationArn);
  const { items, next } = page(Object.values(endpoints(regionState(ctx))).filter((e) => e.applicationArn === app.arn), input.NextToken);
  return { Endpoints: items.map((e) => ({ EndpointArn: e.arn, Attributes: { ...e.attributes } })), NextToken: next };
}

/** A direct publish to a mobile endpoint: refused when it is disabled, else accepted and kept on the machine. */
export function publishToEndpoint(state: SnsState, arn: string): Output<'Publish'> {
  const endpoint = findEndpoint(state, arn);
  if (endpoint.attributes.Enabled === 'false') throw new AwsError('EndpointDisabled', 'Endpoint is disabled');
  return { MessageId: randomUUID() };
}
