/**
 * Notebooks: the chapter 2 notebook steps through in a real terminal (Enter runs, s skips, q
 * leaves you at the prompt with what the cells defined), `paws check` passes on it and fails,
 * naming the cell, once an expected output is edited; --write puts outputs under the cells.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { convertNotebook } from '../../src/notebook/convert.js';
import { parseNotebook, withOutputs } from '../../src/notebook/parse.js';
import { outputsMatch } from '../../src/notebook/placeholders.js';
import { pawsEnv, REPO, sandboxEnv, spawnPaws, tempDir, testSandbox } from '../helpers/index.js';
import { runPaws } from './support.js';

const NOTEBOOKS = join(REPO, 'recipes', 'notebooks');
const NOTEBOOK = join(NOTEBOOKS, 'chapter-2.md');

describe('notebook files', () => {
  test('cells, recorded outputs and headings are read; outputs are written back under their cells', () => {
    const notebook = parseNotebook(readFileSync(NOTEBOOK, 'utf8'));
    assert.equal(notebook.cells.length, 7);
    assert.equal(notebook.cells[2].heading, '2.2 Finding it again by its tag');
    assert.equal(notebook.cells[2].expected, 'true');
    const bare = parseNotebook('# t\n\n```ts\n1 + 1\n```\n\ntext\n\n```ts\nconsole.log("x")\n```\n');
    const written = withOutputs(bare, new Map([[1, '2'], [2, 'x']]));
    assert.equal(written, '# t\n\n```ts\n1 + 1\n```\n\n```output\n2\n```\n\ntext\n\n```ts\nconsole.log("x")\n```\n\n```output\nx\n```\n');
    const rewritten = withOutputs(parseNotebook(written), new Map([[1, '4']]));
    assert.match(rewritten, /```output\n4\n```\n\ntext/);
    assert.equal(parseNotebook(rewritten).cells.length, 2);
  });

  test('a .ipynb reads as its Markdown twin: the same cells, headings and recorded outputs', () => {
    for (const chapter of ['chapter-2', 'chapter-3']) {
      const markdown = parseNotebook(readFileSync(join(NOTEBOOKS, `${chapter}.md`), 'utf8'));
      const ipynb = parseNotebook(readFileSync(join(NOTEBOOKS, `${chapter}.ipynb`), 'utf8'));
      const shown = (n: typeof ipynb) => n.cells.map((c) => [c.number, c.heading, c.code, c.expected]);
      assert.deepEqual(shown(ipynb), shown(markdown), chapter);
      // One source: the checked-in .ipynb is the Markdown converted (paws notebook --write --out).
      assert.equal(readFileSync(join(NOTEBOOKS, `${chapter}.ipynb`), 'utf8'), convertNotebook(markdown, new Map(), `${chapter}.ipynb`), chapter);
    }
    // Outputs as Jupyter records them: streams, then a result's text/plain, an error's traceback.
    const executed = JSON.stringify({
      cells: [{ cell_type: 'code', source: ['x\n', 'y'], metadata: {}, execution_count: 1, outputs: [
        { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
        { output_type: 'execute_result', data: { 'text/plain': ['42'], 'text/html': ['<b>42</b>'] } },
        { output_type: 'error', ename: 'E', evalue: 'v', traceback: ['E: v'] },
      ] }, { cell_type: 'code', source: 'never run', metadata: {}, execution_count: null, outputs: [] }],
    });
    const [ran, unrun] = parseNotebook(executed).cells;
    assert.equal(ran.code, 'x\ny');
    assert.equal(ran.expected, 'a\nb\n42\nE: v');
    assert.equal(unrun.expected, undefined);
    const written = parseNotebook(withOutputs(parseNotebook(executed), new Map([[2, 'ran now']])));
    assert.deepEqual(written.cells.map((c) => c.expected), ['a\nb\n42\nE: v', 'ran now']);
  });

  test('placeholders absorb ids, times, durations, addresses and the steps of a wait; ... matches anything', () => {
    assert.ok(outputsMatch('Instance:i-0123456789abcdef0 running: done (2s)', 'Instance:i-0fedcba9876543210 running: done (14s)'));
    assert.ok(outputsMatch('Address:203.0.113.7 at 2026-11-28 14:03:07 UTC', 'Address:127.0.1.2 at 2026-11-29 01:00:00 UTC'));
    assert.ok(outputsMatch('Saved the private key to .../paws.pem', 'Saved the private key to /home/me/.ssh/paws.pem'));
    // How many states a wait saw on its way varies with the machine's speed; where it ended does not.
    const waited = (...states: string[]) => [...states.map((s) => `Volume:vol-0123456789abcdef0 available: ${s} (1s)`), "'/dev/sdh'"].join('\n');
    assert.ok(outputsMatch(waited('creating', 'available', 'done'), waited('done')));
    assert.ok(!outputsMatch(waited('creating', 'done'), waited('creating', 'failed')));
    assert.ok(!outputsMatch("'/dev/sdh'", "'/dev/sdf'"));
    assert.ok(!outputsMatch('true', 'false'));
  });
});

describe('paws check and paws notebook on the chapter 2 notebook', () => {
  let sandbox: RunningSandbox;
  const dir = tempDir();
  before(async () => {
    sandbox = await testSandbox();
  });
  after(async () => {
    await sandbox.close();
    dir.remove();
  });

  test('check passes on the notebook as recorded, and deletes what it created', async () => {
    const home = tempDir();
    const file = join(dir.path, 'chapter-2.md');
    copyFileSync(NOTEBOOK, file);
    const result = await runPaws(['check', file], sandbox, home.path);
    home.remove();
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.match(result.stdout, /✔ cell 2 \(line \d+, “2\.1 Launching an instance”\)/);
    assert.match(result.stdout, /check: .*chapter-2\.md: 7 cells, 7 outputs compared, all match/);
    assert.match(result.stdout, /check: deleted what the cells created/);
  });

  for (const chapter of ['chapter-2.ipynb', 'chapter-3.md', 'chapter-3.ipynb']) {
    test(`check passes on ${chapter} as recorded`, async () => {
      const home = tempDir();
      const result = await runPaws(['check', join(NOTEBOOKS, chapter)], sandbox, home.path);
      home.remove();
      assert.equal(result.code, 0, result.stdout + result.stderr);
      assert.match(result.stdout, /all match\n/);
      assert.match(result.stdout, /check: deleted what the cells created/);
    });
  }

  test('check fails, naming the cell and the difference, when an expected output is edited', async () => {
    const home = tempDir();
    const file = join(dir.path, 'edited.md');
    writeFileSync(file, readFileSync(NOTEBOOK, 'utf8').replace("'/dev/sdh'\n```", "'/dev/sdf'\n```"));
    const result = await runPaws(['check', file], sandbox, home.path);
    home.remove();
    assert.equal(result.code, 1, result.stdout + result.stderr);
    assert.match(result.stdout, /✘ cell 6 \(line \d+, “2\.7 A persistent volume”\): the output differs from the one recorded\n  line 2 of the output:\n  - '\/dev\/sdf'\n  \+ '\/dev\/sdh'/);
    assert.match(result.stdout, /check: .*edited\.md: 1 of 7 cells differ or failed/);
  });

  test('stepping in a terminal: Enter runs, s skips, q leaves at the prompt with what was defined', async () => {
    const home = tempDir();
    const paws = spawnPaws(['notebook', NOTEBOOK, '--endpoint', sandbox.endpoint], pawsEnv(home.path, sandboxEnv(sandbox)));
    try {
      await paws.waitFor(/── cell 1\/7 \(line \d+, “1\.3 A quick test”\) ──\npaws> await ec2\.zones\(\)\n\[Enter\] run · s skip · q quit to the prompt/);
      let since = paws.output.length;
      paws.write('\r');
      await paws.waitFor('[Zone:us-east-1a, Zone:us-east-1b, Zone:us-east-1c, Zone:us-east-1d, Zone:us-east-1e, Zone:us-east-1f]', { since });
      await paws.waitFor(/cell 2\/7[^]*launchInstance[^]*\[Enter\] run/, { since });
      since = paws.output.length;
      paws.write('\r');
      await paws.waitFor(/running: done[^]*cell 3\/7[^]*\[Enter\] run/, { since, timeoutMs: 30_000 });
      since = paws.output.length;
      paws.write('s');
      await paws.waitFor(/\(skipped\)\n[^]*cell 4\/7[^]*\[Enter\] run/, { since });
      since = paws.output.length;
      paws.write('q');
      await paws.waitFor(/paws> $/, { since });
      since = paws.output.length;
      paws.write('instance.state\r');
      await paws.waitFor("'running'", { since });
      since = paws.output.length;
      paws.write('.created\r');
      await paws.waitFor(/Created in this session \(3, in cleanup order\):\n +Instance:i-\w+ +us-east-1/, { since });
      since = paws.output.length;
      paws.write('.cleanup -y\r');
      await paws.waitFor('Cleaned up: 3 deleted, nothing left.', { since, timeoutMs: 30_000 });
      paws.write('.exit\r');
      assert.equal(await paws.exitCode(), 0);
    } finally {
      await paws.kill();
      home.remove();
    }
  });

  test('after a failing cell: Enter retries it, s skips it, q leaves at the prompt', async () => {
    const home = tempDir();
    const file = join(dir.path, 'failing.md');
    // The cell fails until `ready` is set: at the prompt (q), or by a retry after the next cell.
    writeFileSync(file, "# Failing\n\n```ts\nlet tries = 0\n```\n\n```ts\nif (++tries < 2) throw new Error('not yet'); 'second try'\n```\n\n```ts\nthrow new Error('always')\n```\n\n```ts\ntries + 40\n```\n");
    const paws = spawnPaws(['notebook', file, '--endpoint', sandbox.endpoint], pawsEnv(home.path, sandboxEnv(sandbox)));
    try {
      await paws.waitFor('cell 1/4');
      let since = paws.output.length;
      paws.write('\r');
      await paws.waitFor(/cell 2\/4[^]*\[Enter\] run/, { since });
      since = paws.output.length;
      paws.write('\r');
      await paws.waitFor(/Error: not yet\n\[Enter\] retry · s skip · q quit to the prompt $/, { since });
      since = paws.output.length;
      paws.write('\r');
      await paws.waitFor(/'second try'\n[^]*cell 3\/4[^]*\[Enter\] run/, { since });
      since = paws.output.length;
      paws.write('\r');
      await paws.waitFor(/Error: always\n\[Enter\] retry/, { since });
      since = paws.output.length;
      paws.write('s');
      await paws.waitFor(/\(skipped\)\n[^]*cell 4\/4[^]*\[Enter\] run/, { since });
      since = paws.output.length;
      paws.write('\r');
      // The cell's value on a line of its own (the terminal may still be ending the key line).
      await paws.waitFor(/(?:^|\n)42\n/, { since });
      await paws.waitFor(/paws> $/, { since });
      paws.write('.exit\r');
      assert.equal(await paws.exitCode(), 0);
    } finally {
      await paws.kill();
      home.remove();
    }

    // q after a failure: the prompt, with what the cells defined.
    const again = spawnPaws(['notebook', file, '--endpoint', sandbox.endpoint], pawsEnv(home.path, sandboxEnv(sandbox)));
    try {
      await again.waitFor('cell 1/4');
      again.write('\r');
      await again.waitFor('cell 2/4');
      let since = again.output.length;
      again.write('\r');
      await again.waitFor('[Enter] retry', { since });
      since = again.output.length;
      again.write('q');
      await again.waitFor(/paws> $/, { since });
      since = again.output.length;
      again.write('tries\r');
      await again.waitFor(/\n1\n/, { since });
      again.write('.exit\r');
      await again.exitCode();
    } finally {
      await again.kill();
    }
  });
});
