/**
 * A connection to one host (the book's cmdshell): run commands, copy files over SFTP, open the
 * interactive shell, close.
 */
import { basename } from 'node:path';
import { inspect } from 'node:util';
import { statSync } from 'node:fs';
import type { Client, ClientChannel, SFTPWrapper } from 'ssh2';
import { connect, type ConnectOptions } from './connect.js';
import { PawsError, pawsError } from '../paws-error.js';
import { remoteShell } from './interactive.js';
import { collectText } from './stream-text.js';
import { withTerminal, type TerminalIo } from './terminal.js';
import type { SshTarget } from './target.js';

export interface RunResult {
  stdout: string;
  stderr: string;
  /** The command's exit status; null when it died of a signal or the connection dropped. */
  exitCode: number | null;
  signal?: string;
}

/**
 * At the prompt a command's result prints as what the command printed, then its exit status —
 * not as an object of strings full of `\n`. Its fields stay as they are for code.
 */
function shownAsText(result: RunResult): RunResult {
  // Built when shown, not for every result: a large output's copy costs as much as its transfer.
  const text = () => {
    const status = result.signal ? `(killed by ${result.signal})` : `(exit ${result.exitCode ?? 'unknown: the connection dropped'})`;
    return [result.stdout, result.stderr].filter(Boolean).map((t) => (t.endsWith('\n') ? t.slice(0, -1) : t)).concat(status).join('\n');
  };
  return Object.defineProperty(result, inspect.custom, { value: text, enumerable: false });
}

export interface RunOptions {
  /** Also copy the output live to these streams (`true`: process.stdout/stderr). @default false */
  stream?: boolean | { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream };
  /** Sent to the command's stdin, which is then closed. */
  stdin?: string | Buffer;
  /** Allocate a pseudo-terminal (for commands that want one). @default false */
  pty?: boolean;
  /**
   * Stops the command: it is sent SIGINT and its channel closed (a host that ignores the signal
   * hangs the command up), and the run rejects with an AbortError.
   */
  signal?: AbortSignal;
  /** Hears at once what the command had printed when `signal` stopped it (unless it was streamed live). */
  onAbort?: (printed: { stdout: string; stderr: string }) => void;
}

export class SshConnection {
  private sftpSession?: Promise<SFTPWrapper>;

  constructor(
    readonly client: Client,
    readonly target: SshTarget,
    /** What a run leaves out takes these: at the prompt, Ctrl-C of the input running it, and where its output then goes. */
    private readonly runDefaults: () => Pick<RunOptions, 'signal' | 'onAbort'> = () => ({}),
  ) {}

  run(command: string, options: RunOptions = {}): Promise<RunResult> {
    const opts = { ...this.runDefaults(), ...options };
    const live = opts.stream === true ? { stdout: process.stdout, stderr: process.stderr } : opts.stream || undefined;
    const { signal } = opts;
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.client.exec(command, { pty: opts.pty ?? false }, (err, channel) => {
        if (err) return reject(pawsError('ExecFailed', `${this.name}: ${err.message}`));
        const stdout = collectText(channel, live?.stdout);
        const stderr = collectText(channel.stderr, live?.stderr);
        const result: Pick<RunResult, 'exitCode' | 'signal'> = { exitCode: null };
        channel.on('exit', (code: number | null, killedBy?: string) => {
          result.exitCode = code;
          if (killedBy) result.signal = killedBy;
        });
        const interrupt = () => {
          if (!live) opts.onAbort?.({ stdout: stdout(), stderr: stderr() });
          sendSignal(channel, 'INT');
          channel.close();
          reject(signal!.reason);
        };
        signal?.addEventListener('abort', interrupt, { once: true });
        channel.on('close', () => {
          signal?.removeEventListener('abort', interrupt);
          resolve(shownAsText({ stdout: stdout(), stderr: stderr(), ...result }));
        });
        channel.end(opts.stdin);
      });
    });
  }

  /** Copies a local file to the host; a remote path ending in `/` names a directory. Relative paths are from the login home. */
  async put(local: string, remote: string): Promise<void> {
    const sftp = await this.sftp();
    const dest = remote.endsWith('/') ? remote + basename(local) : remote;
    await new Promise<void>((resolve, reject) => sftp.fastPut(local, dest, (e) => (e ? reject(this.transferError('put', e, dest)) : resolve())));
  }

  /** Copies a remote file here; a local directory receives it under its own name. */
  async get(remote: string, local: string): Promise<void> {
    const sftp = await this.sftp();
    const dest = isDirectory(local) ? `${local.replace(/\/$/, '')}/${basename(remote)}` : local;
    await new Promise<void>((resolve, reject) => sftp.fastGet(remote, dest, (e) => (e ? reject(this.transferError('get', e, remote)) : resolve())));
  }

  /** The remote terminal, until its shell exits; resolves with the exit code. */
  shell(io: TerminalIo = {}): Promise<number | null> {
    return withTerminal(io, (terminal) => remoteShell(this.client, terminal));
  }

  close(): void {
    this.client.end();
  }

  private get name(): string {
    return this.target.name ?? this.target.host;
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpSession ??= new Promise((resolve, reject) =>
      this.client.sftp((e, s) => (e ? reject(pawsError('SftpFailed', `${this.name} offers no SFTP: ${e.message}`)) : resolve(s))),
    );
    return this.sftpSession;
  }

  private transferError(op: string, e: Error, path: string): PawsError {
    return pawsError('TransferFailed', `${op} ${path} on ${this.name}: ${e.message}`);
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SshConnection:${this.target.user ?? ''}${this.target.user ? '@' : ''}${this.name}`;
  }
}

/**
 * Sends `signal` to the command of `channel`. ssh2's channel.signal() sends nothing once the
 * command's stdin has ended (it asks whether the stream is still writable), though SSH allows the
 * request then; run() ends stdin at once, so this sends it as signal() would.
 */
function sendSignal(channel: ClientChannel, signal: string): void {
  const c = channel as unknown as { outgoing?: { id: number; state: string }; _client?: { _protocol?: { signal?(id: number, name: string): void } } };
  const protocol = c._client?._protocol;
  // Another ssh2 than the one this was written against: its own signal(), whatever it sends.
  if (!c.outgoing || typeof protocol?.signal !== 'function') return channel.signal(signal);
  if (c.outgoing.state === 'open' || c.outgoing.state === 'eof') protocol.signal(c.outgoing.id, signal);
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

export interface SshOptions extends ConnectOptions {
  /** What each run() on the connection leaves out takes (the prompt: its current input's signal, and where an interrupted run's output goes). */
  runDefaults?: () => Pick<RunOptions, 'signal' | 'onAbort'>;
}

/** Connects (retrying while the host boots) and returns the connection. */
export async function ssh(target: SshTarget, opts: SshOptions = {}): Promise<SshConnection> {
  return new SshConnection(await connect(target, opts), target, opts.runDefaults);
}

/**
 * Drops into the target's terminal and returns when its shell exits. The terminal is the remote's
 * from the start (finding the target, given as a function, included): keys typed while connecting
 * go to the remote shell, Ctrl-C stops connecting.
 */
export function shell(target: SshTarget | (() => Promise<SshTarget>), opts: SshOptions & TerminalIo = {}): Promise<number | null> {
  return withTerminal(opts, async (terminal) => {
    const signal = opts.signal ? AbortSignal.any([opts.signal, terminal.signal]) : terminal.signal;
    const conn = await ssh(typeof target === 'function' ? await target() : target, { ...opts, signal });
    try {
      return await remoteShell(conn.client, terminal);
    } finally {
      conn.close();
    }
  });
}
