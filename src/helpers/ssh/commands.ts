/**
 * The prompt's SSH functions. Each takes an Instance, an instance id or a plain target; Ctrl-C at
 * the prompt stops a connection that is still waiting for the instance to boot.
 */
import { shell as shellTo, ssh as sshTo, type RunOptions, type RunResult, type SshConnection, type SshOptions, type TerminalIo } from '../../ssh/index.js';
import { currentSignal } from '../core/call-context.js';
import type { Session } from '../core/session.js';
import { sshTarget, type SshWhere, type TargetOptions } from './target.js';

export type PromptSshOptions = TargetOptions & SshOptions & TerminalIo;

function withSignal(opts: PromptSshOptions): PromptSshOptions {
  return { signal: currentSignal(), ...opts };
}

/** A connection (the book's cmdshell): `run`, `put`, `get`, `shell`, `close`. */
export async function ssh(session: Session, where: SshWhere, opts: PromptSshOptions = {}): Promise<SshConnection> {
  return sshTo(await sshTarget(session, where, opts), withSignal(opts));
}

/** The instance's terminal until its shell exits; then the same prompt. */
export async function shell(session: Session, where: SshWhere, opts: PromptSshOptions = {}): Promise<void> {
  await shellTo(() => sshTarget(session, where, opts), withSignal(opts));
}

async function once<T>(session: Session, where: SshWhere, opts: PromptSshOptions, use: (c: SshConnection) => Promise<T>): Promise<T> {
  const conn = await ssh(session, where, opts);
  try {
    return await use(conn);
  } finally {
    conn.close();
  }
}

export function run(session: Session, where: SshWhere, command: string, opts: PromptSshOptions & RunOptions = {}): Promise<RunResult> {
  return once(session, where, opts, (c) => c.run(command, opts));
}

export function put(session: Session, where: SshWhere, local: string, remote: string, opts: PromptSshOptions = {}): Promise<void> {
  return once(session, where, opts, (c) => c.put(local, remote));
}

export function get(session: Session, where: SshWhere, remote: string, local: string, opts: PromptSshOptions = {}): Promise<void> {
  return once(session, where, opts, (c) => c.get(remote, local));
}
