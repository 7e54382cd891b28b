/** Secrets never reach the terminal: wire text (debug logs) and printed values. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { maskText, maskInspected } from '../../src/helpers/core/secrets.js';
import { printable } from '../../src/helpers/core/values.js';
import { errorLine } from '../../src/helpers/core/errors.js';
import { inspect } from 'node:util';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----';

test('wire bodies: XML, JSON, form and PEM', () => {
  const xml = `<CreateAccessKeyResult><AccessKey><AccessKeyId>AKIAEXAMPLE</AccessKeyId><SecretAccessKey>${SECRET}</SecretAccessKey></AccessKey></CreateAccessKeyResult>`;
  assert.equal(maskText(xml), '<CreateAccessKeyResult><AccessKey><AccessKeyId>AKIAEXAMPLE</AccessKeyId><SecretAccessKey>****</SecretAccessKey></AccessKey></CreateAccessKeyResult>');
  assert.equal(maskText(`{"Credentials":{"SessionToken":"tok\\"en","AccessKeyId":"ASIA"}}`), '{"Credentials":{"SessionToken":"****","AccessKeyId":"ASIA"}}');
  assert.equal(maskText('Action=CreateLoginProfile&UserName=bob&Password=hunter2&Version=2010-05-08'), 'Action=CreateLoginProfile&UserName=bob&Password=****&Version=2010-05-08');
  assert.equal(maskText(`<keyMaterial>${PEM}</keyMaterial>`), '<keyMaterial>****</keyMaterial>');
  assert.equal(maskText(`key: ${PEM} end`), 'key: **** end');
});

test('printed values: by property name at any depth, PEM anywhere, $metadata dropped', () => {
  const response = { $metadata: { httpStatusCode: 200 }, AccessKey: { UserName: 'bob', SecretAccessKey: SECRET }, Notes: [PEM] };
  const text = inspect(printable(response));
  assert.ok(!text.includes(SECRET) && !text.includes('MIIEow') && !text.includes('$metadata'), text);
  assert.match(text, /SecretAccessKey: \*\*\*\*/);
  assert.deepEqual(response.AccessKey.SecretAccessKey, SECRET, 'the value itself is untouched');
});

test('inspect output: the safety net for what printable does not copy', () => {
  assert.equal(maskInspected(`Map(1) { 'k' => { secretAccessKey: '${SECRET}' } }`), "Map(1) { 'k' => { secretAccessKey: **** } }");
  assert.equal(maskInspected(`{ Password: \x1b[32m'x'\x1b[39m }`), '{ Password: **** }');
  assert.equal(maskInspected("{ PasswordLastUsed: 'yesterday' }"), "{ PasswordLastUsed: 'yesterday' }");
});

test('error lines: code, first line of the message, a hint, secrets masked', () => {
  assert.equal(errorLine(Object.assign(new Error('The zone does not exist.\nmore'), { name: 'InvalidParameterValue' })), 'InvalidParameterValue: The zone does not exist.');
  assert.equal(errorLine(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' })),
    'CredentialsProviderError: Could not load credentials from any providers — set up credentials (aws configure, AWS_PROFILE, --profile) or start with --sandbox');
  assert.equal(errorLine(Object.assign(new AggregateError([new Error('connect ECONNREFUSED ::1:9')], ''), { code: 'ECONNREFUSED' })).split(' — ')[0], 'ECONNREFUSED: connect ECONNREFUSED ::1:9');
  assert.equal(errorLine(new Error(`bad key ${PEM}`)), 'Error: bad key ****');
  assert.equal(errorLine('plain'), 'Error: plain');
});
