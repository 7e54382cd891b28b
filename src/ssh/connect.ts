/**
 * Opens an authenticated, host-verified ssh2 connection to a target, retrying while the host is
 * still booting (connection refused, timeouts) with a visible countdown. Bounded, and an
 * AbortSignal (Ctrl-C at the prompt) stops the wait.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { AuthMethod, Client } from 'ssh2';
import { PawsError, pawsError } from '../paws-error.js';
import { defaultPolicy, hostKeyCheck, type HostKeyPolicy } from './host-key-policy.js';
import { expandHome } from '../home-paths.js';
import { hostConfig } from './ssh-config.js';
import type { SshTarget } from './target.js';

export interface ConnectOptions extends HostKeyPolicy {
  /** Give up retrying after this long. @default 120_000 */
  retryFor?: number;
  /** Pause between attempts. @default 5_000 */
  retryEvery?: number;
  /** Stops the wait (and an attempt in progress). */
  signal?: AbortSignal;
  /** Where the countdown goes. @default process.stderr */
  log?: NodeJS.WritableStream;
  /** ssh_config files to read. @default ~/.ssh/config and ~/.paws/ssh_config.d/*.conf */
  configFiles?: string[];
  /** ssh-agent socket. @default $SSH_AUTH_SOCK */
  agent?: string;
}

/** The target with ssh_config applied: what is actually dialled. */
export interface ResolvedTarget {
  name: string;
  host: string;
  port: number;
  user: string;
  identityFiles: string[];
  pins: () => Promise<string[]>;
  /** The pins may still come (console output not yet written): an unknown host key is retried. */
  pinsMayCome: boolean;
}

export function resolveTarget(target: SshTarget, configFiles?: string[]): ResolvedTarget {
  const config = hostConfig(target.host, configFiles);
  const explicit = target.identityFile ? [expandHome(target.identityFile)] : [];
  const defaults = ['id_ed25519', 'id_ecdsa', 'id_rsa'].map((f) => join(homedir(), '.ssh', f));
  return {
    name: target.name ?? target.host,
    host: config.hostName ?? target.host,
    port: target.port ?? config.port ?? 22,
    user: target.user ?? config.user ?? userInfo().username,
    identityFiles: [...new Set([...explicit, ...config.identityFiles, ...defaults])].filter((f) => f === explicit[0] || existsSync(f)),
    pins: typeof target.hostKeyPins === 'function' ? target.hostKeyPins : async () => (target.hostKeyPins as string[] | undefined) ?? [],
    pinsMayCome: typeof target.hostKeyPins === 'function',
  };
}

const RETRYABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'HandshakeTimeout']);

export async function connect(target: SshTarget, opts: ConnectOptions = {}): Promise<Client> {
  const t = resolveTarget(target, opts.configFiles);
  const auth = authMethods(t, opts.agent ?? process.env.SSH_AUTH_SOCK);
  const deadline = Date.now() + (opts.retryFor ?? 120_000);
  const log = opts.log ?? process.stderr;
  for (;;) {
    try {
      return await attempt(t, auth, opts);
    } catch (e) {
      const code = errorCode(e);
      const wait = opts.retryEvery ?? 5_000;
      const awaitingPins = code === 'HostKeyUnknown' && t.pinsMayCome;
      if (!(RETRYABLE.has(code) || awaitingPins) || Date.now() + wait > deadline || opts.signal?.aborted) throw explain(e, code, t);
      const reason = awaitingPins
        ? `${t.name}'s host key fingerprints are not in its console output yet`
        : `SSH ${code === 'ECONNREFUSED' ? 'connection refused' : 'connection timed out'} by ${t.name}`;
      await countdown(reason, wait, log, opts.signal);
    }
  }
}

