/**
 * Live views in a pseudo-terminal (ink): a wait's state and watch() redrawn in place, and the
 * prompt exactly as before afterwards — its line editing, raw mode and history.
 */
import { test } from 'node:test';
import { pawsOnSandbox } from '../helpers/index.js';

test('a wait shows its state live, then the prompt edits and recalls lines as before', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  let since = paws.output.length;
  paws.write('const { instance } = await launchInstance({ cmdShell: false })\r');
  await paws.waitFor(/waiting for instance\n(Instance:i-\w+ running: \w+ \(\d+s\)\n)*Instance:i-\w+ running: done \(\d+s\)\npaws> $/, { since, timeoutMs: 30_000 });
  since = paws.output.length;
  paws.write('instance.state\r');
  await paws.waitFor("'running'\npaws> ", { since });
  // History: the line typed before comes back with the up arrow, and runs again.
  since = paws.output.length;
  paws.write('\x1b[A\r');
  await paws.waitFor("paws> instance.state\n'running'\npaws> ", { since });
});

test('watch() redraws a listing until q, then the prompt is back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  let since = paws.output.length;
  paws.write('let runs = 0\r');
  await paws.waitFor(/runs = 0\n[^]*paws> $/, { since });
  since = paws.output.length;
  paws.write('await watch(() => ++runs, {every: 0.2})\r');
  await paws.waitFor(/every 0\.2s · q stops · [^\n]+\n([3-9]|\d\d+)\n/, { since, timeoutMs: 20_000 });
  paws.write('q');
  await paws.waitFor(/paws> $/, { since });
  since = paws.output.length;
  paws.write('const seen = runs; await new Promise((r) => setTimeout(r, 600)); runs === seen\r');
  await paws.waitFor('true\npaws> ', { since });
  since = paws.output.length;
  paws.write('\x1b[A\x1b[A\r');
  await paws.waitFor('paws> await watch(() => ++runs, {every: 0.2})', { since });
  paws.write('\x03');
  await paws.waitFor(/paws> $/, { since });
});

test('.cleanup asks with a checklist: what is unticked stays, and the prompt is back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  let since = paws.output.length;
  paws.write("await s3.createBucket({Bucket: 'keep-me'}); await s3.createBucket({Bucket: 'drop-me'}); 'made'\r");
  await paws.waitFor("'made'\npaws> ", { since });
  since = paws.output.length;
  paws.write('.cleanup\r');
  await paws.waitFor(/Delete these\?[^\n]*\n❯ \[x\] Bucket:keep-me +us-east-1\n +\[x\] Bucket:drop-me/, { since, timeoutMs: 20_000 });
  paws.write(' ');
  await paws.waitFor(/❯ \[ \] Bucket:keep-me/, { since });
  paws.write('\r');
  await paws.waitFor(/deleted Bucket:drop-me\nCleaned up: 1 deleted, 1 kept \(\.created lists them\)\.\npaws> $/, { since });
  since = paws.output.length;
  paws.write('.created\r');
  await paws.waitFor(/Created in this session \(1, in cleanup order\):\n +Bucket:keep-me +us-east-1\npaws> $/, { since });
});

test('shell() with no instance offers the running ones; q gives the prompt back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  let since = paws.output.length;
  paws.write('await shell()\r');
  await paws.waitFor(/NoInstance: shell\(\) needs an instance, and none is running — launch one with await launchInstance\(\)\npaws> $/, { since, timeoutMs: 20_000 });
  since = paws.output.length;
  paws.write("const { instance } = await launchInstance({ cmdShell: false }); await instance.addTag('Name', 'web')\r");
  await paws.waitFor(/running: done[^]*paws> $/, { since, timeoutMs: 30_000 });
  since = paws.output.length;
  paws.write('await shell()\r');
  await paws.waitFor(/Which instance\?[^\n]*\n❯ i-\w+ +web +[\d.]+\n/, { since, timeoutMs: 20_000 });
  paws.write('q');
  await paws.waitFor(/paws> $/, { since });
  since = paws.output.length;
  paws.write('instance.tags.Name\r');
  await paws.waitFor("'web'\npaws> ", { since });
});
