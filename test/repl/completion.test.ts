/**
 * Tab completes what a user reaches for (issue 14): regions after `.region`, recipe names after
 * `.run`, dot-command arguments, and names from the account inside quotes — fetched in the
 * background, so the first Tab never waits. The built CLI in a pseudo-terminal.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pawsOnSandbox } from '../helpers/index.js';
import { typeLine } from './pty-prompt.js';

const CLEAR_LINE = '\x15';

test('Tab completes regions, recipes, dot-command arguments and the account names', async (t) => {
  const at = await pawsOnSandbox(t);
  const { paws } = at;
  await typeLine(paws, "await s3.createBucket({Bucket: 'completion-bucket'}); await ec2.createKeyPair({KeyName: 'completion-key'}); await sns.createTopic({Name: 'completion-topic'})");
  await typeLine(paws, "await ec2.createVolume({AvailabilityZone: 'us-east-1a', Size: 1, TagSpecifications: [{ResourceType: 'volume', Tags: [{Key: 'Name', Value: 'completion-volume'}]}]})");

  // The first Tab starts the fetch and returns at once; the names are there for the next.
  let since = paws.output.length;
  paws.write('.region eu-w\t');
  await paws.waitFor('.region eu-w', { since });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  paws.write('\t');
  await paws.waitFor('.region eu-west-', { since });
  paws.write('\t');
  const listed = await paws.waitFor(/eu-west-1\s+eu-west-2\s+eu-west-3/, { since });
  assert.doesNotMatch(listed, /\beval\b|\bencodeURI\b/, 'no JavaScript words after .region');
  paws.write(CLEAR_LINE);

  // As an SDK input member's value, only what the member takes: the one volume's id (not its Name
  // tag, a region or a bucket), the topic's ARN as an alarm action, a bucket among the completion-* names.
  const cases: [typed: string, completed: string | RegExp][] = [
    ['.debug o', '.debug o'], // on and off share only "o"
    ['.run launch-inst', '.run launch-instance'],
    ['.help s3.looku', '.help s3.lookup'],
    ["s3.bucket('completion-b", "s3.bucket('completion-bucket"],
    ["ec2.describeKeyPairs({KeyNames: ['completion-k", "ec2.describeKeyPairs({KeyNames: ['completion-key"],
    ["sns.topic('completion-t", "sns.topic('completion-topic"],
    ["ec2.describeVolumes({VolumeIds: ['", /VolumeIds: \['vol-[0-9a-f]{17}/],
    ["cw.putMetricAlarm({AlarmActions: ['", /AlarmActions: \['arn:aws:sns:us-east-1:\d{12}:completion-topic/],
    ["s3.listObjectsV2({Bucket: 'comp", "Bucket: 'completion-bucket"],
  ];
  for (const [typed, completed] of cases) {
    since = paws.output.length;
    paws.write(`${typed}\t`);
    await paws.waitFor(completed, { since, timeoutMs: 3000 });
    paws.write(CLEAR_LINE);
  }
  since = paws.output.length;
  paws.write("String('completion-bucket'\t)\r");
  assert.match(await paws.waitFor(/'completion-bucket'\n/, { since }), /'completion-bucket'\n/, 'a closed string is not completed');
});
