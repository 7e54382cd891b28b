/**
 * The Jupyter wire protocol (messaging v5.3): a message is a list of ZeroMQ frames —
 * the routing identities, `<IDS|MSG>`, the HMAC-SHA256 of the four JSON parts, then header,
 * parent header, metadata and content (and binary buffers). Messages whose signature does not
 * match the connection's key are refused.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

export const PROTOCOL_VERSION = '5.3';
const DELIMITER = '<IDS|MSG>';

export interface Header {
  msg_id: string;
  session: string;
  username: string;
  date: string;
  msg_type: string;
  version: string;
}

export interface Message {
  identities: Buffer[];
  header: Header;
  parent_header: Partial<Header>;
  metadata: Record<string, unknown>;
  content: Record<string, any>;
  buffers: Buffer[];
}

export class Signer {
  constructor(private readonly key: string) {}

  sign(parts: readonly (string | Buffer)[]): string {
    // An empty key means signing is off (the spec allows it; jupyter never writes one so).
    if (!this.key) return '';
    const hmac = createHmac('sha256', this.key);
    for (const part of parts) hmac.update(part);
    return hmac.digest('hex');
  }

  verify(signature: string, parts: readonly Buffer[]): boolean {
    const expected = Buffer.from(this.sign(parts));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** The message in `frames`, or undefined when it is malformed or not signed with the key. */
export function decode(frames: Buffer[], signer: Signer): Message | undefined {
  const at = frames.findIndex((f) => f.toString() === DELIMITER);
  if (at < 0 || frames.length < at + 6) return undefined;
  const [signature, ...parts] = frames.slice(at + 1);
  const json = parts.slice(0, 4);
  if (!signer.verify(signature.toString(), json)) return undefined;
  try {
    const [header, parent_header, metadata, content] = json.map((p) => JSON.parse(p.toString()));
    return { identities: frames.slice(0, at), header, parent_header, metadata, content, buffers: parts.slice(4) };
  } catch {
    return undefined;
  }
}

/** The frames of a message of `type`, in reply to `parent` (if any), for `identities`. */
export function encode(signer: Signer, session: string, type: string, content: object, parent?: Message, identities: Buffer[] = []): (string | Buffer)[] {
  const header: Header = { msg_id: randomUUID(), session, username: 'paws', date: new Date().toISOString(), msg_type: type, version: PROTOCOL_VERSION };
  const json = [header, parent?.header ?? {}, {}, content].map((part) => JSON.stringify(part));
  return [...identities, DELIMITER, signer.sign(json), ...json];
}
