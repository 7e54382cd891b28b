/**
 * Work that stops half way leaves nothing behind unnamed: Ctrl-C during multipartUpload aborts
 * the multipart upload (no parts stay stored), and a launchInstance whose SSH step fails names
 * the instance it started, which stays in `.created` for `.cleanup`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { S3 } from '@aws-sdk/client-s3';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { tempDir, testSandbox } from '../helpers/index.js';
import { Prompt } from '../helpers/prompt.js';
import { sandboxSession } from '../helpers/session.js';

describe('interrupted work', () => {
  let sandbox: RunningSandbox;
  let prompt: Prompt;
  const dir = tempDir();
  const home = process.env.HOME;

  before(async () => {
    // Each request takes a while, so the upload is surely still sending parts when Ctrl-C comes.
    sandbox = await testSandbox({ latencyMs: 100 });
    // launchInstance saves its key under ~/.ssh: a HOME of the test's own.
    process.env.HOME = dir.path;
    prompt = new Prompt(sandboxSession(sandbox));
  });
  after(async () => {
    prompt.close();
    process.env.HOME = home;
    await sandbox.close();
    dir.remove();
  });

  test('Ctrl-C during multipartUpload leaves no multipart upload open', async () => {
    const s3 = new S3({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials, forcePathStyle: true });
    const file = join(dir.path, 'big.bin');
    writeFileSync(file, Buffer.alloc(40 * 1024 * 1024, 'x'));
    await prompt.type("const bucket = await createBucket('paws-interrupted')");
    const since = prompt.text.length;
    prompt.input.write(`await multipartUpload('${file}', bucket, 'big.bin', {partSize: 5 * 1024 * 1024, concurrency: 2})\n`);
    while (((await s3.listMultipartUploads({ Bucket: 'paws-interrupted' })).Uploads ?? []).length === 0) await new Promise((r) => setTimeout(r, 10));
    prompt.repl.evaluations.abort();
    const printed = await prompt.waitFor(/paws> $/, since);
    assert.match(printed, /Interrupted: the call was aborted \(Ctrl-C\)/);
    assert.deepEqual((await s3.listMultipartUploads({ Bucket: 'paws-interrupted' })).Uploads ?? [], []);
    assert.equal(await prompt.type("await s3.lookup('paws-interrupted').then((b) => b.lookup('big.bin'))"), 'null');
  });

  test('launchInstance whose SSH step fails names the running instance, and .created still lists it', async () => {
    const ec2 = new EC2({ region: sandbox.region, endpoint: sandbox.endpoint, credentials: sandbox.credentials });
    // A key pair made elsewhere: its private key is not on this machine, so SSH cannot log in.
    await ec2.createKeyPair({ KeyName: 'elsewhere' });
    const error = await prompt.type("const {instance, ssh: conn} = await launchInstance({keyName: 'elsewhere'})", /paws> $/, 60_000);
    const line = error.split('\n').pop()!;
    const id = line.match(/Instance:(i-\w+) is running, but SSH to it failed: /)?.[1];
    assert.ok(id, line);
    assert.match(line, new RegExp(`^KeyNotFound: Instance:${id} is running, but SSH to it failed: no private key at \\S+elsewhere\\.pem.* — it stays tracked \\(\\.cleanup deletes it\\); connect again with await ssh\\('${id}'\\)`));
    assert.match(await prompt.type('.created'), new RegExp(`Instance:${id}  us-east-1`));
    const { Reservations = [] } = await ec2.describeInstances({ InstanceIds: [id] });
    assert.equal(Reservations[0]?.Instances?.[0]?.State?.Name, 'running');
    assert.match(await prompt.type('.cleanup -y', /nothing left\.\npaws> $/, 60_000), new RegExp(`terminated Instance:${id}`));
  });
});
