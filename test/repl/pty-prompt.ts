/** The built CLI at its prompt in a pseudo-terminal, against a sandbox of its own: what a user sees. */
import type { PtySession } from '../helpers/index.js';

export const PROMPT = 'paws> ';

/** Types a line and waits for the next prompt; returns what was printed in between. */
export async function typeLine(paws: PtySession, line: string, timeoutMs = 10_000): Promise<string> {
  const since = paws.output.length;
  paws.write(`${line}\r`);
  const tail = await paws.waitFor(new RegExp(`\\n${PROMPT}$`), { since, timeoutMs });
  return tail.slice(tail.indexOf('\n') + 1, -PROMPT.length).trim();
}
