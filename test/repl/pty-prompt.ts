/** The built CLI at its prompt in a pseudo-terminal, against an in-process sandbox: what a user sees. */
import { pawsEnv, sandboxEnv, spawnPaws, tempDir, testSandbox, type PtySession } from '../helpers/index.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';

export const PROMPT = 'paws> ';

/** Types a line and waits for the next prompt; returns what was printed in between. */
export async function typeLine(paws: PtySession, line: string, timeoutMs = 10_000): Promise<string> {
  const since = paws.output.length;
  paws.write(`${line}\r`);
  const tail = await paws.waitFor(new RegExp(`\\n${PROMPT}$`), { since, timeoutMs });
  return tail.slice(tail.indexOf('\n') + 1, -PROMPT.length).trim();
}

export interface PromptAtSandbox {
  paws: PtySession;
  sandbox: RunningSandbox;
  home: string;
  close(): Promise<void>;
}

/** paws at its prompt, its banner printed, talking to a fresh sandbox through --endpoint. */
export async function promptAtSandbox(args: string[] = []): Promise<PromptAtSandbox> {
  const sandbox = await testSandbox();
  const home = tempDir();
  const paws = spawnPaws(['--endpoint', sandbox.endpoint, ...args], pawsEnv(home.path, sandboxEnv(sandbox)));
  await paws.waitFor(/paws: account .*\n/);
  return {
    paws,
    sandbox,
    home: home.path,
    async close() {
      paws.kill();
      await sandbox.close();
      home.remove();
    },
  };
}
