/** Everything the prompt offers: the service folders, each describing itself (./core/folder.ts). */
import { cloudwatchFolder } from './cloudwatch/description.js';
import { ec2Folder } from './ec2/description.js';
import { iamFolder } from './iam/description.js';
import { s3Folder } from './s3/description.js';
import { sessionFolder } from './session/description.js';
import { snsFolder } from './sns/description.js';
import { sqsFolder } from './sqs/description.js';
import { sshFolder } from './ssh/description.js';
import { stsFolder } from './sts/description.js';
import type { PromptGlobalsOf, ServiceObjectsOf } from './core/folder.js';

/** In the order `.help` lists them. */
export const serviceFolders = [ec2Folder, s3Folder, cloudwatchFolder, snsFolder, sqsFolder, iamFolder, stsFolder, sshFolder, sessionFolder] as const;

/** `{ ec2: Ec2Service, s3: S3Service, … }`: what `session.service(name)` returns. */
export type ServiceObjects = ServiceObjectsOf<typeof serviceFolders>;
/** Every global of the prompt with its type (recipes/globals.d.ts declares them). */
export type PromptGlobals = PromptGlobalsOf<typeof serviceFolders>;

export type { ServiceFolder, HelperSpec, MemberDoc, ResourceKind, TrackedResource } from './core/folder.js';
export { Session, type SessionOptions } from './core/session.js';
export type { Connection, Credentials } from './core/connection.js';
export { Resource, ResourceNotFound, isResourceList, type Column } from './core/resource.js';
