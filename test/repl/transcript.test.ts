/**
 * Transcripts: lines typed at the prompt and what paws prints, on fake streams (no terminal),
 * against an in-process sandbox with the real SDK clients.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { serviceFolders } from '../../src/helpers/index.js';
import { Session } from '../../src/helpers/core/session.js';
import { testSandbox } from '../helpers/index.js';
import { assertTranscript, Prompt } from '../helpers/prompt.js';
import { sandboxSession } from '../helpers/session.js';

describe('transcripts at the prompt', () => {
  let sandbox: RunningSandbox;
  let t: Prompt;
  /** What `.debug on` logged. */
  const logs: string[] = [];

  before(async () => {
    sandbox = await testSandbox();
    t = new Prompt(sandboxSession(sandbox, { log: (line) => logs.push(line) }));
  });
  after(async () => {
    t.close();
    await sandbox.close();
  });

  const cases: [string, string | RegExp][] = [
    ['await ec2.zones()', '[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f]'],
    ["await ec2.zones('us-east-1b')", '[Zone:us-east-1b]'],
    ['const [zone] = await ec2.zones(); [zone.name, zone.state, zone.regionName]', "[ 'us-east-1a', 'available', 'us-east-1' ]"],
    ['await zone.update()', 'Zone:us-east-1a'],
    ['(await ec2.regions()).length > 8', 'true'],
    ['await ec2.regions()', /│ Region +│ Endpoint +│ Opt-in +│[\s\S]*│ eu-west-1 +│ ec2\.eu-west-1\.amazonaws\.com +│[\s\S]*\d+ × Region$/],
    ["(await ec2.regions({all: true})).map(String).includes('Region:eu-west-1')", 'true'],
    ["await ec2.describeRegions({RegionNames: ['eu-west-1']})", /^\{\n  Regions: \[\n    \{[^$]*RegionName: 'eu-west-1'[^$]*\}\n  \]\n\}$/],
    ['ec2', /^EC2:us-east-1 \(http:\/\/127\.0\.0\.1:\d+\)$/],
    ['(await sts.getCallerIdentity()).Account', "'123456789012'"],
    ['new Date(Date.UTC(2026, 10, 28, 14, 3, 7))', '2026-11-28 14:03:07 UTC'],
    ['({LaunchTime: new Date(0)})', '{ LaunchTime: 1970-01-01 00:00:00 UTC }'],
    [
      "({Credentials: {AccessKeyId: 'ASIAEXAMPLE', SecretAccessKey: 'wJalrXUtnFEMI', SessionToken: 'FwoGZXIvYXdzEXAMPLE'}})",
      "{\n  Credentials: {\n    AccessKeyId: 'ASIAEXAMPLE',\n    SecretAccessKey: ****,\n    SessionToken: ****\n  }\n}",
    ],
    ["({KeyName: 'k', KeyMaterial: '-----BEGIN RSA PRIVATE KEY-----\\nMIIEow\\n-----END RSA PRIVATE KEY-----'})", "{ KeyName: 'k', KeyMaterial: **** }"],
    ["[{note: '-----BEGIN OPENSSH PRIVATE KEY-----\\nb3Blbn\\n-----END OPENSSH PRIVATE KEY-----'}]", '[ { note: **** } ]'],
    ['({Password: undefined, PasswordLastUsed: new Date(0)})', '{ Password: undefined, PasswordLastUsed: 1970-01-01 00:00:00 UTC }'],
    ['const n: number = 5; n * 2', '10'],
    ['type Pair = [string, number]; const p: Pair = ["a", 1]; p', "[ 'a', 1 ]"],
    ['{a: 1}', '{ a: 1 }'],
    ["await ec2.describeAvailabilityZones({ZoneNames: ['nowhere-1z']})", /^InvalidParameterValue: \S.*$/],
    ['null.x', "TypeError: Cannot read properties of null (reading 'x')"],
    ['throw Object.assign(new Error("denied"), {name: "AccessDenied"})', 'AccessDenied: denied'],
    ['await ec2.noSuchOperation()', 'TypeError: ec2.noSuchOperation is not a function'],
    // A method called by a near name: the one meant, on a service object and on a value the input declared.
    ['await ec2.describeInstance()', 'TypeError: ec2.describeInstance is not a function — did you mean ec2.describeInstances?'],
    ['await s3.ListBuckets()', 'TypeError: s3.ListBuckets is not a function — did you mean s3.listBuckets?'],
    ['zone.updat()', 'TypeError: zone.updat is not a function — did you mean zone.update?'],
    ['await lauchInstance()', 'ReferenceError: lauchInstance is not defined — did you mean launchInstance?'],
    ['ec3', 'ReferenceError: ec3 is not defined — did you mean ec2?'],
    ['noSuchThingAtAll', 'ReferenceError: noSuchThingAtAll is not defined'],
    ['data', 'ReferenceError: data is not defined'],
    ['x', 'ReferenceError: x is not defined'],
    // A file stream of a path that is not there: said at once, and its error does not land on a later input.
    ["await s3.putObject({Bucket: 'any', Key: 'k', Body: fs.createReadStream('/no/such/file')})", "ParamValidation: PutObject: Body cannot be read: ENOENT: no such file or directory, stat '/no/such/file'"],
    ["await s3.putObject({Bucket: 'any', Key: 'k', Body: fs.createReadStream('/tmp')})", 'ParamValidation: PutObject: Body cannot be read: /tmp is not a file'],
    // An object as a body: named, with the fix (the SDK said "Unable to calculate hash for flowing readable stream").
    ["await s3.putObject({Bucket: 'any', Key: 'k', Body: {a: 1}})", 'ParamValidation: PutObject: Body takes bytes (a string, Buffer or stream), not an object — JSON.stringify(…) it to send it as JSON'],
    // A member of the answer read off the call's Promise: the fix, and no NoSuchBucket printed later.
    ["await s3.getObject({Bucket: 'no-such-bucket', Key: 'k'}).Body", 'NotAwaited: s3.getObject(…) gives a Promise, which has no Body: write (await s3.getObject(…)).Body'],
    // The same for a service object's first call, made before its SDK module is loaded.
    ['await cw.describeAlarms({}).MetricAlarms', 'NotAwaited: cw.describeAlarms(…) gives a Promise, which has no MetricAlarms: write (await cw.describeAlarms(…)).MetricAlarms'],
    ['(await cw.describeAlarms({})).MetricAlarms', '[]'],
    ['1 + 1', '2'],
    ['const x = ;', /^SyntaxError: Unexpected ";"$/],
    ['1 + 1', '2'],
    ['const rejected = Promise.reject(new Error("later")); rejected.catch(() => {}); rejected', 'Promise { <rejected> Error: later } — a Promise: put await before the call (const x = await …) to get its result'],
    ['[new RangeError("out")]', '[ RangeError: out ]'],
    ['.region', 'region us-east-1'],
    ['.region nowhere', 'InvalidRegion: nowhere is not a region name — e.g. .region eu-west-1'],
    // A typo the SDK's endpoint data does not list: switched, with a note (AWS would answer each call with a DNS error).
    ['.region eu-west-4', 'region eu-west-4 (ec2, s3, cw, sns, sqs, iam, sts now talk to eu-west-4)\nNote: eu-west-4 is not a region this SDK knows: calls there will fail unless the region is newer than the SDK (.region ⇥ lists the regions)'],
    ['.region eu-west-1', 'region eu-west-1 (ec2, s3, cw, sns, sqs, iam, sts now talk to eu-west-1)'],
    ['await ec2.zones()', '[Zone:eu-west-1a, Zone:eu-west-1b, Zone:eu-west-1c]'],
    ['ec2.config.region()', "Promise { 'eu-west-1' }"],
    ['const c = ec2.config.credentials(); await c; c', /^Promise \{\n?\s*\{[^}]*secretAccessKey: \*\*\*\*[^}]*\}\s*\}$/],
    ["new Map([['k', {Password: 'hunter2'}]])", "Map(1) { 'k' => { Password: **** } }"],
    ['zone.client === ec2', 'false'],
    ['(await zone.update()).regionName', "'us-east-1'"],
    ['.region us-east-1', /^region us-east-1/],
  ];
  test('each line prints what the user expects', () => assertTranscript(t, cases));

  test('an unfinished input continues on the next line', async () => {
    assert.equal(await t.type('function add(a: number,'), '');
    assert.equal(await t.type('  b: number) { return a + b }'), '');
    assert.equal(await t.type('const s = `multi'), '');
    assert.equal(await t.type('line`; add(1, 2) + s.length'), '13');
  });

  test('.help lists dot-commands, service objects and their conveniences', async () => {
    const help = await t.type('.help');
    for (const line of [/^  \.region \[NAME\] +Show the region/m, /^  \.debug on\|off +Log each HTTP/m, /^  ec2 +Amazon EC2/m, /^    ec2\.zones\(\.\.\.names\) +availability zones/m, /^  cw +Amazon CloudWatch/m, /^  \.exit/m]) {
      assert.match(help, line);
    }
  });

  test('.debug on logs requests and responses with the signature and secrets masked', async () => {
    logs.length = 0;
    assert.match(await t.type('.debug on'), /^debug on/);
    await t.type('await ec2.zones()');
    await t.type('await ec2.config.credentials()');
    assert.match(await t.type('.debug off'), /^debug off/);
    const log = logs.join('\n');
    assert.match(log, /^→ EC2 DescribeAvailabilityZones: POST http:\/\/127\.0\.0\.1:\d+\/$/m);
    assert.match(log, /authorization: AWS4-HMAC-SHA256 Credential=\w+\/\d{8}\/us-east-1\/ec2\/aws4_request, SignedHeaders=[^,]+, Signature=\*\*\*\*$/m);
    assert.match(log, /^    Action=DescribeAvailabilityZones&Version=2016-11-15$/m);
    assert.match(log, /^← 200 \(\d+ ms\)$/m);
    assert.match(log, /<zoneName>us-east-1a<\/zoneName>/);
    assert.ok(!log.includes(sandbox.credentials.secretAccessKey));
    logs.length = 0;
    await t.type('await ec2.zones()');
    assert.deepEqual(logs, []);
  });

  test('an error shows its stack only with .debug on', async () => {
    await t.type('.debug on');
    const printed = await t.type('null.x');
    await t.type('.debug off');
    assert.match(printed, /^TypeError: Cannot read properties of null \(reading 'x'\)\n\s+at /);
  });
});

