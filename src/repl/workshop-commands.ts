/**
 * Dot-commands for workshops: `.created` lists what the session made, `.cleanup` deletes it
 * after a confirmation — on a terminal a checklist to untick what stays — (`.cleanup -y`
 * without), showing progress and what could not go.
 */
import { cleanup } from '../helpers/core/cleanup.js';
import type { TrackedResource } from '../helpers/core/folder.js';
import { canPick, checklist } from '../helpers/core/picker.js';
import type { Session } from '../helpers/core/session.js';
import type { CommandContext } from './commands.js';

export function createdListing(session: Session): string {
  const items = session.tracker.list();
  if (items.length === 0) return 'Nothing created in this session (or all of it was deleted).';
  const lines = items.map((r) => `  ${session.tracker.describe(r)}  ${r.region}`);
  return `Created in this session (${items.length}, in cleanup order):\n${lines.join('\n')}`;
}

export function created(ctx: CommandContext): void {
  ctx.server.output.write(`${createdListing(ctx.session)}\n`);
}

/** Deletes everything tracked (or `only` these), printing progress; returns whether everything went. */
export async function cleanUpAll(session: Session, say: (text: string) => void, only?: readonly TrackedResource[]): Promise<boolean> {
  const count = only?.length ?? session.tracker.list().length;
  if (count === 0) {
    say('Nothing to clean up.');
    return true;
  }
  say(`Cleaning up ${count} resource${count === 1 ? '' : 's'}…`);
  const report = await cleanup(session, { say, only });
  if (report.failed.length === 0) {
    const kept = session.tracker.list().length;
    say(`Cleaned up: ${report.deleted.length} deleted, ${kept ? `${kept} kept (.created lists them)` : 'nothing left'}.`);
    return true;
  }
  say(`${report.deleted.length} deleted; ${report.failed.length} could not be deleted (still listed by .created):`);
  for (const f of report.failed) say(`  ${session.tracker.describe(f.resource)} — ${f.error}`);
  return false;
}

function ask(ctx: CommandContext, question: string): Promise<boolean> {
  return new Promise((resolve) => ctx.server.question(question, (answer) => resolve(/^y(es)?$/i.test(answer.trim()))));
}

export async function cleanupCommand(ctx: CommandContext, arg: string): Promise<void> {
  const say = (text: string) => void ctx.server.output.write(`${text}\n`);
  if (ctx.session.tracker.list().length === 0) return say('Nothing to clean up.');
  if (/^(-y|--yes|yes)$/.test(arg)) return void (await cleanUpAll(ctx.session, say));
  // On the prompt's terminal, a checklist: untick what should stay.
  if (canPick(ctx.server.output)) {
    const items = ctx.session.tracker.list();
    const chosen = await checklist('Delete these? (Space unticks what stays, Enter deletes the ticked, q keeps all)', items.map((r) => ({ label: `${ctx.session.tracker.describe(r)}  ${r.region}`, value: r })));
    if (!chosen?.length) return say('Nothing deleted.');
    return void (await cleanUpAll(ctx.session, say, chosen));
  }
  say(createdListing(ctx.session));
  if (!(await ask(ctx, 'Delete all of these? [y/N] '))) return say('Nothing deleted.');
  await cleanUpAll(ctx.session, say);
}
