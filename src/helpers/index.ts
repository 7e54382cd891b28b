/** Everything the prompt offers, gathered from each service folder's globals.ts. */
import type { PromptGlobal } from './core/prompt-global.js';
import { cloudwatchGlobals } from './cloudwatch/globals.js';
import { ec2Globals } from './ec2/globals.js';
import { iamGlobals } from './iam/globals.js';
import { s3Globals } from './s3/globals.js';
import { sessionGlobals } from './session/globals.js';
import { snsGlobals } from './sns/globals.js';
import { sshGlobals } from './ssh/globals.js';
import { stsGlobals } from './sts/globals.js';

export const promptGlobals: readonly PromptGlobal[] = [
  ...ec2Globals,
  ...s3Globals,
  ...cloudwatchGlobals,
  ...snsGlobals,
  ...iamGlobals,
  ...stsGlobals,
  ...sshGlobals,
  ...sessionGlobals,
];

export type { PromptGlobal, ServiceGlobal, FunctionGlobal, Helper, MemberDoc } from './core/prompt-global.js';
export { Session, type SessionOptions } from './core/session.js';
export type { Connection, Credentials } from './core/connection.js';
export { Resource, ResourceNotFound, isResourceList, type Column } from './core/resource.js';
