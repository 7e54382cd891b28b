/**
 * The prompt's globals, so the recipes type-check (`npx tsc -p recipes`); `paws run` defines them.
 * Generated from the service folders' descriptions (src/helpers/core/globals-declaration.ts): run
 * `npm run globals` after adding a global; a test says when this file is out of date.
 */
import type { PromptGlobals } from '../src/helpers/index.js';

declare global {
  const ec2: PromptGlobals['ec2'];
  const launchInstance: PromptGlobals['launchInstance'];
  const importKeyPair: PromptGlobals['importKeyPair'];
  const syncKeypairs: PromptGlobals['syncKeypairs'];
  const associateElasticIp: PromptGlobals['associateElasticIp'];
  const createAndAttachVolume: PromptGlobals['createAndAttachVolume'];
  const snapshotInstance: PromptGlobals['snapshotInstance'];
  const restoreVolume: PromptGlobals['restoreVolume'];
  const cloneInstance: PromptGlobals['cloneInstance'];
  const findAllRunningInstances: PromptGlobals['findAllRunningInstances'];
  const s3: PromptGlobals['s3'];
  const createBucket: PromptGlobals['createBucket'];
  const storePrivateData: PromptGlobals['storePrivateData'];
  const storeMetadataWithKey: PromptGlobals['storeMetadataWithKey'];
  const printKeyMetadata: PromptGlobals['printKeyMetadata'];
  const bucketDu: PromptGlobals['bucketDu'];
  const copyObject: PromptGlobals['copyObject'];
  const modifyMetadata: PromptGlobals['modifyMetadata'];
  const enableLogging: PromptGlobals['enableLogging'];
  const disableLogging: PromptGlobals['disableLogging'];
  const uploadFileRrs: PromptGlobals['uploadFileRrs'];
  const copyObjectToRrs: PromptGlobals['copyObjectToRrs'];
  const configureVersioning: PromptGlobals['configureVersioning'];
  const configureMfaDelete: PromptGlobals['configureMfaDelete'];
  const uploadWebsite: PromptGlobals['uploadWebsite'];
  const multipartUpload: PromptGlobals['multipartUpload'];
  const cw: PromptGlobals['cw'];
  const easyAlarm: PromptGlobals['easyAlarm'];
  const buildUserData: PromptGlobals['buildUserData'];
  const sns: PromptGlobals['sns'];
  const outbox: PromptGlobals['outbox'];
  const sqs: PromptGlobals['sqs'];
  const iam: PromptGlobals['iam'];
  const createRestrictedUser: PromptGlobals['createRestrictedUser'];
  const sts: PromptGlobals['sts'];
  const assumeRole: PromptGlobals['assumeRole'];
  const shell: PromptGlobals['shell'];
  const ssh: PromptGlobals['ssh'];
  const run: PromptGlobals['run'];
  const put: PromptGlobals['put'];
  const get: PromptGlobals['get'];
  const setRegion: PromptGlobals['setRegion'];
  const setProfile: PromptGlobals['setProfile'];
}
