/**
 * Debian's Python (/usr/bin/python3) beside the SDK: boto3 (python3-boto3) is the third, independent
 * client the sandbox is checked with, and Jupyter's own tools drive the kernel. One way to ask
 * whether a module is there (tests skip, saying so, when it is not) and one way to run a script.
 */
import { execFile, spawnSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

/** False when /usr/bin/python3 imports every module, else why not (for `{ skip }`), naming the packages to install. */
export function pythonLacks(modules: string[], packages: string): false | string {
  const probe = spawnSync(PYTHON, ['-c', `import ${modules.join(', ')}`], { stdio: 'ignore' });
  return probe.status === 0 ? false : `${PYTHON} lacks ${modules.join('/')} (apt-get install ${packages})`;
}

/** Pass as `{ skip: boto3Missing }` to a test. */
export const boto3Missing = pythonLacks(['boto3'], 'python3-boto3');

export interface PythonResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs `script` with `args` as sys.argv[1:], in `env` alone (no inherited AWS settings), to its end. */
export function runPython(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<PythonResult> {
  const base = { PATH: '/usr/bin:/bin', HOME: '/nonexistent', AWS_EC2_METADATA_DISABLED: 'true' };
  return new Promise((resolve) =>
    execFile(PYTHON, ['-c', script, ...args], { env: { ...base, ...env } }, (err, stdout, stderr) => resolve({ stdout, stderr, code: err ? ((err as { code?: number }).code ?? 1) : 0 })),
  );
}

/** Runs `script`, which prints one JSON document, and answers it; a failing script rejects with its stderr. */
export async function pythonJson(script: string, args: string[] = [], env: Record<string, string> = {}): Promise<any> {
  const r = await runPython(script, args, env);
  if (r.code !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}
