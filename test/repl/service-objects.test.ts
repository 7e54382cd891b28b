/**
 * The registry and the service objects built from it: every service object is the SDK's
 * aggregated client plus conveniences whose names are not SDK operations, each documented.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { promptGlobals } from '../../src/helpers/index.js';
import { Session } from '../../src/helpers/core/session.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

test('the prompt offers ec2, s3, cw, sns, iam and sts, each with a doc line', () => {
  const services = promptGlobals.filter((g) => g.kind === 'service').map((g) => g.name);
  assert.deepEqual(services, ['ec2', 's3', 'cw', 'sns', 'iam', 'sts']);
  for (const g of promptGlobals) assert.ok(g.doc.length > 10, `${g.name} has a doc`);
  assert.equal(new Set(promptGlobals.map((g) => g.name)).size, promptGlobals.length, 'no two globals share a name');
});

test('conveniences do not clash with SDK operations and are listed for .help', async () => {
  for (const entry of promptGlobals) {
    if (entry.kind !== 'service') continue;
    const service = (await entry.load()).createService({ region: 'us-east-1' });
    // paws's class (e.g. Ec2Service) extends the SDK's aggregated client (EC2).
    const pawsClass = Object.getPrototypeOf(service);
    const sdkClass = Object.getPrototypeOf(pawsClass);
    const own = Object.getOwnPropertyNames(pawsClass).filter((n) => n !== 'constructor');
    for (const name of own) {
      assert.equal(name in sdkClass, false, `${entry.name}.${name} clashes with an SDK operation`);
      assert.ok(entry.members?.some((m) => m.name.startsWith(`${name}(`)), `${entry.name}.${name} is listed in globals.ts members`);
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
  const session = new Session({ region: 'us-east-1', forcePathStyle: false, sandbox: false, endpointLabel: 'AWS' }, promptGlobals);
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
