/**
 * `paws sandbox outbox [--state DIR] [--to ADDRESS] [--last N]`: prints the e-mail the sandbox's
 * SNS has sent (confirmation requests with their links, notifications), oldest first.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine, usageError } from '../../../command-line.js';
import { OUTBOX } from './delivery.js';

/** `help` names where the usage is, for a bad command line's error. */
export function runOutboxCommand(argv: string[], defaultState: string, help: string): void {
  const { values } = parseCommandLine(
    {
      args: argv,
      options: {
        state: { type: 'string', default: defaultState },
        to: { type: 'string' },
        last: { type: 'string' },
      },
    },
    help,
  );
  if (values.last !== undefined && !/^\d+$/.test(values.last)) throw usageError(`--last takes a number of e-mails, not ${values.last}`, help);
  const dir = join(values.state, ...OUTBOX);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.eml') && !f.startsWith('.')).sort() : [];
  let mails = files.map((f) => readFileSync(join(dir, f), 'utf8'));
  const to = values.to;
  if (to) mails = mails.filter((m) => m.split('\n').includes(`To: ${to}`));
  if (values.last) mails = mails.slice(-Number(values.last));
  if (mails.length === 0) {
    console.log(`The outbox is empty (${dir}).`);
    return;
  }
  console.log(mails.map((m) => m.replace(/^(Message-ID|Content-Type): .*\n/gm, '').trimEnd()).join(`\n${'─'.repeat(72)}\n`));
}
