/**
 * Roles and STS temporary credentials against the real SDK clients over HTTP: trust policies,
 * AssumeRole's checks, session tokens verified on every service's requests, expiry, the role's
 * policies and session policies enforced, GetSessionToken, and a role in a second account.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand, CreateUserCommand, PutUserPolicyCommand, CreateAccessKeyCommand, GetRoleCommand, UpdateRoleCommand } from '@aws-sdk/client-iam';
import { STSClient, AssumeRoleCommand, AssumeRoleWithSAMLCommand, DecodeAuthorizationMessageCommand, GetCallerIdentityCommand, GetSessionTokenCommand, type Credentials } from '@aws-sdk/client-sts';
import { EC2Client, DescribeRegionsCommand, DescribeAvailabilityZonesCommand, DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { S3Client, ListBucketsCommand, CreateBucketCommand } from '@aws-sdk/client-s3';
import { fromTemporaryCredentials, fromWebToken } from '@aws-sdk/credential-providers';
import { CreateOpenIDConnectProviderCommand, CreateSAMLProviderCommand } from '@aws-sdk/client-iam';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SignedXml } from 'xml-crypto';
import { tempDir, testSandbox } from '../helpers/index.js';
import { awsCli, awsCliMissing } from '../helpers/aws-cli.js';
import { boto3, boto3Missing } from '../s3/support.js';
import { SANDBOX_ACCOUNTS, type RunningSandbox } from '../../src/sandbox/index.js';

type Keys = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let sandbox: RunningSandbox;
const config = (credentials: Keys = sandbox.credentials) => ({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials });
const keysOf = (c: Credentials | undefined): Keys => ({ accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! });
const trust = (principal: string | string[], condition?: object) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole', ...(condition ? { Condition: condition } : {}) }] });
const allow = (action: string | string[], resource = '*') => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

const ACCOUNT = SANDBOX_ACCOUNTS[0].accountId;
let alice: Keys;
let bob: Keys;

async function userWithKeys(name: string, policy?: string): Promise<Keys> {
  const iam = new IAMClient(config());
  await iam.send(new CreateUserCommand({ UserName: name }));
  if (policy) await iam.send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'p', PolicyDocument: policy }));
  const { AccessKey } = await iam.send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

before(async () => {
  sandbox = await testSandbox();
  const iam = new IAMClient(config());
  // `regions`: trusts alice by name (no identity policy needed) and the account (identity policy needed).
  await iam.send(new CreateRoleCommand({ RoleName: 'regions', AssumeRolePolicyDocument: trust([`arn:aws:iam::${ACCOUNT}:user/alice`, ACCOUNT]) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'regions', PolicyName: 'ec2-describe', PolicyDocument: allow(['ec2:DescribeRegions', 'ec2:DescribeAvailabilityZones', 'sts:AssumeRole']) }));
  await iam.send(new CreateRoleCommand({ RoleName: 'vendor', AssumeRolePolicyDocument: trust(ACCOUNT, { StringEquals: { 'sts:ExternalId': 'ticket-42' } }) }));
  alice = await userWithKeys('alice');
  bob = await userWithKeys('bob', allow('sts:AssumeRole', `arn:aws:iam::${ACCOUNT}:role/vendor`));
});
after(() => sandbox.close());

test('AssumeRole gives credentials that act as the role session, with the role\'s policies, on every service', async () => {
  const out = await new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'alice-session' }));
  assert.match(out.Credentials!.AccessKeyId!, /^ASIA[A-Z2-7]{16}$/);
  assert.ok(out.Credentials!.Expiration! > new Date());
  assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/alice-session`);
  const session = keysOf(out.Credentials);
  const me = await new STSClient(config(session)).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/alice-session`);
  assert.match(me.UserId!, /^AROA[A-Z2-7]{17}:alice-session$/);
  const ec2 = new EC2Client(config(session));
  assert.ok((await ec2.send(new DescribeRegionsCommand({}))).Regions!.length > 0);
  // The role allows no S3 at all: refused, as S3 refuses.
  await assert.rejects(new S3Client({ ...config(session), forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'AccessDenied' });
  // alice herself has no policy: the role's permissions are the session's, not hers.
  await assert.rejects(new EC2Client(config(alice)).send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  const role = await new IAMClient(config()).send(new GetRoleCommand({ RoleName: 'regions' }));
  assert.ok(role.Role!.RoleLastUsed!.LastUsedDate instanceof Date);
  assert.equal(role.Role!.RoleLastUsed!.Region, 'us-east-1');
});

test('the session token is checked on every request: missing or altered, the key is refused in each service\'s words', async () => {
  const out = await new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 's1' }));
  const { sessionToken, ...withoutToken } = keysOf(out.Credentials);
  const altered = { ...withoutToken, sessionToken: sessionToken!.slice(0, -4) + 'AAAA' };
  for (const keys of [withoutToken, altered]) {
    await assert.rejects(new STSClient(config(keys)).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
    await assert.rejects(new EC2Client(config(keys)).send(new DescribeRegionsCommand({})), { name: 'AuthFailure' });
    await assert.rejects(new S3Client({ ...config(keys), forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'InvalidToken' });
  }
  // A long-term key with a token it was never issued is refused too.
  await assert.rejects(new STSClient(config({ ...alice, sessionToken })).send(new GetCallerIdentityCommand({})), { name: 'InvalidClientTokenId' });
});

test('a trust policy that does not name the caller, a missing role, or a missing ExternalId: AccessDenied naming action and resource', async () => {
  const sts = new STSClient(config(bob));
  const arn = `arn:aws:iam::${ACCOUNT}:role/vendor`;
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'bob' })), (e: Error) => {
    assert.equal(e.name, 'AccessDenied');
    assert.match(e.message, new RegExp(`User: arn:aws:iam::${ACCOUNT}:user/bob is not authorized to perform: sts:AssumeRole on resource: ${arn}`));
    return true;
  });
  const ok = await sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'bob', ExternalId: 'ticket-42' }));
  assert.equal(ok.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/vendor/bob`);
  // bob's own policy names only `vendor`; `regions` trusts the account, so bob's policy must allow it too.
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'bob' })), { name: 'AccessDenied' });
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/nobody`, RoleSessionName: 'bob' })), /not authorized to perform: sts:AssumeRole/);
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: 'not-an-arn-at-all-really', RoleSessionName: 'bob' })), { name: 'ValidationError' });
});

test('a session policy narrows the session to what both it and the role allow', async () => {
  const out = await new STSClient(config(alice)).send(
    new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'narrow', Policy: allow('ec2:DescribeRegions') }),
  );
  assert.ok(out.PackedPolicySize! > 0);
  const ec2 = new EC2Client(config(keysOf(out.Credentials)));
  await ec2.send(new DescribeRegionsCommand({}));
  await assert.rejects(ec2.send(new DescribeAvailabilityZonesCommand({})), (e: Error) => {
    assert.equal(e.name, 'UnauthorizedOperation');
    assert.match(e.message, /assumed-role\/regions\/narrow is not authorized to perform: ec2:DescribeAvailabilityZones on resource: \* because no session policy allows/);
    return true;
  });
  await assert.rejects(
    new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${ACCOUNT}:role/regions`, RoleSessionName: 'xx', Policy: '{"Statement": 1' })),
    { name: 'MalformedPolicyDocumentException' },
  );
});

test('DurationSeconds: 900 at least, the role\'s MaxSessionDuration at most, one hour for a role chain', async () => {
  const sts = new STSClient(config(alice));
  const arn = `arn:aws:iam::${ACCOUNT}:role/regions`;
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 600 })), /greater than or equal to 900/);
  await assert.rejects(sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 7200 })), /exceeds the MaxSessionDuration set for this role/);
  await new IAMClient(config()).send(new UpdateRoleCommand({ RoleName: 'regions', MaxSessionDuration: 7200 }));
  const long = await sts.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'dd', DurationSeconds: 7200 }));
  // Lifetimes follow the sandbox's time scale (0.02 in tests): two hours are 144 s.
  const seconds = (long.Credentials!.Expiration!.getTime() - Date.now()) / 1000;
  assert.ok(seconds > 140 && seconds <= 144, `expires in ${seconds} s`);
  const chained = new STSClient(config(keysOf(long.Credentials)));
  await assert.rejects(chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'cc', DurationSeconds: 7200 })), /1 hour session limit for roles assumed by role chaining/);
  const hop = await chained.send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'cc' }));
  assert.equal(hop.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/regions/cc`);
});

test('GetSessionToken: the user\'s own identity and policies, not from session credentials', async () => {
  const out = await new STSClient(config(bob)).send(new GetSessionTokenCommand({}));
  const session = keysOf(out.Credentials);
  const sts = new STSClient(config(session));
  assert.equal((await sts.send(new GetCallerIdentityCommand({}))).Arn, `arn:aws:iam::${ACCOUNT}:user/bob`);
  await assert.rejects(new EC2Client(config(session)).send(new DescribeRegionsCommand({})), { name: 'UnauthorizedOperation' });
  await assert.rejects(sts.send(new GetSessionTokenCommand({})), { name: 'AccessDenied' });
  // Without MFA such a session may not call IAM at all, whatever the user's policies.
  await assert.rejects(new IAMClient(config(session)).send(new GetRoleCommand({ RoleName: 'regions' })), { name: 'InvalidClientTokenId' });
});

test('a role in a second account, assumed across accounts; the SDK\'s fromTemporaryCredentials refreshes it', async () => {
  const second = SANDBOX_ACCOUNTS[1];
  const otherRoot = { accessKeyId: second.accessKeyId, secretAccessKey: second.secretAccessKey };
  const iam2 = new IAMClient(config(otherRoot));
  await iam2.send(new CreateRoleCommand({ RoleName: 'auditor', AssumeRolePolicyDocument: trust(`arn:aws:iam::${ACCOUNT}:root`) }));
  await iam2.send(new PutRolePolicyCommand({ RoleName: 'auditor', PolicyName: 's3-list', PolicyDocument: allow('s3:ListAllMyBuckets') }));
  await new S3Client({ ...config(otherRoot), forcePathStyle: true }).send(new CreateBucketCommand({ Bucket: 'second-account-logs' }));
  const roleArn = `arn:aws:iam::${second.accountId}:role/auditor`;
  // alice's own policies do not allow it: across accounts both sides must.
  await assert.rejects(new STSClient(config(alice)).send(new AssumeRoleCommand({ RoleArn: roleArn, RoleSessionName: 'alice' })), { name: 'AccessDenied' });
  const credentials = fromTemporaryCredentials({ params: { RoleArn: roleArn, RoleSessionName: 'audit' }, masterCredentials: sandbox.credentials, clientConfig: { endpoint: sandbox.endpoint, region: 'us-east-1' } });
  const me = await new STSClient({ ...config(), credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Account, second.accountId);
  assert.equal(me.Arn, `arn:aws:sts::${second.accountId}:assumed-role/auditor/audit`);
  const s3 = new S3Client({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials, forcePathStyle: true });
  assert.ok((await s3.send(new ListBucketsCommand({}))).Buckets!.some((b) => b.Name === 'second-account-logs'));
});

test('AssumeRoleWithWebIdentity, unsigned, through the SDK\'s fromWebToken: the OIDC provider, audience, expiry and trust conditions are checked', async () => {
  const iam = new IAMClient(config());
  await iam.send(new CreateOpenIDConnectProviderCommand({ Url: 'https://token.actions.example.com', ClientIDList: ['sts.amazonaws.com'], ThumbprintList: ['a'.repeat(40)] }));
  const providerArn = `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.example.com`;
  const trustPolicy = { Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.example.com:aud': 'sts.amazonaws.com' }, StringLike: { 'token.actions.example.com:sub': 'repo:paws/*' } } }] };
  await iam.send(new CreateRoleCommand({ RoleName: 'ci', AssumeRolePolicyDocument: JSON.stringify(trustPolicy) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'ci', PolicyName: 'regions', PolicyDocument: allow('ec2:DescribeRegions') }));
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const jwt = (claims: object) => `${b64({ alg: 'RS256', typ: 'JWT' })}.${b64(claims)}.c2lnbmF0dXJl`;
  const exp = Math.floor(Date.now() / 1000) + 600;
  const web = (token: string) => fromWebToken({ roleArn: `arn:aws:iam::${ACCOUNT}:role/ci`, roleSessionName: 'build-7', webIdentityToken: token, clientConfig: { endpoint: sandbox.endpoint, region: 'us-east-1' } });
  const credentials = web(jwt({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp }));
  const me = await new STSClient({ ...config(), credentials }).send(new GetCallerIdentityCommand({}));
  assert.equal(me.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/ci/build-7`);
  await new EC2Client({ ...config(), credentials }).send(new DescribeRegionsCommand({}));
  const refusal = (claims: object) => web(jwt(claims))();
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:other/main', exp }), { name: 'AccessDenied' });
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'someone-else', sub: 'repo:paws/main', exp }), { name: 'InvalidIdentityTokenException', message: 'Incorrect token audience' });
  await assert.rejects(refusal({ iss: 'https://unknown.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp }), { name: 'InvalidIdentityTokenException' });
  await assert.rejects(refusal({ iss: 'https://token.actions.example.com', aud: 'sts.amazonaws.com', sub: 'repo:paws/main', exp: exp - 1200 }), { name: 'ExpiredTokenException' });
  await assert.rejects(web('not-a-jwt')(), { name: 'InvalidIdentityTokenException' });
});

const OPENSSL = '/usr/bin/openssl';
const opensslMissing = existsSync(OPENSSL) ? false : `${OPENSSL} is not installed (apt-get install openssl): it makes the IdP's certificates`;

interface IdpKeys {
  key: string;
  certPem: string;
  /** The certificate as metadata and KeyInfo carry it: base64 DER. */
  cert: string;
}

