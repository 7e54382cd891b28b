/** Shared by the S3 tests: a raw SDK client on a sandbox, and a paws session whose recipe output is collected. */
import { S3 } from '@aws-sdk/client-s3';
import type { Session } from '../../src/helpers/core/session.js';
import type { S3Service } from '../../src/helpers/s3/service.js';
import type { RunningSandbox } from '../../src/sandbox/index.js';
import { sandboxSession } from '../helpers/session.js';
import { pythonJson } from '../helpers/python.js';

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

export { boto3Missing } from '../helpers/python.js';

/**
 * Runs `body` (Python, with `s3` a boto3 client on the sandbox and `json` imported); what it
 * assigns to `out` is returned. A ClientError is caught as `{error: code, status}`.
 */
export function boto3(sandbox: { endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string } }, body: string): Promise<any> {
  const script = [
    'import json, sys, boto3, botocore',
    `s3 = boto3.client('s3', endpoint_url=${JSON.stringify(sandbox.endpoint)}, region_name='us-east-1', config=botocore.config.Config(s3={'addressing_style': 'path'}))`,
    'def call(f, **kw):',
    '    try:',
    '        r = f(**kw)',
    "        r.pop('ResponseMetadata', None)",
    '        return r',
    '    except botocore.exceptions.ClientError as e:',
    "        return {'error': e.response['Error']['Code'], 'status': e.response['ResponseMetadata']['HTTPStatusCode']}",
    'out = None',
    body,
    'print(json.dumps(out, default=str))',
  ].join('\n');
  return pythonJson(script, [], { AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey });
}

export { refused } from '../helpers/index.js';
