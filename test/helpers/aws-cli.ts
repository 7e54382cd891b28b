/**
 * Runs Debian's AWS CLI (/usr/bin/aws; an older `aws` may come first on PATH) against a sandbox:
 * a second, independent client. Tests skip, saying so, when it is not installed.
 * Asynchronous, because the sandbox under test usually runs in the test's own event loop.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';

export const AWS_CLI = '/usr/bin/aws';
/** Pass as `{ skip: awsCliMissing }` to a test. */
export const awsCliMissing = existsSync(AWS_CLI) ? false : `${AWS_CLI} is not installed (apt-get install awscli)`;

export interface Endpoint {
  endpoint: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
}

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number;
  json(): any;
}

export function awsCli(sandbox: Endpoint, args: string[], opts: { region?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  const home = mkdtempSync(join(tmpdir(), 'paws-awscli-'));
  const argv = ['--endpoint-url', sandbox.endpoint, '--output', 'json', ...args];
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: home,
    AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
    AWS_REGION: opts.region ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    ...opts.env,
  };
  return new Promise((resolve) => {
    execFile(AWS_CLI, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      rmSync(home, { recursive: true, force: true });
      const status = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ stdout, stderr, status, json: () => JSON.parse(stdout) });
    });
  });
}

/** The error code the AWS CLI printed: `An error occurred (Code) when calling…`. */
export const cliError = (r: CliResult) => /An error occurred \(([^)]+)\)/.exec(r.stderr)?.[1];
