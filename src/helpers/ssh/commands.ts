/**
 * The prompt's SSH functions. Each takes an Instance, an instance id or a plain target; Ctrl-C at
 * the prompt stops a connection that is still waiting for the instance to boot.
 */
import { shell as shellTo, ssh as sshTo, type RunOptions, type RunResult, type SshConnection, type SshOptions, type TerminalIo } from '../../ssh/index.js';
import { currentSignal } from '../core/call-context.js';
import { reporterFor } from '../core/reporter.js';
import { pawsError } from '../core/errors.js';
import { canPick, pickOne } from '../core/picker.js';
import type { Instance } from '../ec2/instance.js';
import type { Session } from '../core/session.js';
import { sshTarget, type SshWhere, type TargetOptions } from './target.js';

export type PromptSshOptions = TargetOptions & SshOptions & TerminalIo;

/**
 * Ctrl-C stops connecting, and later stops whatever run() the input being evaluated then makes;
 * what that command had printed is shown above the prompt's Interrupted line.
 */
function promptOptions(session: Session, opts: PromptSshOptions): PromptSshOptions {
  const onAbort = (printed: { stdout: string; stderr: string }) => {
    const text = [printed.stdout, printed.stderr].filter(Boolean).map((t) => t.replace(/\n$/, '')).join('\n');
    if (text) reporterFor(session).say(text);
  };
  return { signal: currentSignal(), runDefaults: () => ({ signal: currentSignal(), onAbort }), ...opts };
}

/** A connection (the book's cmdshell): `run`, `put`, `get`, `shell`, `close`. */
export async function ssh(session: Session, where: SshWhere, opts: PromptSshOptions = {}): Promise<SshConnection> {
  return sshTo(await sshTarget(session, where, opts), promptOptions(session, opts));
}

/**
 * The instance's terminal until its shell exits; then the same prompt. Given no instance, it
 * offers the running ones to pick from (on a terminal; elsewhere it names them).
 */
export async function shell(session: Session, where?: SshWhere, opts: PromptSshOptions = {}): Promise<void> {
  const chosen = where ?? (await pickRunningInstance(session));
  if (chosen) await shellTo(() => sshTarget(session, chosen, opts), promptOptions(session, opts));
}

async function pickRunningInstance(session: Session): Promise<Instance | undefined> {
  const running = await (await session.service('ec2')).instances({ 'instance-state-name': 'running' });
  if (running.length === 0) throw pawsError('NoInstance', 'shell() needs an instance, and none is running — launch one with await launchInstance()');
  if (!canPick()) throw pawsError('Usage', `shell(instance) needs an instance: one of ${running.map((i) => `'${i.id}'`).join(', ')}`);
  return pickOne('Which instance? (↑/↓, Enter opens its shell, q cancels)', running.map((i) => ({ label: [i.id, i.tags.Name, i.publicIp ?? i.privateIp].filter(Boolean).join('  '), value: i })));
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
