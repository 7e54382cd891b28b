/**
 * The command lines of `paws` and `paws sandbox`: node's parseArgs, its errors said in one line
 * that names where the usage is. A leaf module, shared by the CLI and the sandbox's CLI.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { pawsError, type PawsError } from './paws-error.js';

/** `Usage: <what was wrong> (<help>)`, e.g. help `paws --help`. */
export function usageError(message: string, help: string): PawsError {
  return pawsError('Usage', `${message} (${help})`);
}

export function parseCommandLine<T extends ParseArgsConfig>(config: T, help: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw usageError(oneLine((error as Error).message), help);
  }
}

/**
 * node's message in one line: its first sentence (it goes on about positionals after `--`), or,
 * for an option followed by something starting with '-', how to give such a value.
 */
function oneLine(message: string): string {
  const dash = /use '(--[\w-]+)=-XYZ'/.exec(message);
  if (dash) return `${dash[1]} needs a value; one starting with '-' is written ${dash[1]}=-…`;
  return message.split(/\.(?:\s|$)/)[0];
}
