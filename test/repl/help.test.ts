/**
 * Help fits the terminal and pages when long (issue 14): `.help` at 80 and 160 columns in a real
 * pseudo-terminal, help per object, per helper and per SDK operation (from the service model).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pawsOnSandbox } from '../helpers/index.js';
import { PROMPT, typeLine } from './pty-prompt.js';

test('.help fits 80 and 160 columns, pages, and stops at q', async (t) => {
  const at = await pawsOnSandbox(t);
  for (const cols of [80, 160]) {
    at.paws.resize(cols, 24);
    await new Promise((resolve) => setTimeout(resolve, 500)); // paws has seen the new size
    const since = at.paws.output.length;
    at.paws.write('.help\r');
    const first = await at.paws.waitFor(/-- 23\/\d+ lines · Space: next page · Enter: next line · q: stop --$/, { since });
    const lines = first.split('\n').slice(1, -1);
    assert.equal(lines.length, 23, 'one screenful');
    for (const line of lines) assert.ok(line.length <= cols, `wider than ${cols}: ${line}`);
    if (cols === 160) assert.match(first, /^ {2}\.debug on\|off +Log each HTTP request\/response \(secrets masked\); show error stacks$/m, 'a doc on one line');
    else assert.match(first, /^ {2}\.debug on\|off +Log each HTTP request\/response \(secrets masked\); show\n {20,}error stacks$/m, 'wrapped between words, under its column');
    at.paws.write(' ');
    await at.paws.waitFor(/-- 46\/\d+ lines/, { since });
    const beforeQ = at.paws.output.length;
    at.paws.write('q');
    // The status line is erased and the prompt drawn in its place.
    await at.paws.waitFor(new RegExp(`${PROMPT}$`), { since: beforeQ });
    assert.equal(await typeLine(at.paws, '1 + 1'), '2', 'the prompt takes input again');
  }
});

test('help(x) pages a long answer as .help does, and the prompt is back after q', async (t) => {
  const at = await pawsOnSandbox(t);
  at.paws.resize(80, 24);
  await new Promise((resolve) => setTimeout(resolve, 500)); // paws has seen the new size
  const since = at.paws.output.length;
  at.paws.write('help(ec2.runInstances)\r');
  const first = await at.paws.waitFor(/-- 23\/\d+ lines · Space: next page · Enter: next line · q: stop --$/, { since });
  assert.match(first, /await ec2\.runInstances\(\{…\}\) — the SDK's RunInstances; its input:/);
  at.paws.write('\r');
  await at.paws.waitFor(/-- 24\/\d+ lines/, { since });
  const beforeQ = at.paws.output.length;
  at.paws.write('q');
  await at.paws.waitFor(new RegExp(`${PROMPT}$`), { since: beforeQ });
  assert.doesNotMatch(at.paws.output.slice(since), /PagedText|undefined/, 'nothing printed but the help');
  assert.equal(await typeLine(at.paws, '1 + 1'), '2', 'the prompt takes input again');
  // Kept in a variable, the answer is its text.
  assert.match(await typeLine(at.paws, 'const h = help(launchInstance); String(h.text.length > 0)'), /'true'/);
});

test('help per object, per helper and per SDK operation', async (t) => {
  const at = await pawsOnSandbox(t);
  at.paws.resize(100, 150); // tall enough that no answer here is paged
  await new Promise((resolve) => setTimeout(resolve, 500));
  const cases: [string, RegExp][] = [
    ['help(ec2.describeInstances)', /^await ec2\.describeInstances\(\{…\}\) — the SDK's DescribeInstances; its input:\n {2}InstanceIds\? +a list of strings\. The instance IDs\.\n[\s\S]* {2}Filters\? +a list of objects \(Filter\)\. The filters\./],
    ['.help iam.createUser', /^ *UserName +a string, required\. The name of the user to create\./m],
    ['help(ec2)', /^ *ec2 +Amazon EC2[\s\S]*^ {4}ec2\.zones\(\.\.\.names\) +availability zones[\s\S]*help\(ec2\.OPERATION\)\s+shows\s+its\s+input\.$/m],
    ['.help s3', /^ *s3 +Amazon S3[\s\S]*^ {4}s3\.buckets\(\) +your buckets/m],
    ['help(launchInstance)', /^ *launchInstance +launchInstance\(/],
    ['help(42)', /^NoHelp: help\(x\) knows service objects, their methods and helpers — e\.g\. help\(ec2\)/],
    ['.help ec2.nosuch', /^NoHelp: ec2 has no member nosuch — \.help ec2 lists its members$/],
  ];
  for (const [input, expected] of cases) assert.match(await typeLine(at.paws, input), expected, input);
  // At 80 columns a signature longer than the line wraps at its spaces, under itself.
  at.paws.resize(80, 150);
  await new Promise((resolve) => setTimeout(resolve, 500));
  for (const topic of ['cw', 'ec2', 's3', 'sns', 'iam']) {
    const text = await typeLine(at.paws, `.help ${topic}`);
    for (const line of text.split('\n')) assert.ok(line.length <= 80, `.help ${topic}: wider than 80: ${line}`);
    if (topic === 'cw') assert.match(text, /^ {4}cw\.createCompositeAlarm\(\{name, rule: 'ALARM\(a\) AND ALARM\(b\)',\n {6}alarmActions\?, okActions\?\}\)$/m);
  }
});
