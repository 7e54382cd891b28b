/**
 * Dashboards: PutDashboard (the body checked as AWS checks it: a JSON object whose widgets have a
 * known type and properties), GetDashboard, ListDashboards (by prefix, paged), DeleteDashboards
 * (all or none). Dashboards are global: every region of an account sees the same ones.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { dashboardsOf } from './state.js';
import type { DashboardRecord, Input, Output } from './types.js';

const NAME = /^[A-Za-z0-9_-]{1,255}$/;
const WIDGET_TYPES = ['metric', 'text', 'log', 'alarm', 'explorer', 'custom'];
const PAGE = 1000;

/** DashboardInvalidInputError, as the SDK names AWS's InvalidParameterInput. */
function invalidInput(message: string): AwsError {
  return new AwsError('InvalidParameterInput', message);
}

function notFound(message: string): AwsError {
  return new AwsError('ResourceNotFound', message, 404);
}

function arn(ctx: RequestContext, name: string): string {
  return `arn:aws:cloudwatch::${ctx.accountId}:dashboard/${name}`;
}

/** What is wrong with a dashboard body, as AWS's validation messages say it (data path and message). */
function bodyErrors(body: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return ['The field DashboardBody must be a valid JSON object'];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return ['The field DashboardBody must be a valid JSON object'];
  const widgets = (parsed as { widgets?: unknown }).widgets;
  if (!Array.isArray(widgets)) return ['/widgets: Should be an array of widgets (required)'];
  return widgets.flatMap((w: Record<string, unknown>, i): string[] => {
    const at = `/widgets/${i}`;
    if (typeof w !== 'object' || w === null) return [`${at}: Should be object`];
    const errors: string[] = [];
    if (!WIDGET_TYPES.includes(w.type as string)) errors.push(`${at}/type: Should be equal to one of the allowed values [${WIDGET_TYPES.join(', ')}]`);
    const props = w.properties as Record<string, unknown> | undefined;
    if (typeof props !== 'object' || props === null) errors.push(`${at}: Should have required property 'properties'`);
    else if (w.type === 'text' && typeof props.markdown !== 'string') errors.push(`${at}/properties: Should have required property 'markdown'`);
    else if (w.type === 'metric' && !Array.isArray(props.metrics) && !props.expression) errors.push(`${at}/properties: Should have required property 'metrics'`);
    for (const k of ['x', 'y', 'width', 'height'] as const) {
      if (w[k] !== undefined && (!Number.isInteger(w[k]) || (w[k] as number) < 0)) errors.push(`${at}/${k}: Should be integer`);
    }
    return errors;
  });
}

export function putDashboard(input: Input<'PutDashboard'>, ctx: RequestContext): Output<'PutDashboard'> {
  const name = input.DashboardName ?? '';
  if (!NAME.test(name)) throw invalidInput('The value for field DashboardName contains invalid characters. It can only contain alphanumerics, dash (-) and underscore (_).');
  if (input.DashboardBody === undefined) throw new AwsError('MissingParameter', 'The parameter DashboardBody is required.');
  const errors = bodyErrors(input.DashboardBody);
  if (errors.length) throw invalidInput(`The dashboard body is invalid, there are ${errors.length} validation errors: ${errors.join('; ')}`);
  dashboardsOf(ctx)[name] = { DashboardName: name, DashboardBody: input.DashboardBody, LastModified: new Date().toISOString() };
  return { DashboardValidationMessages: [] };
}

export function getDashboard(input: Input<'GetDashboard'>, ctx: RequestContext): Output<'GetDashboard'> {
  const dashboard = dashboardsOf(ctx)[input.DashboardName ?? ''];
  if (!dashboard) throw notFound(`Dashboard ${input.DashboardName} does not exist`);
  return { DashboardName: dashboard.DashboardName, DashboardArn: arn(ctx, dashboard.DashboardName), DashboardBody: dashboard.DashboardBody };
}

export function listDashboards(input: Input<'ListDashboards'>, ctx: RequestContext): Output<'ListDashboards'> {
  const all = Object.values(dashboardsOf(ctx))
    .filter((d) => !input.DashboardNamePrefix || d.DashboardName.startsWith(input.DashboardNamePrefix))
    .sort((a, b) => a.DashboardName.localeCompare(b.DashboardName));
  const from = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw new AwsError('InvalidParameterValue', 'The value for parameter NextToken is invalid.');
  const entry = (d: DashboardRecord) => ({ DashboardName: d.DashboardName, DashboardArn: arn(ctx, d.DashboardName), LastModified: new Date(d.LastModified), Size: Buffer.byteLength(d.DashboardBody) });
  return {
    DashboardEntries: all.slice(from, from + PAGE).map(entry),
    NextToken: from + PAGE < all.length ? Buffer.from(String(from + PAGE)).toString('base64url') : undefined,
  };
}

export function deleteDashboards(input: Input<'DeleteDashboards'>, ctx: RequestContext): Output<'DeleteDashboards'> {
  const dashboards = dashboardsOf(ctx);
  const names = input.DashboardNames ?? [];
  if (!names.length) throw new AwsError('MissingParameter', 'The parameter DashboardNames is required.');
  const missing = names.filter((n) => !dashboards[n]);
  if (missing.length) throw notFound(`The specified dashboard does not exist. [${missing.join(', ')}]`);
  for (const n of names) delete dashboards[n];
  return {};
}
