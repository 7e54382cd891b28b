/**
 * Jupyter's own clients against `paws kernel`: the Debian packages' Python (jupyter_client,
 * jupyter_kernel_test, nbclient) and jupyter-console. A kernelspec is installed into a Jupyter
 * data directory of the test's own, pointing paws at the test's sandbox.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { PAWS_BIN, pawsEnv, REPO, sandboxEnv, spawnInPty, tempDir, type PtySession } from '../helpers/index.js';
import { PYTHON, pythonLacks } from '../helpers/python.js';

export const JUPYTER_CONSOLE = '/usr/bin/jupyter-console';
export const SCRIPTS = join(REPO, 'test', 'kernel');

/** Why the Jupyter tests cannot run here, or false. */
export function jupyterMissing(modules = ['jupyter_client', 'jupyter_kernel_test', 'nbclient', 'nbformat']): string | false {
  return pythonLacks(modules, 'python3-jupyter-client python3-jupyter-kernel-test python3-nbclient jupyter-console');
}

export interface JupyterHome {
  /** The environment with HOME, JUPYTER_DATA_DIR and the sandbox's keys. */
  env: Record<string, string>;
  home: string;
  remove(): void;
}

/** A HOME whose Jupyter knows the `paws` kernel, started with `options` against `sandbox`. */
export function jupyterHome(sandbox: RunningSandbox, options: string[] = []): JupyterHome {
  const dir = tempDir('paws-jupyter-');
  const env = pawsEnv(dir.path, { ...sandboxEnv(sandbox), JUPYTER_DATA_DIR: join(dir.path, 'jupyter'), JUPYTER_RUNTIME_DIR: join(dir.path, 'runtime'), PYTHONWARNINGS: 'ignore' });
  const install = spawnSync(process.execPath, [PAWS_BIN, 'kernel', 'install', '--user', '--endpoint', sandbox.endpoint, ...options], { env, encoding: 'utf8' });
  if (install.status !== 0) throw new Error(`paws kernel install failed: ${install.stderr}`);
  return { env, home: dir.path, remove: dir.remove };
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of this folder's Python scripts. */
export function python(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(PYTHON, [join(SCRIPTS, script), ...args], { env, cwd: env.HOME });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export interface CellSpec {
  code: string;
  /** Interrupt the kernel this many seconds into the cell. */
  interrupt_after?: number;
  /** What to type when the cell asks. */
  answer?: string;
  /** Restart the kernel (a new process) before the cell. */
  restart_first?: boolean;
}

export type Output =
  | { type: 'stream'; name: 'stdout' | 'stderr'; text: string }
  | { type: 'execute_result' | 'display_data'; data: Record<string, string> }
  | { type: 'error'; ename: string; traceback: string[] };

export interface CellRun {
  status: string;
  outputs: Output[];
  prompts: string[];
}

/** Runs the cells in a `paws` kernel as a notebook frontend does, then shuts it down. */
export async function driveKernel(env: Record<string, string>, cells: CellSpec[]): Promise<CellRun[]> {
  const run = await python('drive.py', ['paws', JSON.stringify(cells)], env);
  if (run.code !== 0) throw new Error(`drive.py failed (${run.code}): ${run.stderr}`);
  return (JSON.parse(run.stdout) as { cells: CellRun[] }).cells;
}

/** A cell's printed text (streams), as one string. */
export const printed = (cell: CellRun) => cell.outputs.flatMap((o) => (o.type === 'stream' ? [o.text] : [])).join('');
/** The data of a cell's execute_result. */
export const result = (cell: CellRun) => cell.outputs.find((o) => o.type === 'execute_result') as Extract<Output, { data: unknown }> | undefined;

/** jupyter-console on the `paws` kernel in a pseudo-terminal. */
export function jupyterConsole(env: Record<string, string>): PtySession {
  return spawnInPty(JUPYTER_CONSOLE, ['--kernel', 'paws'], { env, cwd: env.HOME, waitMs: 30_000 });
}