/** An IdP's signing key and self-signed certificate, made by openssl. */
function idpKeys(): IdpKeys {
  const dir = tempDir('paws-saml-');
  try {
    const [key, cert] = [join(dir.path, 'key.pem'), join(dir.path, 'cert.pem')];
    execFileSync(OPENSSL, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=idp.example.com'], { stdio: 'ignore' });
    const certPem = readFileSync(cert, 'utf8');
    return { key: readFileSync(key, 'utf8'), certPem, cert: certPem.replace(/-----[^-]+-----|\s/g, '') };
  } finally {
    dir.remove();
  }
}

/** The response with its Assertion signed by `keys` as IdPs sign it (enveloped, exclusive c14n, RSA-SHA256). */
function signAssertion(xml: string, keys: IdpKeys): string {
  const signer = new SignedXml({
    privateKey: keys.key,
    publicCert: keys.certPem,
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  signer.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signer.computeSignature(xml, { prefix: 'ds', location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return signer.getSignedXml();
}

/** An IdP's metadata naming its signing certificate, and a SAML response as such an IdP posts it to AWS. */
const samlMetadata = (cert: string) =>
  `<?xml version="1.0"?><md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com/saml"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:KeyDescriptor use="signing"><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor><md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>`;
/** `signer`: the IdP's keys; `tamper`: changes the signed XML afterwards (as an attacker would); `signer: null`: unsigned. */
function samlResponse(o: { signer: IdpKeys | null; roles: string[]; expires: Date; recipient?: string; user?: string; tamper?: (xml: string) => string }): string {
  const until = o.expires.toISOString();
  const attribute = (name: string, values: string[]) =>
    `<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/${name}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`;
  const xml = `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="${new Date().toISOString()}" Destination="https://signin.aws.amazon.com/saml">
  <saml:Issuer>https://idp.example.com/saml</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
  <saml:Assertion ID="_a1" Version="2.0" IssueInstant="${new Date().toISOString()}"><saml:Issuer>https://idp.example.com/saml</saml:Issuer>
    <saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${o.user ?? 'carol@example.com'}</saml:NameID>
      <saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${until}" Recipient="${o.recipient ?? 'https://signin.aws.amazon.com/saml'}"/></saml:SubjectConfirmation></saml:Subject>
    <saml:Conditions NotOnOrAfter="${until}"><saml:AudienceRestriction><saml:Audience>https://signin.aws.amazon.com/saml</saml:Audience></saml:AudienceRestriction></saml:Conditions>
    <saml:AttributeStatement>${attribute('Role', o.roles)}${attribute('RoleSessionName', [o.user ?? 'carol@example.com'])}</saml:AttributeStatement>
  </saml:Assertion></samlp:Response>`;
  const signed = o.signer ? signAssertion(xml, o.signer) : xml;
  return Buffer.from(o.tamper ? o.tamper(signed) : signed).toString('base64');
}

test('AssumeRoleWithSAML: the signature by the provider\'s certificate, the Role attribute, expiry and the trust policy\'s SAML:aud are checked', { skip: opensslMissing }, async (t) => {
  const iam = new IAMClient(config());
  const idp = idpKeys();
  const other = idpKeys();
  const { SAMLProviderArn: providerArn } = await iam.send(new CreateSAMLProviderCommand({ Name: 'corp-idp', SAMLMetadataDocument: samlMetadata(idp.cert) }));
  const roleArn = `arn:aws:iam::${ACCOUNT}:role/federated-admins`;
  const trustPolicy = { Statement: [{ Effect: 'Allow', Principal: { Federated: providerArn }, Action: 'sts:AssumeRoleWithSAML', Condition: { StringEquals: { 'SAML:aud': 'https://signin.aws.amazon.com/saml' } } }] };
  await iam.send(new CreateRoleCommand({ RoleName: 'federated-admins', AssumeRolePolicyDocument: JSON.stringify(trustPolicy) }));
  await iam.send(new PutRolePolicyCommand({ RoleName: 'federated-admins', PolicyName: 'regions', PolicyDocument: allow('ec2:DescribeRegions') }));
  // No credentials at all: the assertion is the credential.
  const sts = new STSClient({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: { accessKeyId: '', secretAccessKey: '' } });
  const later = new Date(Date.now() + 300_000);
  const saml = (o: Partial<Parameters<typeof samlResponse>[0]>, principal = providerArn) =>
    sts.send(new AssumeRoleWithSAMLCommand({ RoleArn: roleArn, PrincipalArn: principal, SAMLAssertion: samlResponse({ signer: idp, roles: [`${roleArn},${providerArn}`], expires: later, ...o }) }));
  const out = await saml({});
  assert.equal(out.AssumedRoleUser!.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/federated-admins/carol@example.com`);
  assert.deepEqual([out.Subject, out.SubjectType, out.Issuer, out.Audience], ['carol@example.com', 'persistent', 'https://idp.example.com/saml', 'https://signin.aws.amazon.com/saml']);
  const credentials = keysOf(out.Credentials);
  assert.ok(credentials.accessKeyId.startsWith('ASIA'));
  await new EC2Client(config(credentials)).send(new DescribeRegionsCommand({}));
  await assert.rejects(new S3Client({ ...config(credentials), forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'AccessDenied' });

  // Signed by another IdP (its certificate in KeyInfo), unsigned, or changed after signing: refused alike.
  const forged = { name: 'InvalidIdentityTokenException', message: 'Response signature invalid' };
  await assert.rejects(saml({ signer: other }), forged);
  await assert.rejects(saml({ signer: null }), forged);
  await assert.rejects(saml({ tamper: (xml) => xml.replace('carol@example.com</saml:NameID>', 'mallory@example.com</saml:NameID>') }), forged);
  // A signed assertion wrapped beside a forged one: only what the signature covers is read.
  const wrapped = (xml: string) => xml.replace('<saml:Assertion ID="_a1"', `<saml:Assertion ID="_evil" Version="2.0"><saml:Issuer>https://idp.example.com/saml</saml:Issuer><saml:Subject><saml:NameID>mallory</saml:NameID></saml:Subject></saml:Assertion><saml:Assertion ID="_a1"`);
  assert.equal((await saml({ tamper: wrapped })).Subject, 'carol@example.com');
  await assert.rejects(saml({ roles: [`arn:aws:iam::${ACCOUNT}:role/regions,${providerArn}`] }), { name: 'AccessDenied', message: 'Not authorized to perform sts:AssumeRoleWithSAML' });
  await assert.rejects(saml({ recipient: 'https://elsewhere.example.com/saml' }), { name: 'AccessDenied' });
  await assert.rejects(saml({ expires: new Date(Date.now() - 1000) }), { name: 'ExpiredTokenException' });
  await assert.rejects(saml({}, `arn:aws:iam::${ACCOUNT}:saml-provider/nobody`), { name: 'InvalidIdentityTokenException', message: "Specified provider doesn't exist." });

  await t.test('the AWS CLI assumes the role with the same assertion', { skip: awsCliMissing }, async () => {
    const assertion = samlResponse({ signer: idp, roles: [`${providerArn},${roleArn}`], expires: later, user: 'dan' });
    const cli = await awsCli(sandbox, ['sts', 'assume-role-with-saml', '--role-arn', roleArn, '--principal-arn', providerArn!, '--saml-assertion', assertion]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.deepEqual([cli.json().AssumedRoleUser.Arn, cli.json().SubjectType], [`arn:aws:sts::${ACCOUNT}:assumed-role/federated-admins/dan`, 'persistent']);
  });
  await t.test('and so does boto3; a response signed by another certificate is refused in the same words', { skip: boto3Missing }, async () => {
    const call = (assertion: string) =>
      boto3(sandbox, `sts = boto3.client('sts', endpoint_url=${JSON.stringify(sandbox.endpoint)}, region_name='us-east-1')\nout = call(sts.assume_role_with_saml, RoleArn='${roleArn}', PrincipalArn='${providerArn}', SAMLAssertion='${assertion}')`);
    const ok = await call(samlResponse({ signer: idp, roles: [`${roleArn},${providerArn}`], expires: later, user: 'erin' }));
    assert.equal(ok.AssumedRoleUser.Arn, `arn:aws:sts::${ACCOUNT}:assumed-role/federated-admins/erin`);
    assert.deepEqual(await call(samlResponse({ signer: other, roles: [`${roleArn},${providerArn}`], expires: later })), { error: 'InvalidIdentityToken', status: 400 });
  });
});

test('EC2\'s UnauthorizedOperation carries an encoded authorization message; DecodeAuthorizationMessage reads it for callers allowed to', async (t) => {
  const policy = JSON.stringify({ Version: '2012-10-17', Statement: [
    { Effect: 'Allow', Action: 'sts:DecodeAuthorizationMessage', Resource: '*' },
    { Sid: 'NoInstances', Effect: 'Deny', Action: 'ec2:DescribeInstances', Resource: '*' },
  ] });
  const dave = await userWithKeys('dave', policy);
  const refusal = await new EC2Client(config(dave)).send(new DescribeInstancesCommand({})).then(() => assert.fail('dave may not describe instances'), (e: Error) => e);
  assert.equal(refusal.name, 'UnauthorizedOperation');
  const encoded = /Encoded authorization failure message: (\S+)$/.exec(refusal.message)?.[1];
  assert.ok(encoded, refusal.message);
  const { DecodedMessage } = await new STSClient(config(dave)).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded }));
  const decoded = JSON.parse(DecodedMessage!);
  assert.equal(decoded.allowed, false);
  assert.equal(decoded.explicitDeny, true);
  assert.deepEqual(decoded.matchedStatements.items.map((s: { statementId: string; effect: string }) => [s.statementId, s.effect]), [['NoInstances', 'DENY']]);
  assert.deepEqual(decoded.context.principal, { id: decoded.context.principal.id, name: 'dave', arn: `arn:aws:iam::${ACCOUNT}:user/dave` });
  assert.equal(decoded.context.action, 'ec2:DescribeInstances');
  assert.ok(decoded.context.conditions.items.some((c: { key: string }) => c.key === 'aws:username'));
  // Without the permission, and for an altered message, STS refuses as AWS does.
  await assert.rejects(new STSClient(config(alice)).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: encoded })), { name: 'AccessDenied' });
  await assert.rejects(new STSClient(config(dave)).send(new DecodeAuthorizationMessageCommand({ EncodedMessage: `A${encoded}` })), { name: 'InvalidAuthorizationMessageException' });

  await t.test('the AWS CLI decodes it too', { skip: awsCliMissing }, async () => {
    // With `=`: a message that starts with '-', as base64url may, would read as an option (a flake 1 run in ~64).
    const cli = await awsCli({ endpoint: sandbox.endpoint, credentials: dave }, ['sts', 'decode-authorization-message', `--encoded-message=${encoded}`]);
    assert.equal(cli.status, 0, cli.stderr);
    assert.equal(JSON.parse(cli.json().DecodedMessage).context.action, 'ec2:DescribeInstances');
  });
});

test('temporary credentials expire: ExpiredToken from STS and S3, RequestExpired from EC2', async () => {
  // At time scale 0.001 the shortest session (900 s) lasts 0.9 s.
  const fast = await testSandbox({ timeScale: 0.001 });
  try {
    const out = await new STSClient({ endpoint: fast.endpoint, region: 'us-east-1', credentials: fast.credentials }).send(new GetSessionTokenCommand({ DurationSeconds: 900 }));
    const cfg = { endpoint: fast.endpoint, region: 'us-east-1', credentials: keysOf(out.Credentials) };
    assert.equal((await new STSClient(cfg).send(new GetCallerIdentityCommand({}))).Account, ACCOUNT);
    await sleep(1200);
    await assert.rejects(new STSClient(cfg).send(new GetCallerIdentityCommand({})), { name: 'ExpiredToken', message: 'The security token included in the request is expired' });
    await assert.rejects(new EC2Client(cfg).send(new DescribeRegionsCommand({})), { name: 'RequestExpired' });
    await assert.rejects(new S3Client({ ...cfg, forcePathStyle: true }).send(new ListBucketsCommand({})), { name: 'ExpiredToken' });
  } finally {
    await fast.close();
  }
});
