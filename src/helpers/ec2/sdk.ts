/**
 * The values paws takes from @aws-sdk/client-ec2, loaded with require(). The package is one 2 MB
 * CommonJS bundle: an ESM import of it first scans the whole source for its export names
 * (cjs-module-lexer), which made the first EC2 call of a session ~0.4 s slower (the book's quick
 * test, bench/startup.mjs). Types still come from the package by `import type`.
 */
import { createRequire } from 'node:module';

const ec2: typeof import('@aws-sdk/client-ec2') = createRequire(import.meta.url)('@aws-sdk/client-ec2');

export const {
  EC2,
  paginateDescribeInstances,
  paginateDescribeSecurityGroups,
  paginateDescribeSnapshots,
  paginateDescribeSubnets,
  paginateDescribeVolumes,
  paginateDescribeVpcs,
  waitUntilInstanceExists,
  waitUntilInstanceRunning,
  waitUntilInstanceStopped,
  waitUntilInstanceTerminated,
  waitUntilSnapshotCompleted,
  waitUntilVolumeAvailable,
  waitUntilVolumeInUse,
} = ec2;
