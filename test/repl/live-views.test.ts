/**
 * Live views in a pseudo-terminal (ink): a wait's state and watch() redrawn in place, the
 * pickers (.cleanup's checklist, shell()'s instances), and the prompt exactly as before
 * afterwards — its line editing, raw mode and history.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pawsOnSandbox, type PtySession } from '../helpers/index.js';

/** Types `keys` and waits for what they should bring, in what is printed from then on. */
async function press(paws: PtySession, keys: string, expected: string | RegExp, timeoutMs = 20_000): Promise<void> {
  const since = paws.output.length;
  paws.write(keys);
  await paws.waitFor(expected, { since, timeoutMs });
}

test('a wait shows its state live, then the prompt edits and recalls lines as before', async (t) => {
  const { paws, home } = await pawsOnSandbox(t);
  await press(paws, 'const { instance } = await launchInstance({ cmdShell: false })\r', /waiting for instance\n(Instance:i-\w+ running: \w+ \(\d+s\)\n)*Instance:i-\w+ running: done \(\d+s\)\npaws> $/, 30_000);
  await press(paws, 'instance.state\r', "'running'\npaws> ");
  // History: the line typed before comes back with the up arrow, and runs again.
  await press(paws, '\x1b[A\r', "paws> instance.state\n'running'\npaws> ");
  // The transcript shows what the screen ended with: the view's last frame, not every frame it drew.
  const file = join(home, 'session.txt');
  await press(paws, `.transcript ${file}\r`, /Wrote the transcript/);
  assert.match(readFileSync(file, 'utf8'), /\nwaiting for instance\nInstance:i-\w+ running: done \(\d+s\)\npaws> instance\.state\n/);
});

test('watch() redraws a listing until q, then the prompt is back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  await press(paws, 'let runs = 0\r', /runs = 0\n[^]*paws> $/);
  const since = paws.output.length;
  await press(paws, 'await watch(() => ++runs, {every: 0.2})\r', /every 0\.2s · q stops · [^\n]+\n([3-9]|\d\d+)\n/);
  paws.write('q');
  await paws.waitFor(/paws> $/, { since });
  await press(paws, 'const seen = runs; await new Promise((r) => setTimeout(r, 600)); runs === seen\r', 'true\npaws> ');
  await press(paws, '\x1b[A\x1b[A', 'paws> await watch(() => ++runs, {every: 0.2})');
  await press(paws, '\x03', /paws> $/);
});

test('.cleanup asks with a checklist: what is unticked stays, and the prompt is back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  await press(paws, "await s3.createBucket({Bucket: 'keep-me'}); await s3.createBucket({Bucket: 'drop-me'}); 'made'\r", "'made'\npaws> ");
  await press(paws, '.cleanup\r', /Delete these\?[^\n]*\n❯ \[x\] Bucket:keep-me +us-east-1\n +\[x\] Bucket:drop-me/);
  await press(paws, ' ', /❯ \[ \] Bucket:keep-me/);
  await press(paws, '\r', /deleted Bucket:drop-me\nCleaned up: 1 deleted, 1 kept \(\.created lists them\)\.\npaws> $/);
  await press(paws, '.created\r', /Created in this session \(1, in cleanup order\):\n +Bucket:keep-me +us-east-1\npaws> $/);
});

test('shell() with no instance offers the running ones; q gives the prompt back', async (t) => {
  const { paws } = await pawsOnSandbox(t);
  await press(paws, 'await shell()\r', /NoInstance: shell\(\) needs an instance, and none is running — launch one with await launchInstance\(\)\npaws> $/);
  await press(paws, "const { instance } = await launchInstance({ cmdShell: false }); await instance.addTag('Name', 'web')\r", /running: done[^]*paws> $/, 30_000);
  const since = paws.output.length;
  await press(paws, 'await shell()\r', /Which instance\?[^\n]*\n❯ i-\w+ +web +[\d.]+\n/);
  paws.write('q');
  await paws.waitFor(/paws> $/, { since });
  await press(paws, 'instance.tags.Name\r', "'web'\npaws> ");
});
