/**
 * How the kernel shows a value besides its text: a list of resources as an HTML table (escaped),
 * metric datapoints as an SVG chart of the charted statistic, secrets masked in every form.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EC2 } from '@aws-sdk/client-ec2';
import { Datapoints } from '../../src/helpers/cloudwatch/datapoints.js';
import { rememberSecret } from '../../src/helpers/core/secrets.js';
import { Zone } from '../../src/helpers/ec2/zone.js';
import { mimeBundle } from '../../src/kernel/display.js';

test('a list of resources is also an HTML table, its cells escaped and secrets masked', () => {
  const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY';
  rememberSecret(secret);
  const zones = [new Zone({} as EC2, { ZoneName: 'us-east-1a', State: 'available', RegionName: 'us-east-1' }), new Zone({} as EC2, { ZoneName: `<b>${secret}</b>`, State: 'available' })];
  const bundle = mimeBundle(zones, 'as the prompt prints it');
  assert.equal(bundle['text/plain'], 'as the prompt prints it');
  assert.match(bundle['text/html'], /^<table><caption>2 × Zone<\/caption><thead><tr><th>Zone<\/th><th>State<\/th>/);
  assert.match(bundle['text/html'], /<tr><td>us-east-1a<\/td><td>available<\/td><td>us-east-1<\/td>/);
  assert.match(bundle['text/html'], /<td>&#60;b&#62;\*\*\*\*&#60;\/b&#62;<\/td>/);
  assert.ok(!JSON.stringify(bundle).includes(secret));
  assert.deepEqual(Object.keys(mimeBundle([], '[]')), ['text/plain']);
});

test('metric datapoints are also an SVG chart of the charted statistic', () => {
  const start = Date.parse('2026-12-01T10:00:00Z');
  const points = [3, 1, 4, 1, 5].map((v, i) => ({ Timestamp: new Date(start + i * 60_000), Average: v, Maximum: v + 1, Unit: 'Percent' as const }));
  const bundle = mimeBundle(Datapoints.create('CPUUtilization', ['Average'], 60, points), 'chart');
  const svg = bundle['image/svg+xml'];
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  assert.match(svg, />CPUUtilization Average \(Percent\), 60s</);
  const line = /<polyline [^>]*points="([^"]+)"/.exec(svg)![1].split(' ').map((p) => p.split(',').map(Number));
  assert.equal(line.length, 5);
  // Time runs left to right; the highest value (5) is drawn highest, the lowest (1) lowest.
  assert.ok(line.every(([x], i) => i === 0 || x > line[i - 1][0]));
  assert.equal(Math.min(...line.map(([, y]) => y)), line[4][1]);
  assert.equal(Math.max(...line.map(([, y]) => y)), line[1][1]);
  assert.match(svg, />2026-12-01 10:00:00 UTC<[^]*>2026-12-01 10:04:00 UTC</);
  assert.equal(mimeBundle(Datapoints.create('CPUUtilization', ['Average'], 60, points.slice(0, 1)), 'one')['image/svg+xml'], undefined);
});
