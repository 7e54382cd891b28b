/**
 * What changes between runs of the same notebook — resource ids, times, dates, durations, request
 * ids, addresses, fingerprints — is replaced by placeholders on both sides before comparing; an
 * expected output may also say `...` (or `…`) for "anything here", as doctest's ELLIPSIS. The
 * intermediate states a wait reports are left out on both sides. Paths under the home directory
 * read as `~/…` on both sides, and are recorded so (`portable`): a notebook checked in one HOME
 * passes in any other.
 */
import { homedir } from 'node:os';

const RULES: [RegExp, string][] = [
  [/\x1b\[[0-9;?]*[A-Za-z]/g, ''],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '<uuid>'],
  [/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?/g, '<time>'],
  [/\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d+)?( UTC)?/g, '<time>'],
  [/\b\d{4}-\d{2}-\d{2}\b/g, '<date>'],
  [/\b\d{1,2}:\d{2}:\d{2}\b/g, '<time>'],
  // EC2 ids: i-0abc…, vol-…, snap-…, sg-…, eipalloc-…, ami-…, key-… (8 or 17 hex digits).
  [/\b([a-z]+)-(?:[0-9a-f]{17}|[0-9a-f]{8})\b/g, '$1-<id>'],
  [/\b(?:[0-9a-f]{2}:){15,31}[0-9a-f]{2}\b/g, '<fingerprint>'],
  [/\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g, '<access-key>'],
  [/\b[0-9A-F]{16}\b/g, '<request-id>'],
  [/\b\d{1,3}(\.\d{1,3}){3}\b/g, '<ip>'],
  [/\b\d+(\.\d+)?\s?(ms|s)\b/g, '<duration>'],
];

/** The text with absolute paths under `home` written as `~/…`. */
export function portable(text: string, home = homedir()): string {
  if (home.length < 2) return text;
  const escaped = home.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![\\w./-])${escaped}(?=/|$|[\\s'"\`):,])`, 'gm'), '~');
}

/**
 * A state a wait passed through (`Volume:vol-<id> available: creating (<duration>)`): which ones it
 * sees depends on how fast the cloud is that day, so only the wait's last line (`…: done`) counts.
 */
const WAIT_STEP = /^\w+:\S+ [\w-]+: (?!done )[\w-]+ \(<duration>\)$/;

/** The text with everything that varies between runs replaced, trailing spaces and blank lines gone. */
export function normalize(text: string): string {
  let out = portable(text.replace(/\r/g, ''));
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => !WAIT_STEP.test(l))
    .join('\n')
    .replace(/^\n+|\n+$/g, '');
}

const ELLIPSIS = /\.\.\.|…/;

/** Whether the actual output matches the expected one, placeholders and `...` considered. */
export function outputsMatch(expected: string, actual: string): boolean {
  const want = normalize(expected);
  const got = normalize(actual);
  if (!ELLIPSIS.test(want)) return want === got;
  const pattern = want
    .split(ELLIPSIS)
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*?');
  return new RegExp(`^${pattern}$`).test(got);
}

/** The first line where the two differ, as `-` expected / `+` actual (placeholders applied). */
export function firstDifference(expected: string, actual: string): string {
  const want = normalize(expected).split('\n');
  const got = normalize(actual).split('\n');
  for (let i = 0; i < Math.max(want.length, got.length); i++) {
    if (want[i] !== got[i]) {
      return [`  line ${i + 1} of the output:`, `  - ${want[i] ?? '(nothing)'}`, `  + ${got[i] ?? '(nothing)'}`].join('\n');
    }
  }
  return '  (they differ only where an ellipsis could not stretch)';
}
