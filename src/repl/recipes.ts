/**
 * The book's recipes as scripts under recipes/<chapter>/: found for `.recipes` and `.run NAME`,
 * each described by the first line of its header comment
 * (`Recipe 2.1 Launching an Instance — creates a key pair, a security group and an instance`).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pawsError } from '../helpers/core/errors.js';
import { columns } from './help.js';

/** recipes/ of the paws installation (dist/src/repl → the package root). */
export const RECIPES_DIR = fileURLToPath(new URL('../../../recipes/', import.meta.url));

export interface RecipeFile {
  /** `ec2/launch-instance.ts` */
  name: string;
  path: string;
  /** `2.1` */
  number: string;
  /** The header's first line. */
  summary: string;
}

/** The first line of a script's leading comment. */
export function headerLine(code: string): string {
  const match = /^\s*(?:\/\*\*?([\s\S]*?)\*\/|((?:\/\/.*\n?)+))/.exec(code);
  const body = (match?.[1] ?? match?.[2] ?? '').split('\n').map((l) => l.replace(/^\s*(\*|\/\/)\s?/, '').trim());
  return body.find((l) => l) ?? '';
}

/** Recipe numbers sort as numbers: 2.9 before 2.10. */
function byNumber(a: RecipeFile, b: RecipeFile): number {
  const [a1, a2] = a.number.split('.').map(Number);
  const [b1, b2] = b.number.split('.').map(Number);
  return a1 - b1 || a2 - b2 || a.name.localeCompare(b.name);
}

export function listRecipes(dir = RECIPES_DIR): RecipeFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((name) => {
      const path = join(dir, name);
      const summary = headerLine(readFileSync(path, 'utf8'));
      return { name, path, summary, number: /Recipe (\d+\.\d+)/.exec(summary)?.[1] ?? '99.99' };
    })
    .sort(byNumber);
}

/** `.run` takes a path, or a recipe's name (`ec2/launch-instance`, `launch-instance`). */
export function resolveScript(arg: string, cwd = process.cwd()): string {
  const direct = resolve(cwd, arg);
  if (existsSync(direct)) return direct;
  const name = arg.replace(/\.ts$/, '');
  const recipe = listRecipes().find((r) => r.name.replace(/\.ts$/, '') === name || r.name.replace(/\.ts$/, '').endsWith(`/${name}`));
  if (recipe) return recipe.path;
  throw pawsError('NotFound', `${arg} is neither a file nor a recipe — .recipes lists the recipes`);
}

/** `.recipes`: each recipe's name and header line, in columns as `.help` sizes them to `width`. */
export function recipesListing(width: number, dir = RECIPES_DIR): string {
  const recipes = listRecipes(dir);
  if (recipes.length === 0) return `No recipes in ${dir}`;
  const listing = columns(recipes.map((r) => [r.name, r.summary.replace(/^Recipe /, '')]), width);
  return `${listing}\nRun one with .run NAME (in this session) or paws run ${relative(process.cwd(), dir) || '.'}/NAME.ts`;
}
