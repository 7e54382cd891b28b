/**
 * Launch templates and their numbered versions ($Latest, $Default), and what RunInstances takes
 * from one: the version's data, under the members the request gives itself.
 */
import type { LaunchTemplate, LaunchTemplateVersion, ResponseLaunchTemplateData } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { missingParameter } from './errors.js';
import { applyFilters, paginate, specTags, tagList } from './filters.js';
import { newId, nowIso, regionState } from './state.js';
import type { Input, LaunchTemplateRecord, LaunchTemplateVersionRecord, Output } from './types.js';

const NAME = /^[a-zA-Z0-9().\-/_]{3,128}$/;
const ID = /^lt-[0-9a-f]{17}$/;

function templates(ctx: RequestContext): Record<string, LaunchTemplateRecord> {
  return regionState(ctx).launchTemplates;
}

function byName(ctx: RequestContext, name: string): LaunchTemplateRecord | undefined {
  return Object.values(templates(ctx)).find((t) => t.launchTemplateName === name);
}

/** The template a request names by id or by name (exactly one of them). */
function named(ctx: RequestContext, id: string | undefined, name: string | undefined): LaunchTemplateRecord {
  if (id && name) throw new AwsError('InvalidParameterCombination', 'Both a launch template ID and a launch template name were specified. Specify only one.');
  if (id) {
    if (!ID.test(id)) throw new AwsError('InvalidLaunchTemplateId.Malformed', `The specified ID for the launch template is not valid: '${id}'.`);
    const t = templates(ctx)[id];
    if (!t) throw new AwsError('InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`);
    return t;
  }
  if (name) {
    const t = byName(ctx, name);
    if (!t) throw new AwsError('InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
    return t;
  }
  throw missingParameter('LaunchTemplateId or LaunchTemplateName');
}

const latest = (t: LaunchTemplateRecord) => t.versions.length;

/** A version by number, `$Latest` or `$Default` (the default when none is given). */
function version(t: LaunchTemplateRecord, which: string | undefined): LaunchTemplateVersionRecord {
  const n = which === undefined || which === '$Default' ? t.defaultVersion : which === '$Latest' ? latest(t) : /^\d+$/.test(which) ? Number(which) : NaN;
  if (Number.isNaN(n)) throw new AwsError('InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${which} for launch template with ID ${t.launchTemplateId}.`);
  const v = t.versions[n - 1];
  if (!v) throw new AwsError('InvalidLaunchTemplateId.VersionNotFound', `Could not find version ${n} for launch template with ID ${t.launchTemplateId}.`);
  return v;
}

function templateShape(t: LaunchTemplateRecord): Wire<LaunchTemplate> {
  return {
    LaunchTemplateId: t.launchTemplateId,
    LaunchTemplateName: t.launchTemplateName,
    CreateTime: t.createTime,
    CreatedBy: t.createdBy,
    DefaultVersionNumber: t.defaultVersion,
    LatestVersionNumber: latest(t),
    Tags: tagList(t.tags),
  };
}

function versionShape(t: LaunchTemplateRecord, v: LaunchTemplateVersionRecord): Wire<LaunchTemplateVersion> {
  return {
    LaunchTemplateId: t.launchTemplateId,
    LaunchTemplateName: t.launchTemplateName,
    VersionNumber: v.versionNumber,
    VersionDescription: v.description,
    CreateTime: v.createTime,
    CreatedBy: t.createdBy,
    DefaultVersion: v.versionNumber === t.defaultVersion,
    // The request's data shape and the answer's agree member for member where the sandbox reads them.
    LaunchTemplateData: v.data as Wire<ResponseLaunchTemplateData>,
  };
}

function addVersion(t: LaunchTemplateRecord, data: Record<string, any>, description: string | undefined): LaunchTemplateVersionRecord {
  if (description !== undefined && description.length > 255) throw new AwsError('InvalidParameterValue', 'The version description must be at most 255 characters long.');
  const v = { versionNumber: latest(t) + 1, description, createTime: nowIso(), data };
  t.versions.push(v);
  return v;
}

export function createLaunchTemplate(input: Input<'CreateLaunchTemplate'>, ctx: RequestContext): Output<'CreateLaunchTemplate'> {
  const name = input.LaunchTemplateName!;
  if (!NAME.test(name)) {
    throw new AwsError('InvalidLaunchTemplateName.MalformedException', 'A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.');
  }
  if (byName(ctx, name)) throw new AwsError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
  const t: LaunchTemplateRecord = {
    launchTemplateId: newId('lt'),
    launchTemplateName: name,
    createTime: nowIso(),
    createdBy: `arn:aws:iam::${ctx.accountId}:root`,
    defaultVersion: 1,
    versions: [],
    tags: specTags(input.TagSpecifications, 'launch-template'),
  };
  addVersion(t, input.LaunchTemplateData ?? {}, input.VersionDescription);
  templates(ctx)[t.launchTemplateId] = t;
  return { LaunchTemplate: templateShape(t) };
}

export function createLaunchTemplateVersion(input: Input<'CreateLaunchTemplateVersion'>, ctx: RequestContext): Output<'CreateLaunchTemplateVersion'> {
  const t = named(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
  // A version made from another keeps its data except the members given anew.
  const base = input.SourceVersion !== undefined ? version(t, input.SourceVersion).data : {};
  const v = addVersion(t, { ...base, ...input.LaunchTemplateData }, input.VersionDescription);
  return { LaunchTemplateVersion: versionShape(t, v) };
}

export function describeLaunchTemplates(input: Input<'DescribeLaunchTemplates'>, ctx: RequestContext): Output<'DescribeLaunchTemplates'> {
  const ids = input.LaunchTemplateIds ?? [];
  const names = input.LaunchTemplateNames ?? [];
  const picked = ids.length || names.length
    ? [...ids.map((id) => named(ctx, id, undefined)), ...names.map((n) => named(ctx, undefined, n))]
    : Object.values(templates(ctx));
  const matched = applyFilters(picked, input.Filters, {
    'create-time': (t) => t.createTime,
    'launch-template-name': (t) => t.launchTemplateName,
  });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken, 1, 200);
  return { LaunchTemplates: page.map(templateShape), NextToken: nextToken };
}

export function deleteLaunchTemplate(input: Input<'DeleteLaunchTemplate'>, ctx: RequestContext): Output<'DeleteLaunchTemplate'> {
  const t = named(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
  delete templates(ctx)[t.launchTemplateId];
  return { LaunchTemplate: templateShape(t) };
}

export function modifyLaunchTemplate(input: Input<'ModifyLaunchTemplate'>, ctx: RequestContext): Output<'ModifyLaunchTemplate'> {
  const t = named(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
  if (input.DefaultVersion !== undefined) t.defaultVersion = version(t, input.DefaultVersion).versionNumber;
  return { LaunchTemplate: templateShape(t) };
}

/** The versions a request picks of one template: named ones, or a range, or all. */
function pickVersions(t: LaunchTemplateRecord, input: Input<'DescribeLaunchTemplateVersions'>): LaunchTemplateVersionRecord[] {
  if (input.Versions?.length) return [...new Set(input.Versions.map((w) => version(t, w)))];
  return t.versions.filter((v): v is LaunchTemplateVersionRecord =>
    v !== null && (input.MinVersion === undefined || v.versionNumber >= Number(input.MinVersion)) && (input.MaxVersion === undefined || v.versionNumber <= Number(input.MaxVersion)));
}

export function describeLaunchTemplateVersions(input: Input<'DescribeLaunchTemplateVersions'>, ctx: RequestContext): Output<'DescribeLaunchTemplateVersions'> {
  // Without a template, every template's $Latest and/or $Default, and only those.
  const every = !input.LaunchTemplateId && !input.LaunchTemplateName;
  if (every && (!input.Versions?.length || input.Versions.some((v) => v !== '$Latest' && v !== '$Default'))) {
    throw new AwsError('InvalidParameterCombination', 'Without a launch template ID or name, specify only the $Latest or $Default versions.');
  }
  const picked = (every ? Object.values(templates(ctx)) : [named(ctx, input.LaunchTemplateId, input.LaunchTemplateName)])
    .flatMap((t) => pickVersions(t, input).map((v) => ({ t, v, tags: {} })));
  const matched = applyFilters(picked, input.Filters, {
    'create-time': ({ v }) => v.createTime,
    'is-default-version': ({ t, v }) => v.versionNumber === t.defaultVersion,
    'image-id': ({ v }) => v.data.ImageId,
    'instance-type': ({ v }) => v.data.InstanceType,
    'key-name': ({ v }) => v.data.KeyName,
  });
  const { page, nextToken } = paginate(matched, input.MaxResults, input.NextToken, 1, 200);
  return { LaunchTemplateVersions: page.map(({ t, v }) => versionShape(t, v)), NextToken: nextToken };
}

export function deleteLaunchTemplateVersions(input: Input<'DeleteLaunchTemplateVersions'>, ctx: RequestContext): Output<'DeleteLaunchTemplateVersions'> {
  const t = named(ctx, input.LaunchTemplateId, input.LaunchTemplateName);
  const out: Output<'DeleteLaunchTemplateVersions'> = { SuccessfullyDeletedLaunchTemplateVersions: [], UnsuccessfullyDeletedLaunchTemplateVersions: [] };
  for (const n of (input.Versions ?? []).map(Number)) {
    const ids = { LaunchTemplateId: t.launchTemplateId, LaunchTemplateName: t.launchTemplateName, VersionNumber: n };
    const error = n === t.defaultVersion
      ? { Code: 'launchTemplateVersionDefaultVersionCannotBeDeleted', Message: 'Cannot delete the default version of a launch template.' }
      : !t.versions[n - 1]
        ? { Code: 'launchTemplateVersionDoesNotExist', Message: 'The specified launch template version does not exist.' }
        : undefined;
    if (error) out.UnsuccessfullyDeletedLaunchTemplateVersions!.push({ ...ids, ResponseError: error });
    else {
      t.versions[n - 1] = null;
      out.SuccessfullyDeletedLaunchTemplateVersions!.push(ids);
    }
  }
  return out;
}

/**
 * A RunInstances request with its launch template's data under it, and the tags AWS puts on
 * instances launched from one; a request without a template is returned as it is.
 */
export function withLaunchTemplate(input: Input<'RunInstances'>, ctx: RequestContext): { request: Input<'RunInstances'>; templateTags: Record<string, string> } {
  const spec = input.LaunchTemplate;
  if (!spec) return { request: input, templateTags: {} };
  const t = named(ctx, spec.LaunchTemplateId, spec.LaunchTemplateName);
  const v = version(t, spec.Version);
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
  return {
    request: { ...v.data, ...given } as Input<'RunInstances'>,
    templateTags: { 'aws:ec2launchtemplate:id': t.launchTemplateId, 'aws:ec2launchtemplate:version': String(v.versionNumber) },
  };
}