describe('tab completion', () => {
  const session = new Session({ region: 'us-east-1', forcePathStyle: false, sandbox: false, endpointLabel: 'AWS' }, serviceFolders);
  const t = new Prompt(session);
  after(() => t.close());
  const complete = (line: string) =>
    new Promise<[string[], string]>((resolve, reject) =>
      (t.repl.server as any).complete(line, (error: Error | null, result: [string[], string]) => (error ? reject(error) : resolve(result))),
    );

  test('members of a service object complete before its SDK module is loaded', async () => {
    assert.equal(session.handle('sns')!.current(), undefined);
    const [names, partial] = await complete('await sns.listTo');
    assert.equal(partial, 'sns.listTo');
    assert.deepEqual(names, ['sns.listTopics']);
  });

  test('conveniences complete beside SDK operations, and member chains too', async () => {
    assert.deepEqual((await complete('ec2.zo'))[0], ['ec2.zones']);
    assert.ok((await complete('ec2.describeAvailab'))[0].includes('ec2.describeAvailabilityZones'));
    assert.ok((await complete('ec2.config.reg'))[0].includes('ec2.config.region'));
  });

  test('globals and dot-commands complete', async () => {
    assert.ok((await complete('ec'))[0].includes('ec2'));
    assert.deepEqual(await complete('.reg'), [['region'], 'reg']);
    assert.deepEqual(await complete('.deb'), [['debug'], 'deb']);
  });
});
