/**
 * The sandbox's e-mail outbox, read at the prompt (`outbox()`): SNS e-mail to any address lands as
 * one RFC 822 file per message under `<sandbox state>/sns/outbox/`. Each Email prints as one line;
 * `.body` holds the text, `.links` its links, and `.confirm()` follows a confirmation link.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { Session } from '../core/session.js';
import { pawsError } from '../core/errors.js';

export class Email {
  constructor(
    readonly file: string,
    readonly headers: Record<string, string>,
    readonly body: string,
  ) {}
  get to(): string {
    return this.headers.to ?? '';
  }
  get subject(): string {
    return this.headers.subject ?? '';
  }
  get date(): Date {
    return new Date(this.headers.date ?? 0);
  }
  get links(): string[] {
    return this.body.match(/https?:\/\/\S+/g) ?? [];
  }
  /** Follows the subscription confirmation link (only to a loopback sandbox); returns the subscription ARN. */
  async confirm(): Promise<string> {
    const link = this.links.find((l) => l.includes('Action=ConfirmSubscription'));
    if (!link) throw pawsError('NoConfirmationLink', `${this.subject} has no confirmation link`);
    if (!/^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])[:/]/.test(link)) throw pawsError('NotSandbox', 'the link leaves this machine; open it in a browser yourself');
    const res = await fetch(link);
    const text = await res.text();
    if (!res.ok) throw new Error(`${/<Code>([^<]+)/.exec(text)?.[1] ?? res.status}: ${/<Message>([^<]+)/.exec(text)?.[1] ?? 'confirmation failed'}`);
    return /<SubscriptionArn>([^<]+)/.exec(text)?.[1] ?? '';
  }
  toString(): string {
    return `Email:${this.to} "${this.subject}" ${this.date.toISOString().replace('T', ' ').slice(0, 19)}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export function parseEmail(file: string, text: string): Email {
  const split = text.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, split).split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return new Email(file, headers, text.slice(split + 2).replace(/\n$/, ''));
}

/** The outbox of a sandbox state dir (the embedded sandbox's unless PAWS_SANDBOX_STATE names another). */
export function outboxDir(stateDir = process.env.PAWS_SANDBOX_STATE ?? join(homedir(), '.paws', 'sandbox')): string {
  return join(stateDir, 'sns', 'outbox');
}

export interface OutboxOptions {
  /** Only mail to this address. */
  to?: string;
  /** The sandbox's state dir. @default ~/.paws/sandbox */
  stateDir?: string;
}

/** The e-mail the sandbox has sent, oldest first. */
export function readOutbox(options: OutboxOptions = {}): Email[] {
  const dir = outboxDir(options.stateDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
    .sort()
    .map((f) => parseEmail(join(dir, f), readFileSync(join(dir, f), 'utf8')))
    .filter((m) => !options.to || m.to === options.to);
}

/** The prompt's `outbox({to?})`. */
export function outbox(session: Session, options: OutboxOptions = {}): Email[] {
  if (!session.connection.sandbox && !options.stateDir && !process.env.PAWS_SANDBOX_STATE) {
    throw pawsError('NotSandbox', 'real SNS sends real e-mail; outbox() reads the sandbox\'s (pass {stateDir} for another sandbox)');
  }
  return readOutbox(options);
}
