/**
 * Every secret a call brings back (a new access key, a session token, key material, a password)
 * and the credentials the client signs with are remembered, so the prompt's output masks them by
 * value whatever prints them later (console.log, JSON.stringify, an Error's message).
 */
import { rememberSecret, rememberSecretsIn } from './secrets.js';

interface SignedClient {
  config?: { credentials?: unknown };
}

export function secretsMiddleware(client: SignedClient) {
  return (next: (args: unknown) => Promise<{ output: unknown }>) => async (args: unknown) => {
    const result = await next(args);
    rememberSecretsIn(result.output);
    // Resolved and cached by the call just made: asking again costs nothing.
    const credentials = client.config?.credentials;
    if (typeof credentials === 'function') {
      const identity = (await Promise.resolve(credentials()).catch(() => undefined)) as { secretAccessKey?: string; sessionToken?: string } | undefined;
      rememberSecret(identity?.secretAccessKey);
      rememberSecret(identity?.sessionToken);
    }
    return result;
  };
}
