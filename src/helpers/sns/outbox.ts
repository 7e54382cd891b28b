/**
 * The sandbox's e-mail outbox, read at the prompt (`outbox()`): SNS e-mail to any address lands as
 * one RFC 822 file per message under `<sandbox state>/sns/outbox/`. Each Email prints as one line;
 * `.body` holds the text, `.links` its links, and `.confirm()` confirms a subscription with the
 * token its confirmation mail carries (SNS's ConfirmSubscription, as on AWS).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import type { SNS } from '@aws-sdk/client-sns';
import { pawsError } from '../core/errors.js';
import type { Session } from '../core/session.js';

/** The SNS client of a region, for confirming a subscription to a topic there. */
export type SnsIn = (region: string) => Promise<SNS>;

export class Email {
  declare private readonly sns?: SnsIn;

  constructor(
    readonly file: string,
    readonly headers: Record<string, string>,
    readonly body: string,
    sns?: SnsIn,
  ) {
    // Not enumerable: an Email prints and serialises as the mail alone.
    Object.defineProperty(this, 'sns', { value: sns, enumerable: false });
  }
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
  /** Confirms the subscription this mail asks about; returns its ARN. */
  async confirm(): Promise<string> {
    const link = this.links.find((l) => l.includes('Action=ConfirmSubscription'));
    if (!link) throw pawsError('NoConfirmationLink', `${this.subject} has no confirmation link`);
    if (!this.sns) throw pawsError('NoClient', 'this mail was read without an SNS client to confirm with; read it with outbox()');
    const params = new URL(link).searchParams;
    const TopicArn = params.get('TopicArn') ?? '';
    const sns = await this.sns(TopicArn.split(':')[3] ?? '');
    const { SubscriptionArn = '' } = await sns.confirmSubscription({ TopicArn, Token: params.get('Token') ?? '' });
    return SubscriptionArn;
  }
  toString(): string {
    return `Email:${this.to} "${this.subject}" ${this.date.toISOString().replace('T', ' ').slice(0, 19)}`;
  }
  [inspect.custom](): string {
    return this.toString();
  }
}

export function parseEmail(file: string, text: string, sns?: SnsIn): Email {
  const split = text.indexOf('\n\n');
  const headers: Record<string, string> = {};
  for (const line of text.slice(0, split).split('\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return new Email(file, headers, text.slice(split + 2).replace(/\n$/, ''), sns);
}

export interface OutboxOptions {
  /** Only mail to this address. */
  to?: string;
  /** The state dir of a sandbox. @default the session's sandbox's */
  stateDir?: string;
}

/** The e-mail a sandbox has sent, oldest first; `sns` confirms subscriptions. */
export function readOutbox(stateDir: string, options: { to?: string; sns?: SnsIn } = {}): Email[] {
  const dir = join(stateDir, 'sns', 'outbox');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml') && !f.startsWith('.'))
    .sort()
    .map((f) => parseEmail(join(dir, f), readFileSync(join(dir, f), 'utf8'), options.sns))
    .filter((m) => !options.to || m.to === options.to);
}

/** The prompt's `outbox({to?, stateDir?})`: the session's sandbox's mail, or another sandbox's. */
export async function outbox(session: Session, options: OutboxOptions = {}): Promise<Email[]> {
  const { connection } = session;
  const stateDir = options.stateDir ?? (connection.sandbox ? await connection.sandboxStateDir?.() : undefined);
  if (!stateDir) {
    throw pawsError(
      'NotSandbox',
      connection.sandbox
        ? 'this sandbox does not say where its state is; pass {stateDir}'
        : "real SNS sends real e-mail; outbox() reads a sandbox's (pass {stateDir} for one)",
    );
  }
  return readOutbox(stateDir, { to: options.to, sns: (region) => session.serviceIn('sns', region) });
}
