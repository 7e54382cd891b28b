/**
 * What the user asked to see prints readably (issue 14): text of several lines as text, and a
 * name declared again replaces the old one, at the prompt and when a script is run again.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { createWriter } from '../../src/repl/writer.js';
import { pawsOnSandbox } from '../helpers/index.js';
import { typeLine } from './pty-prompt.js';

test('text prints as text; declaring again replaces', async (t) => {
  const at = await pawsOnSandbox(t);
  const script = join(at.home, 'defines.ts');
  writeFileSync(script, 'const zones = await ec2.zones();\nlet count: number = zones.length;\nclass Box {}\ncount\n');
  const cases: [string, string][] = [
    ['"first line\\nsecond line"', 'first line\nsecond line'],
    ['"one line"', "'one line'"],
    ['["a\\nb"]', "[ 'a\\nb' ]"],
    ['const bucket = "one"', ''],
    ['const bucket = "two"; bucket', "'two'"],
    ['let n = 1', ''],
    ['let n = 2; n', '2'],
    ['const [first] = await ec2.zones(); String(first)', "'Zone:us-east-1a'"],
    ['const [first] = await ec2.zones(); first.name', "'us-east-1a'"],
    ['for (const z of [1, 2]) { const y = z }', ''],
    [`.run ${script}`, '6'],
    [`.run ${script}`, '6'],
    ['zones.length + count', '12'],
    // A listing: awaited, the list; else what to do with it.
    ["const listed = await createBucket('paws-listing'); await s3.putObject({Bucket: 'paws-listing', Key: 'a.txt', Body: 'x'}); 'put'", "'put'"],
    ['await listed.keys()', '[Key:paws-listing/a.txt]'],
    ['listed.keys()', 'Listing — await it for the list, or for await (const item of …) to go a page at a time'],
  ];
  for (const [input, expected] of cases) assert.equal(await typeLine(at.paws, input), expected, input);
});

test('a pending or rejected Promise says to await, on a colour terminal too', () => {
  const hint = 'a Promise: put await before the call (const x = await …) to get its result';
  const rejected = Promise.reject(new Error('ParamValidation: bad'));
  rejected.catch(() => {});
  for (const colors of [false, true]) {
    const write = createWriter({ colors });
    assert.equal(stripVTControlCharacters(write(new Promise(() => {}))), `Promise { <pending> } — ${hint}`, `colors: ${colors}`);
    assert.match(stripVTControlCharacters(write(rejected)), new RegExp(`^Promise \\{\\s*<rejected> Error: ParamValidation: bad[^]* — ${hint.replace(/[()…]/g, '.')}$`), `colors: ${colors}`);
  }
});

test('a short list of resources is one line as the book prints it, one per line when wider than the terminal, after a resize too; a long one a table that fits', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  const zones = ['a', 'b', 'c', 'd', 'e', 'f'].map((z) => `Zone:us-east-1${z}`);
  assert.equal(await typeLine(paws, 'await ec2.zones()'), `[${zones.join(', ')}]`); // 108 columns of 120
  paws.resize(80, 24);
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.equal(await typeLine(paws, 'await ec2.zones()'), `[${zones.slice(0, 4).join(', ')},\n ${zones.slice(4).join(', ')}]`);
  // Nine instances and their table: a row per instance on one line each, its last column left out to fit 80.
  const image = "(await ec2.describeImages({Owners: ['amazon']})).Images[0].ImageId";
  await typeLine(paws, "await ec2.createKeyPair({KeyName: 'workshop'}); 1");
  assert.equal(await typeLine(paws, `await ec2.runInstances({ImageId: ${image}, MinCount: 9, MaxCount: 9, KeyName: 'workshop', TagSpecifications: [{ResourceType: 'instance', Tags: [{Key: 'Name', Value: 'web'}]}]}); 1`, 30_000), '1');
  const table = await typeLine(paws, 'await ec2.instances()', 30_000);
  const lines = table.split('\n');
  assert.ok(lines.every((line) => line.length <= 80), table);
  assert.equal(lines.filter((line) => /^│ i-[0-9a-f]{17} │ \w+ +│ [\w.]+ +│ us-east-1\w +│ [\d.]+ +│ web +│$/.test(line)).length, 9, table);
  assert.equal(lines.at(-1), '9 × Instance (Key left out to fit 80 columns)');
});
