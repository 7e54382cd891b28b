/**
 * Where and as whom the service objects talk: region, profile, endpoint, credentials, timeouts.
 * Everything else (AWS_ENDPOINT_URL_<SERVICE>, shared config files, SSO, credential_process) the
 * SDK resolves itself, so paws passes only what the user chose explicitly.
 */

export { isRegionName } from '../../models/region-name.js';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  /** Temporary credentials: the SDK asks again shortly before. */
  expiration?: Date;
}

export interface Connection {
  region: string;
  /** A named profile of the shared config files (--profile). Unset: the SDK's own choice (AWS_PROFILE or default). */
  profile?: string;
  /**
   * One endpoint URL for every service (--endpoint, or the embedded sandbox, whose URL is known
   * only once it has started — hence the promise). Unset: AWS itself, or the SDK's own reading
   * of AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.
   */
  endpoint?: string | (() => Promise<string>);
  /** Fixed credentials (the sandbox's). Unset: the SDK's default provider chain. */
  credentials?: () => Promise<Credentials>;
  /** Connect and request timeout, in seconds (recipe 1.8). Unset: the SDK's defaults. */
  timeoutSeconds?: number;
  /** S3 path-style addressing, needed by endpoints that are not AWS (the sandbox, --endpoint). */
  forcePathStyle: boolean;
  /**
   * True when the service objects talk to paws's own sandbox. Only this says so — never a custom
   * endpoint, which may be any AWS-compatible service.
   */
  sandbox: boolean;
  /** Where the sandbox keeps its state (its e-mail outbox among it), once it has started. */
  sandboxStateDir?: () => Promise<string | undefined>;
  /** How the banner names the endpoint: a URL, or `AWS`. */
  endpointLabel: string;
}

/** The constructor config every SDK client gets from a connection. */
export function clientConfig(c: Connection): Record<string, unknown> {
  const config: Record<string, unknown> = { region: c.region };
  if (c.profile) config.profile = c.profile;
  const endpoint = endpointConfig(c);
  if (endpoint) config.endpoint = endpoint;
  if (c.credentials) config.credentials = c.credentials;
  else if (c.profile && endpoint) config.credentials = profileCredentials(c.profile, { region: c.region, endpoint });
  if (c.forcePathStyle) config.forcePathStyle = true;
  if (c.timeoutSeconds !== undefined) {
    const ms = Math.round(c.timeoutSeconds * 1000);
    config.requestHandler = { connectionTimeout: ms, requestTimeout: ms, throwOnRequestTimeout: true };
  }
  return config;
}

function endpointConfig(c: Connection): unknown {
  const endpoint = c.endpoint;
  if (typeof endpoint === 'function') return async () => ({ url: new URL(await endpoint()) });
  return endpoint;
}

/**
 * A profile's credentials when the endpoint is not AWS's (the sandbox, --endpoint): the STS calls
 * the profile makes (role_arn with source_profile) go to that endpoint too, which the SDK's own
 * chain would send to AWS. The SDK client refreshes them before they expire.
 */
function profileCredentials(profile: string, stsConfig: { region: string; endpoint: unknown }): () => Promise<Credentials> {
  let provider: Promise<() => Promise<Credentials>> | undefined;
  return async () => {
    // Loaded on first use: the prompt must open before any credential provider loads.
    provider ??= import('@aws-sdk/credential-providers').then(({ fromIni }) => fromIni({ profile, clientConfig: stsConfig as { region: string } }));
    return (await provider)();
  };
}
