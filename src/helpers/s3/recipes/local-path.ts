/** Local paths as the chapter-3 recipes take them: `~` and `$VAR` expanded, as the book's os.path.expanduser/expandvars. */
import { homedir } from 'node:os';

export function expandPath(path: string): string {
  return path.replace(/^~(?=$|\/)/, homedir()).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m);
}
