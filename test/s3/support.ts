/** Shared by the S3 tests: a raw SDK client on a sandbox, and a paws session whose recipe output is collected. */
import { S3 } from '@aws-sdk/client-s3';
import type { Session } from '../../src/helpers/core/session.js';
import type { S3Service } from '../../src/helpers/s3/service.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { sandboxSession } from '../helpers/session.js';

/** A path-style SDK client on a sandbox endpoint, with its keys (or another account's). */
export function s3Client(sandbox: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } }, extra: Record<string, unknown> = {}): S3 {
  return new S3({ endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials, forcePathStyle: true, ...extra });
}

export interface TestSession {
  session: Session;
  s3: S3Service;
  /** Lines the recipes printed since the last `take()`. */
  take(): string[];
}

export async function s3Session(sandbox: RunningSandbox, credentials = sandbox.credentials): Promise<TestSession> {
  let text = '';
  const session = sandboxSession(sandbox, { embedded: true, credentials, out: { write: (chunk: string) => (text += chunk), isTTY: false } });
  return {
    session,
    s3: await session.service('s3'),
    take() {
      const lines = text.split('\n').filter(Boolean);
      text = '';
      return lines;
    },
  };
}

/** Calls a prompt helper by name, as typing `name(...args)` at the prompt does. */
export function helper(t: TestSession, name: string): (...args: any[]) => Promise<any> {
  return t.session.globals()[name] as (...args: any[]) => Promise<any>;
}
