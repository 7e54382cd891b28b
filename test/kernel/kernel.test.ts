/**
 * paws as a Jupyter kernel, driven by Jupyter's own clients against a sandbox: the Jupyter
 * project's kernel conformance suite, a frontend's view of cells (streams, results as text and
 * HTML, one-line errors, masking, interrupt, input prompts, dot-commands), --ephemeral on
 * shutdown, and a notebook executed headless with nbclient compared with its recorded outputs.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { S3 } from '@aws-sdk/client-s3';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { parseNotebook } from '../../src/notebook/parse.js';
import { firstDifference, outputsMatch } from '../../src/notebook/placeholders.js';
import { PAWS_BIN, pawsEnv, REPO, tempDir, testSandbox } from '../helpers/index.js';
import { driveKernel, jupyterConsole, jupyterHome, jupyterMissing, printed, python, result, JUPYTER_CONSOLE, SCRIPTS, type JupyterHome } from './support.js';

const missing = jupyterMissing();
const consoleMissing = existsSync(JUPYTER_CONSOLE) ? false : `${JUPYTER_CONSOLE} is not installed (apt-get install jupyter-console)`;

test('paws without `kernel` does not load zeromq', async () => {
  const home = tempDir();
  const probe = "const { readFileSync } = await import('node:fs'); readFileSync('/proc/self/maps', 'utf8').includes('zeromq')";
  const run = spawnSync(process.execPath, [PAWS_BIN, '--endpoint', 'http://127.0.0.1:9'], { input: probe, env: pawsEnv(home.path), encoding: 'utf8' });
  home.remove();
  assert.equal(run.stdout, 'false\n', run.stderr);
});

describe('paws kernel', { skip: missing }, () => {
  let sandbox: RunningSandbox;
  let jupyter: JupyterHome;
  before(async () => {
    sandbox = await testSandbox();
    jupyter = jupyterHome(sandbox);
  });
  after(async () => {
    jupyter.remove();
    await sandbox.close();
  });

  test("the Jupyter project's kernel conformance suite passes", async () => {
    const run = await python('conformance.py', ['-v'], jupyter.env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^OK/m);
    // Every test the suite has runs: none is skipped for want of a sample.
    assert.doesNotMatch(run.stderr, /skipped/, run.stderr);
  });

  test('a frontend sees streams, results as text and HTML, errors as one line, secrets masked', async () => {
    const [zones, error, secret, unawaited, callback, region] = await driveKernel(jupyter.env, [
      { code: 'const zones = await ec2.zones()\nconsole.log(`${zones.length} zones`)\nzones' },
      { code: "await ec2.describeAvailabilityZones({ZoneNames: ['nowhere-1z']})" },
      { code: 'console.log(process.env.AWS_SECRET_ACCESS_KEY); process.env.AWS_SECRET_ACCESS_KEY' },
      { code: 'ec2.zones()' },
      // An error thrown in a callback fails the cell that waits (it would never end otherwise).
      { code: "await new Promise((resolve) => setTimeout(() => { throw new Error('in a callback') }, 50))" },
      { code: '.region eu-west-1' },
    ]);
    assert.equal(printed(zones), '6 zones\n');
    assert.equal(result(zones)?.data['text/plain'], '[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f]');
    assert.match(result(zones)!.data['text/html'], /^<table><caption>6 × Zone<\/caption><thead><tr><th>Zone<\/th>.*<td>us-east-1f<\/td>/);
    assert.equal(error.status, 'error');
    assert.deepEqual(error.outputs, [{ type: 'error', ename: 'InvalidParameterValue', traceback: ["InvalidParameterValue: The zone 'nowhere-1z' does not exist."] }]);
    assert.equal(printed(secret), '****\n');
    assert.equal(result(secret)?.data['text/plain'], "'****'");
    assert.ok(!JSON.stringify(secret).includes(sandbox.credentials.secretAccessKey));
    assert.match(result(unawaited)!.data['text/plain'], /^Promise \{ <pending> \} — a Promise: put await before the call/);
    assert.deepEqual(callback.outputs, [{ type: 'error', ename: 'Error', traceback: ['Error: in a callback'] }]);
    assert.equal(printed(region), 'region eu-west-1 (ec2, s3, cw, sns, sqs, iam, sts now talk to eu-west-1)\n');
  });

  test('interrupt aborts a long call as Ctrl-C does; input prompts go to the frontend', async () => {
    const [slow, after, cleanup] = await driveKernel(jupyter.env, [
      { code: 'await new Promise((resolve) => setTimeout(resolve, 60_000))', interrupt_after: 1 },
      { code: "await s3.createBucket({Bucket: 'kernel-input'}); 'made'" },
      { code: '.cleanup', answer: 'y' },
    ]);
    assert.equal(slow.status, 'error');
    assert.deepEqual(slow.outputs, [{ type: 'error', ename: 'Interrupted', traceback: ['Interrupted: the call was aborted (Ctrl-C)'] }]);
    assert.equal(result(after)?.data['text/plain'], "'made'");
    assert.deepEqual(cleanup.prompts, ['Delete all of these? [y/N] ']);
    assert.match(printed(cleanup), /deleted Bucket:kernel-input\nCleaned up: 1 deleted, nothing left\.\n$/);
  });

  test('with --ephemeral, restarting or shutting the kernel down deletes what its cells created', async () => {
    const ephemeral = jupyterHome(sandbox, ['--ephemeral']);
    const s3 = new S3({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials, forcePathStyle: true });
    const buckets = async () => ((await s3.listBuckets({})).Buckets ?? []).map((b) => b.Name).filter((name) => name?.startsWith('kernel-ephemeral'));
    try {
      const [made, afterRestart] = await driveKernel(ephemeral.env, [
        { code: "await s3.createBucket({Bucket: 'kernel-ephemeral-1'}); typeof made" },
        { code: "const made = 'again'; await s3.createBucket({Bucket: 'kernel-ephemeral-2'}); (await s3.listBuckets()).Buckets.map((b) => b.Name).filter((n) => n.startsWith('kernel-ephemeral'))", restart_first: true },
      ]);
      assert.equal(result(made)?.data['text/plain'], "'undefined'");
      // The restart was a new kernel, and the old one had deleted its bucket on the way out.
      assert.equal(result(afterRestart)?.data['text/plain'], "[ 'kernel-ephemeral-2' ]");
    } finally {
      ephemeral.remove();
    }
    assert.deepEqual(await buckets(), []);
  });

  test('jupyter-console in a terminal: results, Tab completion, Ctrl-D', { skip: consoleMissing }, async () => {
    const terminal = jupyterConsole(jupyter.env);
    try {
      await terminal.waitFor('In [1]: ');
      terminal.write('await ec2.zones()\r');
      await terminal.waitFor(/Out\[1\]: \[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f\]/);
      await terminal.waitFor('In [2]: ');
      const since = terminal.output.length;
      terminal.write('ec2.describeInstanceSt\t');
      await terminal.waitFor('ec2.describeInstanceStatus', { since });
      terminal.write('\x15await ec2.describeAvailabilityZones({ZoneNames: ["nowhere-1z"]})\r');
      await terminal.waitFor(/InvalidParameterValue: The zone 'nowhere-1z' does not exist\.[\s\S]*In \[3\]: /, { since });
      terminal.write('\x04');
      await terminal.waitFor('exit ([y]/n)?', { since });
      terminal.write('y\r');
      assert.equal(await terminal.exitCode(), 0);
    } finally {
      await terminal.kill();
    }
  });

  for (const source of [join(SCRIPTS, 'fixtures', 'tour.ipynb'), join(REPO, 'recipes', 'notebooks', 'chapter-3.ipynb')]) {
    test(`a notebook executed headless by nbclient shows the outputs recorded in it: ${basename(source)}`, async () => {
      const target = join(jupyter.home, basename(source));
      const run = await python('run-notebook.py', [source, target, 'paws'], jupyter.env);
      assert.equal(run.code, 0, run.stderr);
      const recorded = parseNotebook(readFileSync(source, 'utf8')).cells;
      const executed = parseNotebook(readFileSync(target, 'utf8')).cells;
      assert.equal(executed.length, recorded.length);
      for (const [i, cell] of recorded.entries()) {
        assert.ok(outputsMatch(cell.expected!, executed[i].expected!), `cell ${cell.number}:\n${firstDifference(cell.expected!, executed[i].expected!)}`);
      }
    });
  }
});
