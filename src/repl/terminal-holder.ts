/**
 * The prompt as the terminal's holder (src/ssh/terminal.ts): a remote shell takes the terminal
 * from it and gives it back the way a terminal prompt runs, raw, with readline reading keys again.
 * Imports no SSH code: the prompt must not load ssh2 at start-up.
 */
import type { REPLServer } from 'node:repl';
import type { ReadStream } from 'node:tty';
import { setTerminalHolder } from '../ssh/terminal.js';
import type { Evaluations } from './evaluation.js';

export function holdTerminal(server: REPLServer, evaluations: Evaluations): void {
  const input = server.input as ReadStream;
  setTerminalHolder({
    release: () => server.pause(),
    restore: () => {
      if (input.isTTY) input.setRawMode(true);
      server.resume();
      // An input awaiting the shell prints its prompt when it settles; a shell started without
      // await (`conn.shell()`) ends with nothing left to do that.
      if (!evaluations.busy) server.displayPrompt();
    },
  });
  server.on('exit', () => setTerminalHolder(undefined));
}
