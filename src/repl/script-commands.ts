/**
 * Dot-commands about scripts: `.run FILE` (in this session, its variables stay defined),
 * `.recipes`, `.save FILE` (the successful inputs, replayable with `paws run`) and
 * `.transcript FILE` (book-style: `paws> input`, then what it printed).
 */
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { Recoverable } from 'node:repl';
import { whereLine } from './banner.js';
import type { CommandContext } from './commands.js';
import { recipesListing, resolveScript } from './recipes.js';
import { page } from './pager.js';
import { located } from './typescript.js';
import { createWriter } from './writer.js';
import { pawsError } from '../helpers/core/errors.js';

/**
 * Evaluates a script's text in the REPL's own context, so what it defines stays defined. The value
 * comes boxed: a Promise the code left un-awaited is shown as the prompt shows it, not awaited.
 */
export function evaluateIn(ctx: CommandContext, code: string, file: string): Promise<{ value: unknown }> {
  return new Promise((resolve, reject) => {
    ctx.server.eval(code, ctx.server.context, file, (error, value) => {
      // At the end of a script, "unfinished input" is a syntax error.
      if (error) reject(located(error instanceof Recoverable ? error.err : error, file));
      else resolve({ value });
    });
  });
}

export async function run(ctx: CommandContext, arg: string): Promise<void> {
  if (!arg) throw usage('.run FILE (a path, or a recipe name from .recipes)');
  const file = resolveScript(arg);
  const code = readFileSync(file, 'utf8');
  ctx.record.begin(`.run ${arg}`, code);
  try {
    // A script's final Promise is awaited, as paws run does.
    const value = await (await evaluateIn(ctx, code, file)).value;
    if (value !== undefined) ctx.server.output.write(`${createWriter()(value)}\n`);
  } catch (error) {
    ctx.record.failed();
    throw error;
  }
}

/** `.recipes`, paged like `.help` when longer than the screen. */
export function recipes(ctx: CommandContext): Promise<void> {
  const { output } = ctx.server;
  return page(recipesListing((output as { columns?: number }).columns ?? 80), output);
}

export function save(ctx: CommandContext, arg: string): void {
  if (!arg) throw usage('.save FILE');
  const header = `// paws session saved ${new Date().toISOString()} (${whereLine(ctx.session)}); replay: paws run ${arg}`;
  writePrivate(arg, ctx.record.script(header));
  const count = ctx.record.entries.filter((e) => e.ok && e.code !== undefined).length;
  ctx.server.output.write(`Saved ${count} input${count === 1 ? '' : 's'} to ${arg}\n`);
}

export function transcript(ctx: CommandContext, arg: string): void {
  if (!arg) throw usage('.transcript FILE');
  writePrivate(arg, ctx.record.transcript());
  ctx.server.output.write(`Wrote the transcript of ${ctx.record.entries.length} input(s) to ${arg}\n`);
}

/** Session output may hold what only its owner should read: 0600, also when the file existed. */
function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600);
}

function usage(text: string): Error {
  return pawsError('Usage', text);
}
