/**
 * Contributor Insights rules, stored: PutInsightRule (the definition checked as JSON with AWS's
 * Schema, LogGroupNames and Contribution), DescribeInsightRules, DeleteInsightRules,
 * Enable/DisableInsightRules (a rule that does not exist is a Failure in the answer, as AWS).
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { regionState } from './state.js';
import { putTags } from './tags.js';
import type { Input, InsightRuleRecord, Output } from './types.js';

const NAME = /^[\x20-\x7E]{1,128}$/;
const PAGE = 500;

function invalid(message: string): AwsError {
  return new AwsError('InvalidParameterValue', message);
}

function ruleArn(ctx: RequestContext, name: string): string {
  return `arn:aws:cloudwatch:${ctx.region}:${ctx.accountId}:insight-rule/${name}`;
}

/** The rule's `Schema` (`CloudWatchLogRule/1`), once the definition is checked. */
function checkDefinition(definition: string): string {
  let rule: { Schema?: { Name?: unknown; Version?: unknown }; LogGroupNames?: unknown; Contribution?: { Keys?: unknown } };
  try {
    rule = JSON.parse(definition);
  } catch {
    throw invalid('The value for parameter RuleDefinition is not valid JSON.');
  }
  if (typeof rule !== 'object' || rule === null) throw invalid('The value for parameter RuleDefinition must be a JSON object.');
  if (rule.Schema?.Name !== 'CloudWatchLogRule' || rule.Schema.Version !== 1) throw invalid('RuleDefinition.Schema must be {"Name": "CloudWatchLogRule", "Version": 1}.');
  if (!Array.isArray(rule.LogGroupNames) || !rule.LogGroupNames.length) throw invalid('RuleDefinition.LogGroupNames must list at least one log group.');
  if (!Array.isArray(rule.Contribution?.Keys) || !rule.Contribution.Keys.length) throw invalid('RuleDefinition.Contribution.Keys must list at least one key.');
  return 'CloudWatchLogRule/1';
}

export function putInsightRule(input: Input<'PutInsightRule'>, ctx: RequestContext): Output<'PutInsightRule'> {
  const name = input.RuleName ?? '';
  if (!NAME.test(name)) throw invalid('The parameter RuleName must be 1 to 128 printable characters.');
  if (!input.RuleDefinition) throw new AwsError('MissingParameter', 'The parameter RuleDefinition is required.');
  const state = input.RuleState ?? 'ENABLED';
  if (state !== 'ENABLED' && state !== 'DISABLED') throw invalid(`The value ${state} for parameter RuleState is invalid; use ENABLED or DISABLED.`);
  const rules = regionState(ctx);
  const isNew = !rules.insightRules[name];
  rules.insightRules[name] = { Name: name, State: state, Schema: checkDefinition(input.RuleDefinition), Definition: input.RuleDefinition };
  if (isNew) putTags(rules, ruleArn(ctx, name), input.Tags);
  return {};
}

export function describeInsightRules(input: Input<'DescribeInsightRules'>, ctx: RequestContext): Output<'DescribeInsightRules'> {
  const all = Object.values(regionState(ctx).insightRules).sort((a, b) => a.Name.localeCompare(b.Name));
  const from = input.NextToken ? Number(Buffer.from(input.NextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(from) || from < 0) throw new AwsError('InvalidNextToken', 'The service cannot parse the NextToken.');
  const size = Math.min(input.MaxResults ?? PAGE, PAGE);
  return {
    InsightRules: all.slice(from, from + size).map((r) => ({ ...r, ManagedRule: false })),
    NextToken: from + size < all.length ? Buffer.from(String(from + size)).toString('base64url') : undefined,
  };
}

/** Applies `change` to each named rule; a missing one is a Failure, not an error. */
function eachRule(names: string[] | undefined, ctx: RequestContext, change: (rule: InsightRuleRecord) => void) {
  const state = regionState(ctx);
  const failures = (names ?? []).flatMap((n) => {
    const rule = state.insightRules[n];
    if (rule) return change(rule), [];
    return [{ FailureResource: n, ExceptionType: 'ResourceNotFoundException', FailureCode: '404', FailureDescription: `Insight rule ${n} does not exist.` }];
  });
  return { Failures: failures };
}

export function deleteInsightRules(input: Input<'DeleteInsightRules'>, ctx: RequestContext): Output<'DeleteInsightRules'> {
  const state = regionState(ctx);
  return eachRule(input.RuleNames, ctx, (rule) => {
    delete state.insightRules[rule.Name];
    delete state.tags[ruleArn(ctx, rule.Name)];
  });
}

export function setInsightRulesState(enabled: boolean) {
  return (input: Input<'EnableInsightRules'>, ctx: RequestContext): Output<'EnableInsightRules'> =>
    eachRule(input.RuleNames, ctx, (rule) => {
      rule.State = enabled ? 'ENABLED' : 'DISABLED';
    });
}
