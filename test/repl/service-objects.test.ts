/**
 * The service folders' descriptions and the service objects built from them: every service object is the SDK's
 * aggregated client plus conveniences whose names are not SDK operations, each documented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceFolders, type ServiceFolder } from '../../src/helpers/index.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoSuchBucket } from '@aws-sdk/client-s3';
import { errorCode, errorLine, pawsError } from '../../src/helpers/core/errors.js';
import { globalsDeclaration } from '../../src/helpers/core/globals-declaration.js';
import { Session } from '../../src/helpers/core/session.js';
import { REPO } from '../helpers/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** The folders as generic code sees them. */
const folders: readonly ServiceFolder[] = serviceFolders;
const services = folders.flatMap((f) => (f.service ? [f.service] : []));
const emptySession = () => new Session({ region: 'us-east-1', forcePathStyle: false, sandbox: false, endpointLabel: 'AWS' }, serviceFolders);

test('the prompt offers ec2, s3, cw, sns, sqs, iam and sts, each with a doc line', () => {
  assert.deepEqual(services.map((s) => s.name), ['ec2', 's3', 'cw', 'sns', 'sqs', 'iam', 'sts']);
  const globals = folders.flatMap((f) => [...(f.service ? [f.service] : []), ...Object.entries(f.helpers ?? {}).map(([name, h]) => ({ name, doc: h.doc }))]);
  for (const g of globals) assert.ok(g.doc.length > 10, `${g.name} has a doc`);
  assert.equal(new Set(globals.map((g) => g.name)).size, globals.length, 'no two globals share a name');
});

test('every helper a folder declares loads to a function, and every service object to a service', async () => {
  for (const folder of folders) {
    for (const [name, spec] of Object.entries(folder.helpers ?? {})) assert.equal(typeof (await spec.load()), 'function', `${name} loads to a function`);
    if (folder.service) assert.equal(typeof ((await folder.service.load())({ region: 'us-east-1' }, emptySession().serviceContext()) as { send?: unknown }).send, 'function', `${folder.service.name} loads`);
  }
});

test('every resource kind is deleted after kinds some folder describes, by a service object that exists', () => {
  const kinds = folders.flatMap((f) => Object.entries(f.resources ?? {}).map(([name, kind]) => ({ name, kind, service: f.service?.name })));
  const names = new Set(kinds.map((k) => k.name));
  assert.equal(names.size, kinds.length, 'no two folders describe the same kind');
  for (const { name, kind, service } of kinds) {
    for (const before of kind.deletedAfter ?? []) assert.ok(names.has(before), `${name} is deleted after ${before}, which no folder describes`);
    assert.ok(service, `${name} belongs to a folder with a service object`);
  }
  // The session orders them: each kind after what it names.
  const order = emptySession().tracker.kinds.map((k) => k.name);
  for (const { name, kind } of kinds) for (const before of kind.deletedAfter ?? []) assert.ok(order.indexOf(before) < order.indexOf(name), `${before} goes before ${name}`);
});

test('.help lists every global of every folder, and every member of each service object', () => {
  const listed = new Set(emptySession().help().map((h) => h.name.trim()));
  for (const folder of folders) {
    if (folder.service) {
      assert.ok(listed.has(folder.service.name), `.help lists ${folder.service.name}`);
      for (const m of folder.service.members ?? []) assert.ok(listed.has(`${folder.service.name}.${m.name}`), `.help lists ${folder.service.name}.${m.name}`);
    }
    for (const name of Object.keys(folder.helpers ?? {})) assert.ok(listed.has(name), `.help lists ${name}`);
  }
});

test('recipes/globals.d.ts declares exactly the globals the folders describe', () => {
  const file = readFileSync(join(REPO, 'recipes', 'globals.d.ts'), 'utf8');
  assert.equal(file, globalsDeclaration(folders), 'recipes/globals.d.ts is out of date: run npm run globals');
});

test('conveniences do not clash with SDK operations and are listed for .help', async () => {
  for (const entry of services) {
    const service = (await entry.load())({ region: 'us-east-1' }, emptySession().serviceContext());
    // paws's class (e.g. Ec2Service) extends the SDK's aggregated client (EC2).
    const pawsClass = Object.getPrototypeOf(service);
    const sdkClass = Object.getPrototypeOf(pawsClass);
    const own = Object.getOwnPropertyNames(pawsClass).filter((n) => n !== 'constructor');
    for (const name of own) {
      assert.equal(name in sdkClass, false, `${entry.name}.${name} clashes with an SDK operation`);
      assert.ok(entry.members?.some((m) => m.name.startsWith(`${name}(`)), `${entry.name}.${name} is listed in its description's members`);
    }
    for (const member of entry.members ?? []) {
      // `zones(...names)` documents a method, `pollSeconds` a setting.
      const key = member.name.replace(/\(.*/, '');
      if (member.name.includes('(')) assert.equal(typeof (service as any)[key], 'function', `${entry.name}.${member.name} exists`);
      else assert.ok(key in service, `${entry.name}.${member.name} exists`);
    }
  }
});

test('service objects load on first use and are rebuilt when the region changes', async () => {
  const session = emptySession();
  const ec2 = session.globals().ec2 as any;
  assert.equal(String(ec2), 'EC2:us-east-1');
  assert.equal(session.handle('ec2')!.current(), undefined, 'nothing loaded before use');
  const first = await session.service('ec2');
  assert.equal(await first.config.region(), 'us-east-1');
  assert.equal(ec2.zones.name, 'bound zones');
  session.setRegion('eu-west-1');
  assert.equal(String(ec2), 'EC2:eu-west-1');
  assert.equal(await ec2.config.region(), 'eu-west-1');
  assert.notEqual(await session.service('ec2'), first);
  assert.equal(await (ec2 as any).then, undefined, 'not a thenable');
});

test("one kind of error: paws's own print `Code: message` once, and an SDK exception's code is its class's", () => {
  const mine = pawsError('NotSandbox', 'real SNS sends real e-mail');
  assert.equal(errorCode(mine), 'NotSandbox');
  assert.equal(errorLine(mine), 'NotSandbox: real SNS sends real e-mail');
  const aws = new NoSuchBucket({ message: 'The specified bucket does not exist', $metadata: {} });
  assert.equal(errorCode(aws), 'NoSuchBucket');
  assert.equal(errorLine(aws), 'NoSuchBucket: The specified bucket does not exist');
});
