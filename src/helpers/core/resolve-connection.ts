/**
 * Works out the connection from flags and the environment AWS users already have, without
 * contacting anything: the prompt must open at once. Whether credentials exist is judged from
 * cheap signals (environment, shared config files, running on EC2); the SDK's own provider chain
 * resolves them on the first call. With no source at all, paws uses its embedded sandbox.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from './connection.js';
import { pawsError } from './errors.js';

export interface ConnectionFlags {
  profile?: string;
  region?: string;
  endpoint?: string;
  timeoutSeconds?: number;
  /** Use the embedded sandbox even if credentials exist. */
  sandbox?: boolean;
}

export interface ResolvedConnection {
  connection: Connection;
  /** Set when paws must start its sandbox (and fill in endpoint and credentials): why. */
  sandboxReason?: string;
}

type Env = Record<string, string | undefined>;

/** Profile settings that yield credentials (keys, SSO, assumed roles, external processes). */
const CREDENTIAL_SETTINGS = [
  'aws_access_key_id',
  'sso_session',
  'sso_start_url',
  'role_arn',
  'credential_process',
  'web_identity_token_file',
  'login_session',
];

interface Profiles {
  /** The chosen profile's settings, if it exists. */
  settings?: Record<string, string>;
  /** Every profile of the shared config and credentials files. */
  names: string[];
}

async function profileSettings(env: Env, profile: string): Promise<Profiles> {
  const files = [env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'), env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config')];
  if (!files.some((f) => existsSync(f))) return { names: [] };
  // Only loaded when a file exists: most sandbox users have none, and the prompt should not wait.
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const merged = { ...configFile[profile], ...credentialsFile[profile] };
  const names = [...new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)])].filter((n) => !/^(sso-session|services)\./.test(n)).sort();
  return { settings: Object.keys(merged).length ? (merged as Record<string, string>) : undefined, names };
}

/** The profiles of the shared config files (`--profile` completion). */
export async function profileNames(env: Env = process.env): Promise<string[]> {
  return (await profileSettings(env, 'default')).names;
}

/** EC2 instances say so in their DMI data; their role's credentials come from the metadata service. */
function onEc2(env: Env): boolean {
  if (env.AWS_EC2_METADATA_DISABLED === 'true') return false;
  try {
    return /Amazon EC2/i.test(readFileSync('/sys/devices/virtual/dmi/id/sys_vendor', 'utf8'));
  } catch {
    return false;
  }
}

function hasCredentialSource(env: Env, explicitProfile: boolean, settings: Record<string, string> | undefined): boolean {
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return true;
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE || env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return true;
  // A profile named on purpose is never silently replaced by the sandbox: its errors are shown.
  if (explicitProfile) return true;
  if (settings && CREDENTIAL_SETTINGS.some((k) => k in settings)) return true;
  return onEc2(env);
}

export async function resolveConnection(flags: ConnectionFlags, env: Env = process.env): Promise<ResolvedConnection> {
  const profileName = flags.profile ?? env.AWS_PROFILE ?? 'default';
  const explicitProfile = Boolean(flags.profile ?? env.AWS_PROFILE);
  const profiles = flags.sandbox ? { names: [] } : await profileSettings(env, profileName);
  const settings = profiles.settings;
  // A profile named on purpose that does not exist would fail every call with "Could not load credentials".
  if (explicitProfile && !flags.sandbox && !settings && !(env.AWS_ACCESS_KEY_ID && !flags.profile)) {
    const known = profiles.names.length ? `profiles: ${profiles.names.join(', ')}` : 'no profiles exist (aws configure makes one)';
    throw pawsError('ProfileNotFound', `no profile ${profileName} in ~/.aws/config or ~/.aws/credentials — ${known}`);
  }
  const region = flags.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? settings?.region ?? 'us-east-1';
  const base = { region, timeoutSeconds: flags.timeoutSeconds };

  const sandboxReason = flags.sandbox
    ? '--sandbox'
    : !flags.endpoint && !hasCredentialSource(env, explicitProfile, settings)
      ? 'no AWS credentials found'
      : undefined;
  if (sandboxReason) {
    return { sandboxReason, connection: { ...base, forcePathStyle: true, sandbox: true, endpointLabel: 'sandbox (starting)' } };
  }
  const perService = Object.keys(env).some((k) => k.startsWith('AWS_ENDPOINT_URL_') && env[k]);
  const endpoint = flags.endpoint ?? env.AWS_ENDPOINT_URL;
  return {
    connection: {
      ...base,
      profile: flags.profile,
      // The SDK reads AWS_ENDPOINT_URL[_SERVICE] itself; pass only the flag.
      endpoint: flags.endpoint,
      forcePathStyle: Boolean(endpoint || env.AWS_ENDPOINT_URL_S3),
      sandbox: false,
      endpointLabel: endpoint ?? (perService ? 'AWS_ENDPOINT_URL_<SERVICE>' : 'AWS'),
    },
  };
}

/** The profile the SDK will use, for the banner. */
export function profileLabel(connection: Connection, env: Env = process.env): string {
  return connection.profile ?? env.AWS_PROFILE ?? 'default';
}
