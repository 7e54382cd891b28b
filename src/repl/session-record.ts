import { maskOutput } from '../helpers/core/secrets.js';

/**
 * What happened at the prompt, for `.save` and `.transcript`: each input (or recorded
 * dot-command) with everything printed until the next prompt — the value, console.log lines,
 * helpers' progress, the error line — and whether it succeeded.
 */
export interface Entry {
  /** As typed: `await ec2.zones()`, `.region eu-west-1`, `.run recipes/x.ts`. */
  input: string;
  /** The code `.save` writes for it (a `.run` saves the file's code); none for dot-commands. */
  code?: string;
  output: string;
  ok: boolean;
}

const ANSI = /\x1b\[[0-9;?]*[A-Za-z]|\x1b[>=]/g;
/** A live view's redraw (ink's): erase the line, or go up a line. */
const REDRAW = /\x1b\[2K|\x1b\[(\d*)A/g;

/** Lines a live view drew and then erased to draw the next frame are gone, as on the screen. */
function withoutErasedFrames(text: string): string {
  const lines = [''];
  let at = 0;
  for (const match of text.matchAll(REDRAW)) {
    const [first, ...rest] = text.slice(at, match.index).split('\n');
    lines[lines.length - 1] += first;
    lines.push(...rest);
    at = match.index + match[0].length;
    if (match[0] === '\x1b[2K') lines[lines.length - 1] = '';
    else for (let up = Number(match[1] || 1); up > 0 && lines.length > 1; up--) lines.pop();
  }
  const [first, ...rest] = text.slice(at).split('\n');
  lines[lines.length - 1] += first;
  return [...lines, ...rest].join('\n');
}

/** What a terminal would finally show: escapes gone, and `\r` overwrites and redrawn frames applied. */
export function plainText(text: string): string {
  return withoutErasedFrames(text)
    .replace(ANSI, '')
    .split('\n')
    .map((line) => line.replace(/\r+$/, '').split('\r').pop() ?? '')
    .join('\n');
}

/**
 * Dot-commands that change what later inputs do, as the code that does the same in a script:
 * `.save` writes it (after the command as a comment), so `paws run` replays in the same state.
 * Each gets the command's argument and what it printed (so one that was refused is not replayed).
 */
const AS_CODE: Record<string, (arg: string, output: string) => string | undefined> = {
  region: (arg, output) => (arg && output.startsWith(`region ${arg} (`) ? `await setRegion('${arg}')` : undefined),
  profile: (arg, output) => (arg && output.startsWith(`profile ${arg}: `) ? `await setProfile('${arg}')` : undefined),
};

/** The code `.save` writes for a dot-command entry, if it changes state. */
function dotCommandCode(entry: Entry): string | undefined {
  const [, name, arg = ''] = entry.input.trim().match(/^\.(\w+)(?:\s+(.*))?$/) ?? [];
  return name ? AS_CODE[name]?.(arg.trim(), entry.output) : undefined;
}

type Write = (chunk: any, ...rest: any[]) => boolean;

/** The records listening on each tapped stream (several REPLs may share process.stdout). */
const listeners = new WeakMap<object, Set<SessionRecord>>();

export class SessionRecord {
  readonly entries: Entry[] = [];
  /** While an entry is open, what it records is not printed too (`paws check` runs quietly). */
  silent = false;
  private open: (Entry & { chunks: string[] }) | undefined;

  /** Starts an entry unless one is open (a `.run` evaluates through the same path). */
  begin(input: string, code?: string): void {
    if (this.open || !input.trim()) return;
    this.open = { input, code, output: '', ok: true, chunks: [] };
  }

  /** The evaluation failed: the entry is kept for the transcript, never saved. */
  failed(): void {
    if (this.open) this.open.ok = false;
  }

  /** Closes the open entry (called when the next prompt is shown). */
  end(): void {
    const open = this.open;
    if (!open) return;
    this.open = undefined;
    const output = maskOutput(plainText(open.chunks.join('')).replace(/\n+$/, ''));
    this.entries.push({ input: maskOutput(open.input), code: open.code === undefined ? undefined : maskOutput(open.code), ok: open.ok, output });
  }

  /** Copies what `stream` prints into the open entry (it still prints); returns the undo. */
  tap(stream: NodeJS.WritableStream): () => void {
    let records = listeners.get(stream);
    if (!records) {
      const set = new Set<SessionRecord>();
      listeners.set(stream, (records = set));
      const s = stream as unknown as { write: Write };
      const write = s.write.bind(stream);
      s.write = (chunk, ...rest) => {
        const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
        let mute = false;
        for (const r of set) {
          r.open?.chunks.push(text);
          mute ||= r.silent && r.open !== undefined;
        }
        if (!mute) return write(chunk, ...rest);
        const done = rest.find((a) => typeof a === 'function');
        if (done) process.nextTick(done);
        return true;
      };
    }
    records.add(this);
    return () => void records.delete(this);
  }

  /** A script that replays the successful inputs (`.save`). */
  script(header: string): string {
    const lines = [header];
    for (const e of this.entries) {
      if (!e.ok) continue;
      const code = e.code ?? dotCommandCode(e);
      if (code === undefined) lines.push(`// ${e.input}`);
      else if (code.trim() !== e.input.trim()) lines.push(`// ${e.input}`, code.trimEnd());
      else lines.push(code.trimEnd());
    }
    return `${lines.join('\n')}\n`;
  }

  /** The book's way of showing a session: `paws> input`, then what it printed. */
  transcript(prompt = 'paws> '): string {
    const blocks = this.entries.map((e) => {
      const [first, ...more] = e.input.trimEnd().split('\n');
      const typed = [`${prompt}${first}`, ...more.map((l) => `... ${l}`)].join('\n');
      return e.output ? `${typed}\n${e.output}` : typed;
    });
    return `${blocks.join('\n')}\n`;
  }

}
