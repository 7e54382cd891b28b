/**
 * Recipe 2.15 Executing Custom Scripts upon Instance Startup — creates the IAM user `paws-metrics` (allowed only cloudwatch:PutMetricData) with an access key, and launches an instance whose CloudInit user data installs recipes/metrics.
 *
 * Book: create_restricted_user(), build_userdata(), launch_instance(user_data=…).
 */
const { join } = await import('node:path');
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');

const dir = mkdtempSync(join(tmpdir(), 'paws-metrics-'));
const { user, accessKey } = await createRestrictedUser('paws-metrics', undefined, { path: join(dir, 'paws-metrics.credentials') });
console.log(`${user} with ${accessKey}`);
const userData = await buildUserData({ metricDir: 'recipes/metrics', scripts: ['#!/bin/sh\necho "metrics installed" > /root/paws-metrics.txt\n'] });
console.log(`user data: ${userData.length} bytes (limit 16384)`);
const { instance } = await launchInstance({ cmdShell: false, userData, tag: 'paws-metrics' });
console.log(`${instance} started with the metric scripts`);
rmSync(dir, { recursive: true, force: true });
