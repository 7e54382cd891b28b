/**
 * Pickers on a terminal, drawn by ink (./live-view.ts): one resource from a list (↑/↓, Enter), or
 * a checklist (Space ticks and unticks, `a` all, Enter confirms). `q`, Esc or Ctrl-C gives up.
 * The keys come through the terminal hand-over, so the prompt gets its terminal back as it was.
 */
import { withTerminal } from '../../ssh/terminal.js';
import { isTerminal, LiveLines } from './live-view.js';

export interface Choice<T> {
  label: string;
  value: T;
}

const KEYS = { up: ['\x1b[A', 'k'], down: ['\x1b[B', 'j'], enter: ['\r', '\n'], toggle: [' '], all: ['a'], cancel: ['q', '\x1b', '\x03'] };
const keyOf = (data: string) => (Object.keys(KEYS) as (keyof typeof KEYS)[]).find((k) => KEYS[k].includes(data));

/** Whether a picker can be shown (on the prompt's terminal). */
export function canPick(out: unknown = process.stdout): boolean {
  return isTerminal(out) && process.stdin.isTTY === true;
}

/** The ticked values (several), or the one under the cursor; undefined when the user gave up. */
async function choose<T>(title: string, choices: Choice<T>[], multiple: boolean): Promise<T[] | undefined> {
  const ticked = new Set(multiple ? choices.map((_, i) => i) : []);
  let cursor = 0;
  return withTerminal({}, (terminal) => {
    const view = new LiveLines(process.stdout);
    const draw = () =>
      view.show([
        title,
        ...choices.map((c, i) => `${i === cursor ? '❯' : ' '} ${multiple ? (ticked.has(i) ? '[x] ' : '[ ] ') : ''}${c.label}`),
      ]);
    draw();
    return new Promise<T[] | undefined>((resolve) => {
      const done = (result: T[] | undefined) => {
        view.end();
        resolve(result);
      };
      terminal.sendKeysTo((data) => {
        const key = keyOf(data.toString());
        if (key === 'up') cursor = (cursor + choices.length - 1) % choices.length;
        else if (key === 'down') cursor = (cursor + 1) % choices.length;
        else if (key === 'toggle' && multiple) ticked.has(cursor) ? ticked.delete(cursor) : ticked.add(cursor);
        else if (key === 'all' && multiple) choices.forEach((_, i) => (ticked.size === choices.length ? ticked.delete(i) : ticked.add(i)));
        else if (key === 'cancel') return done(undefined);
        else if (key === 'enter') return done(multiple ? choices.filter((_, i) => ticked.has(i)).map((c) => c.value) : [choices[cursor].value]);
        draw();
      });
    });
  });
}

/** One of `choices`, or undefined when the user gave up. */
export async function pickOne<T>(title: string, choices: Choice<T>[]): Promise<T | undefined> {
  return (await choose(title, choices, false))?.[0];
}

/** The values the user left ticked (all are ticked at first), or undefined when they gave up. */
export function checklist<T>(title: string, choices: Choice<T>[]): Promise<T[] | undefined> {
  return choose(title, choices, true);
}
