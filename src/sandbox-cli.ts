/** `paws sandbox …`, without the REPL's modules (bin/paws.js says why). */
import { errorLine } from './helpers/core/errors.js';

export async function main(argv: string[]): Promise<void> {
  const { runSandboxCommand } = await import('./sandbox/cli.js');
  return runSandboxCommand(argv.slice(1)).catch((error) => {
    process.stderr.write(`${errorLine(error)}\n`);
    process.exit(1);
  });
}
