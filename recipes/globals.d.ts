/**
 * The prompt's globals, so the recipes type-check (`npx tsc -p recipes`). The recipes run with
 * `paws run`, which defines these; a helper at the prompt takes its arguments without the session.
 */
import type { Session } from '../src/helpers/core/session.js';

type AtPrompt<F> = F extends (session: Session, ...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
type Ec2Recipes = typeof import('../src/helpers/ec2/recipes/launch.js') &
  typeof import('../src/helpers/ec2/recipes/key-pairs.js') &
  typeof import('../src/helpers/ec2/recipes/elastic-ip.js') &
  typeof import('../src/helpers/ec2/recipes/ebs.js') &
  typeof import('../src/helpers/ec2/recipes/clone.js') &
  typeof import('../src/helpers/ec2/recipes/running.js');
type S3Recipes = typeof import('../src/helpers/s3/recipes.js');
type Ssh = typeof import('../src/helpers/ssh/commands.js');

declare global {
  const ec2: import('../src/helpers/ec2/service.js').Ec2Service;
  const s3: import('../src/helpers/s3/service.js').S3Service;
  const cw: import('../src/helpers/cloudwatch/service.js').CloudWatchService;
  const sns: import('../src/helpers/sns/service.js').SNSService;
  const iam: import('../src/helpers/iam/service.js').IAMService;
  const sts: import('../src/helpers/sts/service.js').STSService;

  const launchInstance: AtPrompt<Ec2Recipes['launchInstance']>;
  const importKeyPair: AtPrompt<Ec2Recipes['importKeyPair']>;
  const syncKeypairs: AtPrompt<Ec2Recipes['syncKeypairs']>;
  const associateElasticIp: AtPrompt<Ec2Recipes['associateElasticIp']>;
  const createAndAttachVolume: AtPrompt<Ec2Recipes['createAndAttachVolume']>;
  const snapshotInstance: AtPrompt<Ec2Recipes['snapshotInstance']>;
  const restoreVolume: AtPrompt<Ec2Recipes['restoreVolume']>;
  const cloneInstance: AtPrompt<Ec2Recipes['cloneInstance']>;
  const findAllRunningInstances: AtPrompt<Ec2Recipes['findAllRunningInstances']>;

  const createBucket: AtPrompt<S3Recipes['createBucket']>;
  const storePrivateData: AtPrompt<S3Recipes['storePrivateData']>;
  const storeMetadataWithKey: AtPrompt<S3Recipes['storeMetadataWithKey']>;
  const printKeyMetadata: AtPrompt<S3Recipes['printKeyMetadata']>;
  const bucketDu: AtPrompt<S3Recipes['bucketDu']>;
  const copyObject: AtPrompt<S3Recipes['copyObject']>;
  const modifyMetadata: AtPrompt<S3Recipes['modifyMetadata']>;
  const enableLogging: AtPrompt<S3Recipes['enableLogging']>;
  const disableLogging: AtPrompt<S3Recipes['disableLogging']>;
  const uploadFileRrs: AtPrompt<S3Recipes['uploadFileRrs']>;
  const copyObjectToRrs: AtPrompt<S3Recipes['copyObjectToRrs']>;
  const configureVersioning: AtPrompt<S3Recipes['configureVersioning']>;
  const configureMfaDelete: AtPrompt<S3Recipes['configureMfaDelete']>;
  const uploadWebsite: AtPrompt<S3Recipes['uploadWebsite']>;
  const multipartUpload: AtPrompt<S3Recipes['multipartUpload']>;

  const easyAlarm: AtPrompt<typeof import('../src/helpers/cloudwatch/recipes/easy-alarm.js').easyAlarm>;
  const buildUserData: AtPrompt<typeof import('../src/helpers/cloudwatch/recipes/user-data.js').buildUserDataHelper>;
  const createRestrictedUser: AtPrompt<typeof import('../src/helpers/iam/recipes/restricted-user.js').createRestrictedUser>;
  const outbox: AtPrompt<typeof import('../src/helpers/sns/outbox.js').outbox>;

  const ssh: AtPrompt<Ssh['ssh']>;
  const shell: AtPrompt<Ssh['shell']>;
  const run: AtPrompt<Ssh['run']>;
  const put: AtPrompt<Ssh['put']>;
  const get: AtPrompt<Ssh['get']>;

  const setRegion: AtPrompt<typeof import('../src/helpers/session/region.js').setRegion>;
}
