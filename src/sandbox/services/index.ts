/**
 * Every service the sandbox serves, each a folder of the same shape:
 * - `index.ts`: its ServiceDefinition, whose handler table is typed by the SDK client package, so
 *   an operation the SDK lacks, a wrong input or a misspelt output member does not compile;
 * - `types.ts`: its state's types, and `Input<'Op'>` / `Output<'Op'>` (the SDK's shapes) for handlers;
 * - `state.ts`: where its state lives in the store;
 * - one module per resource family (its handlers), and `<resource>-lifecycle.ts` for resources
 *   with transient states, used by requests and by `start` after a restart alike.
 * Protocols, SigV4 and IAM are the server's: adding an operation or a resource kind edits one folder.
 */
import type { ServiceDefinition } from '../core/types.js';
import { cloudwatch } from './cloudwatch/index.js';
import { ec2 } from './ec2/index.js';
import { iam } from './iam/index.js';
import { s3 } from './s3/index.js';
import { sns } from './sns/index.js';
import { sqs } from './sqs/index.js';
import { sts } from './sts/index.js';

export function allServices(): ServiceDefinition[] {
  return [ec2, s3, sts, cloudwatch, sns, sqs, iam];
}
