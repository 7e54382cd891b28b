/** A paws session on a test sandbox, as the CLI makes one: the prompt's globals, real SDK clients over HTTP. */
import { serviceFolders } from '../../src/helpers/index.js';
import { Session, type SessionOptions } from '../../src/helpers/core/session.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';

export interface SandboxSessionOptions extends SessionOptions {
  /** As `paws --sandbox` makes it (recipes may use the sandbox's endpoint, outbox() its state) rather than `paws --endpoint URL`. @default false */
  embedded?: boolean;
  /** Another account's keys. @default the sandbox's first account */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** `.debug` output is dropped unless `log` is given. */
export function sandboxSession(sandbox: RunningSandbox, { embedded = false, credentials = sandbox.credentials, ...options }: SandboxSessionOptions = {}): Session {
  const { accessKeyId, secretAccessKey } = credentials;
  return new Session(
    {
      region: sandbox.region,
      endpoint: sandbox.endpoint,
      credentials: async () => ({ accessKeyId, secretAccessKey }),
      forcePathStyle: true,
      sandbox: embedded,
      sandboxStateDir: embedded ? async () => sandbox.stateDir : undefined,
      endpointLabel: sandbox.endpoint,
    },
    serviceFolders,
    { log: () => {}, ...options },
  );
}
