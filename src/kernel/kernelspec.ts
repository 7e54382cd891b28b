/**
 * `paws kernel install [--user] [options]`: writes the kernelspec that makes Jupyter start
 * `paws kernel {connection_file}` with the same options (a profile, a region, --sandbox…), into
 * Jupyter's data directory (--user) or the system's (/usr/local/share/jupyter).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../bin/paws.js', import.meta.url));

/** Where `jupyter kernelspec list` looks: JUPYTER_DATA_DIR, else the XDG data home's jupyter. */
function kernelsDir(user: boolean): string {
  if (!user) return '/usr/local/share/jupyter/kernels';
  const data = process.env.JUPYTER_DATA_DIR || join(process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
  return join(data, 'kernels');
}

/** Writes the kernelspec; `options` are the paws options the kernel starts with. Returns its folder. */
export function installKernelspec(user: boolean, options: string[]): string {
  const dir = join(kernelsDir(user), 'paws');
  mkdirSync(dir, { recursive: true });
  const spec = {
    argv: [process.execPath, BIN, 'kernel', '{connection_file}', ...options],
    display_name: 'paws (TypeScript, AWS)',
    language: 'typescript',
    interrupt_mode: 'message',
    metadata: { debugger: false },
  };
  writeFileSync(join(dir, 'kernel.json'), `${JSON.stringify(spec, null, 2)}\n`);
  return dir;
}