function authMethods(t: ResolvedTarget, agent: string | undefined): AuthMethod[] {
  const keys = t.identityFiles.map((file): AuthMethod => {
    let key: Buffer;
    try {
      key = readFileSync(file);
    } catch {
      throw pawsError('KeyNotFound', `no private key at ${file}; pass identityFile or put the key pair's .pem in ~/.ssh or ~/.paws/keys`);
    }
    return { type: 'publickey', username: t.user, key } as AuthMethod;
  });
  const viaAgent = agent ? [{ type: 'agent', username: t.user, agent } as AuthMethod] : [];
  if (!keys.length && !viaAgent.length) {
    throw pawsError('KeyNotFound', `no key to log into ${t.name} with; pass identityFile, or start ssh-agent and add the key`);
  }
  return [...keys, ...viaAgent];
}

async function attempt(t: ResolvedTarget, authHandler: AuthMethod[], opts: ConnectOptions): Promise<Client> {
  const check = hostKeyCheck(t.host, t.port, t.name, await t.pins(), defaultPolicy(opts));
  const client = new ssh2.Client();
  let refusal: Error | undefined;
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      client.destroy();
      reject(pawsError('Interrupted', `stopped connecting to ${t.name}`));
    };
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    const done = () => opts.signal?.removeEventListener('abort', onAbort);
    client
      // Nagle's algorithm would hold each small packet that follows another (a channel request after
      // its open, window adjustments) until the server's delayed ACK: tens of ms a command.
      .once('connect', () => client.setNoDelay(true))
      .once('ready', () => {
        done();
        resolve(client);
      })
      .once('error', (e) => {
        done();
        client.destroy();
        reject(refusal ?? e);
      })
      .connect({
        host: t.host,
        port: t.port,
        username: t.user,
        authHandler,
        readyTimeout: 20_000,
        keepaliveInterval: 15_000,
        algorithms: { serverHostKey: { prepend: preferredHostKeyAlgorithms(check.knownTypes) } } as never,
        hostVerifier: (key: Buffer) => {
          try {
            check.verify(key);
            return true;
          } catch (e) {
            refusal = e as Error;
            return false;
          }
        },
      });
  });
}

/** Ask for the key type known_hosts already holds, so a host with several keys is verified, not refused. */
function preferredHostKeyAlgorithms(types: string[]): string[] {
  return types.flatMap((t) => (t === 'ssh-rsa' ? ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'] : [t]));
}

function errorCode(e: unknown): string {
  const err = e as NodeJS.ErrnoException & { level?: string };
  if (err.code) return String(err.code);
  if (/timed out while waiting for handshake/i.test(err.message)) return 'HandshakeTimeout';
  return err.level === 'client-authentication' ? 'AuthFailed' : '';
}

function explain(e: unknown, code: string, t: ResolvedTarget): Error {
  if (e instanceof PawsError) return e;
  const where = `${t.user}@${t.host}:${t.port}`;
  if (code === 'AuthFailed') return pawsError('AuthFailed', `${where} refused every key offered (${t.identityFiles.join(', ') || 'ssh-agent'}); check the user name and identityFile`);
  if (RETRYABLE.has(code)) return pawsError('ConnectFailed', `cannot reach ${t.name} at ${where} (${code}); is the instance running and its security group open to port ${t.port}?`);
  return pawsError('SshFailed', `${where}: ${(e as Error).message}`);
}

/** "SSH connection refused, retrying in 5 s", counting down in place. */
async function countdown(reason: string, ms: number, log: NodeJS.WritableStream, signal?: AbortSignal): Promise<void> {
  for (let left = Math.ceil(ms / 1000); left > 0; left--) {
    log.write(`\r\x1b[K${reason}, retrying in ${left} s (Ctrl-C stops)`);
    const stopped = await sleep(Math.min(1000, ms), signal);
    if (stopped) break;
  }
  log.write('\r\x1b[K');
  if (signal?.aborted) throw pawsError('Interrupted', 'stopped waiting for SSH');
}

function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(true);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(false);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(true);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
