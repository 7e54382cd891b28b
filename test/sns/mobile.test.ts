/**
 * Platform applications, their endpoints and SMS, answered as SNS answers them through the SDK and
 * the AWS CLI: kept, credentials never shown back, and nothing sent off the machine.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { SNS } from '@aws-sdk/client-sns';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';

let sandbox: RunningSandbox;
let sns: SNS;
before(async () => {
  sandbox = await testSandbox();
  sns = new SNS({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
});
after(() => sandbox.close());

test('platform applications and endpoints: created, listed, published to, disabled, deleted', async () => {
  await assert.rejects(sns.createPlatformApplication({ Name: 'app', Platform: 'PIGEON', Attributes: { PlatformCredential: 'k' } }), { name: 'InvalidParameterException' });
  const { PlatformApplicationArn } = await sns.createPlatformApplication({ Name: 'app', Platform: 'GCM', Attributes: { PlatformCredential: 'server-key' } });
  assert.match(PlatformApplicationArn!, /^arn:aws:sns:us-east-1:\d{12}:app\/GCM\/app$/);
  const attributes = (await sns.getPlatformApplicationAttributes({ PlatformApplicationArn })).Attributes!;
  assert.equal(attributes.Enabled, 'true');
  assert.equal(attributes.PlatformCredential, undefined);

  const { EndpointArn } = await sns.createPlatformEndpoint({ PlatformApplicationArn, Token: 'device-token', CustomUserData: 'ann' });
  assert.equal((await sns.createPlatformEndpoint({ PlatformApplicationArn, Token: 'device-token', CustomUserData: 'ann' })).EndpointArn, EndpointArn);
  await assert.rejects(sns.createPlatformEndpoint({ PlatformApplicationArn, Token: 'device-token', CustomUserData: 'bob' }), { name: 'InvalidParameterException' });
  assert.deepEqual((await sns.listEndpointsByPlatformApplication({ PlatformApplicationArn })).Endpoints?.map((e) => [e.EndpointArn, e.Attributes?.Token]), [[EndpointArn, 'device-token']]);
  assert.ok((await sns.publish({ TargetArn: EndpointArn, Message: 'ping' })).MessageId);

  const { TopicArn } = await sns.createTopic({ Name: 'pushes' });
  const { SubscriptionArn } = await sns.subscribe({ TopicArn, Protocol: 'application', Endpoint: EndpointArn });
  assert.match(SubscriptionArn!, /^arn:aws:sns:/);

  await sns.setEndpointAttributes({ EndpointArn, Attributes: { Enabled: 'false' } });
  await assert.rejects(sns.publish({ TargetArn: EndpointArn, Message: 'ping' }), { name: 'EndpointDisabledException' });
  await sns.deletePlatformApplication({ PlatformApplicationArn });
  await assert.rejects(sns.getEndpointAttributes({ EndpointArn }), { name: 'NotFoundException' });
});

test('SMS: numbers checked, preferences kept, nobody opted out', async () => {
  assert.ok((await sns.publish({ PhoneNumber: '+15555550100', Message: 'hi' })).MessageId);
  await assert.rejects(sns.publish({ PhoneNumber: '555-0100', Message: 'hi' }), { name: 'InvalidParameterException' });
  await sns.setSMSAttributes({ attributes: { DefaultSMSType: 'Transactional' } });
  assert.deepEqual((await sns.getSMSAttributes({})).attributes, { DefaultSMSType: 'Transactional' });
  await assert.rejects(sns.setSMSAttributes({ attributes: { DefaultSMSType: 'Loud' } }), { name: 'InvalidParameterException' });
  assert.equal((await sns.checkIfPhoneNumberIsOptedOut({ phoneNumber: '+15555550100' })).isOptedOut, false);
  const { TopicArn } = await sns.createTopic({ Name: 'texts' });
  const sub = await sns.subscribe({ TopicArn, Protocol: 'sms', Endpoint: '+15555550100' });
  assert.match(sub.SubscriptionArn!, /^arn:aws:sns:/);
});

test('the AWS CLI sees the same applications, without their credentials', { skip: awsCliMissing }, async () => {
  const created = await awsCli(sandbox, ['sns', 'create-platform-application', '--name', 'cli-app', '--platform', 'APNS', '--attributes', 'PlatformCredential=secret-cert,PlatformPrincipal=principal']);
  assert.equal(created.status, 0, created.stderr);
  const listed = await awsCli(sandbox, ['sns', 'list-platform-applications']);
  const app = listed.json().PlatformApplications.find((a: { PlatformApplicationArn: string }) => a.PlatformApplicationArn === created.json().PlatformApplicationArn);
  assert.deepEqual(app.Attributes, { Enabled: 'true' });
  assert.doesNotMatch(listed.stdout, /secret-cert/);
});
