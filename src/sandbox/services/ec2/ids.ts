/** EC2 ids. */
import { randomBytes } from 'node:crypto';

/** An EC2 id: prefix, dash, 17 hex digits (`i-0abc…`). */
export function newId(prefix: string): string {
  return `${prefix}-${randomBytes(9).toString('hex').slice(0, 17)}`;
}
