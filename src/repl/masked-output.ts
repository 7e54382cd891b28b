/**
 * The masking layer on the prompt's output streams: every write to the terminal (the REPL's
 * output, console.log on stdout, console.error on stderr) passes through `maskOutput`, so no path
 * of printing shows a secret the session has seen. `reveal(value)` is the one named way to show
 * one, and says so.
 */
import { inspect } from 'node:util';
import { maskOutput } from '../helpers/core/secrets.js';

type Write = (chunk: any, ...rest: any[]) => boolean;

const masked = new WeakSet<object>();
/** Set while `reveal` writes: the one write that is not masked. */
let revealing = false;

/** Masks every later write to `stream` (once per stream, however many REPLs share it). */
export function maskWrites(stream: NodeJS.WritableStream): void {
  if (masked.has(stream)) return;
  masked.add(stream);
  const s = stream as unknown as { write: Write };
  const write = s.write.bind(stream);
  s.write = (chunk, ...rest) => {
    if (revealing) return write(chunk, ...rest);
    // Binary data (a download piped to stdout) is not text to mask.
    const bytes = typeof chunk === 'string' ? undefined : chunk instanceof Uint8Array && !chunk.includes(0) ? Buffer.from(chunk) : null;
    if (bytes === null) return write(chunk, ...rest);
    const text = bytes ? bytes.toString('utf8') : (chunk as string);
    const shown = maskOutput(text);
    return write(shown === text ? chunk : shown, ...rest);
  };
}

export const REVEAL_WARNING = 'paws: reveal() shows a secret on this terminal only (transcripts, saved scripts and history keep it masked)';

/** `reveal(value)` at the prompt: the value unmasked on `output`, under a line saying what it does. */
export function revealer(output: NodeJS.WritableStream): (value: unknown) => void {
  return (value) => {
    output.write(`${REVEAL_WARNING}\n`);
    revealing = true;
    try {
      output.write(`${typeof value === 'string' ? value : inspect(value, { depth: null })}\n`);
    } finally {
      revealing = false;
    }
  };
}
