/** Every service the sandbox serves. A service is one folder or file under services/. */
import type { ServiceDefinition } from '../core/types.js';
import { cloudwatch } from './cloudwatch/index.js';
import { ec2 } from './ec2/index.js';
import { iam } from './iam/index.js';
import { s3 } from './s3/index.js';
import { sns } from './sns/index.js';
import { sts } from './sts/index.js';

export function allServices(): ServiceDefinition[] {
  return [ec2, s3, sts, cloudwatch, sns, iam];
}
