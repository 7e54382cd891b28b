/**
 * The instance's sshd: an ssh2 Server that lets the login user in with the instance's key pair and
 * no other, and runs every session (shell, exec, sftp) isolated inside the instance (isolate.ts).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { timingSafeEqual } from 'node:crypto';
import pty from 'node-pty';
import ssh2 from 'ssh2';
import type { Connection, PseudoTtyInfo, ServerChannel, Session, ParsedKey, AuthContext } from 'ssh2';
import type { HostKey } from './host-keys.js';
import { isolatedCommand, loginEnv, trackInstanceProcess, type InstanceSpec } from './isolate.js';

const SFTP_SERVER = '/usr/lib/openssh/sftp-server';

export interface SshServerOptions {
  hostKeys: HostKey[];
  loginUser: string;
  authorizedKey?: string;
  spec: InstanceSpec;
}

export function createSshServer(opts: SshServerOptions): { server: ssh2.Server; connections: Set<Connection> } {
  const allowed = opts.authorizedKey ? parsePublicKey(opts.authorizedKey) : undefined;
  const connections = new Set<Connection>();
  const server = new ssh2.Server({ hostKeys: opts.hostKeys.map((k) => k.privateKey), ident: 'OpenSSH_9.2p1 paws-sandbox' }, (client) => {
    connections.add(client);
    // Without it Nagle's algorithm holds each small packet that follows another (a command's exit
    // status, EOF and close) until the client's delayed ACK: ~40 ms a command. ssh2's types lack it.
    (client as Connection & Pick<ssh2.Client, 'setNoDelay'>).setNoDelay(true);
    client.on('close', () => connections.delete(client));
    client.on('error', () => client.end());
    client.on('authentication', (ctx) => (authorize(ctx, opts.loginUser, allowed) ? ctx.accept() : ctx.reject(['publickey'])));
    client.on('ready', () => client.on('session', (accept) => serveSession(accept(), opts)));
  });
  return { server, connections };
}

function parsePublicKey(line: string): ParsedKey {
  const key = ssh2.utils.parseKey(line.trim());
  if (key instanceof Error) throw new Error(`InvalidKeyPair: the instance's public key does not parse: ${key.message}`);
  return Array.isArray(key) ? key[0] : key;
}

function authorize(ctx: AuthContext, loginUser: string, allowed: ParsedKey | undefined): boolean {
  if (ctx.method !== 'publickey' || ctx.username !== loginUser || !allowed) return false;
  const offered = allowed.getPublicSSH();
  if (ctx.key.algo !== allowed.type || ctx.key.data.length !== offered.length || !timingSafeEqual(ctx.key.data, offered)) return false;
  // Without a signature the client only asks whether the key would do; with one, it must verify.
  return !ctx.signature || allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) === true;
}

function serveSession(session: Session, opts: SshServerOptions): void {
  let term: PseudoTtyInfo | undefined;
  let proc: pty.IPty | undefined;
  const env: Record<string, string> = {};

  session.on('pty', (accept, _reject, info) => {
    term = info;
    accept?.();
  });
  session.on('window-change', (accept, _reject, info) => {
    proc?.resize(Math.max(info.cols, 1), Math.max(info.rows, 1));
    accept?.();
  });
  session.on('env', (accept, reject, info) => {
    // Only what OpenSSH's default AcceptEnv lets through.
    if (/^(LANG|LC_[A-Z]+)$/.test(info.key)) {
      env[info.key] = info.val;
      accept?.();
    } else reject?.();
  });
  const run = (accept: () => ServerChannel, argv: string[]) => {
    const channel = accept();
    try {
      const command = isolatedCommand(opts.spec, argv);
      if (term) proc = runInPty(channel, opts.spec, command, term, env);
      else runPiped(channel, opts.spec, command, env);
    } catch (e) {
      channel.stderr.write(`${(e as Error).message}\r\n`);
      channel.exit(127);
      channel.end();
    }
  };
  session.on('shell', (accept) => run(accept, ['/bin/bash', '-l']));
  session.on('exec', (accept, _reject, info) => run(accept, ['/bin/bash', '-c', info.command]));
  session.on('subsystem', (accept, reject, info) => {
    // The real sftp-server inside the sandbox: paths resolve in the instance root, and a symlink the
    // user made cannot lead a host-side server out of it.
    if (info.name !== 'sftp' || !existsSync(SFTP_SERVER)) return reject?.();
    term = undefined;
    run(accept, [SFTP_SERVER]);
  });
}

function runInPty(channel: ServerChannel, spec: InstanceSpec, command: string[], term: PseudoTtyInfo, env: Record<string, string>): pty.IPty {
  const proc = pty.spawn(command[0], command.slice(1), {
    name: term.term || 'xterm',
    cwd: '/',
    cols: Math.max(term.cols, 1),
    rows: Math.max(term.rows, 1),
    env: loginEnv(spec, { TERM: term.term || 'xterm', ...env }),
  });
  proc.onData((data) => {
    if (!channel.write(data)) {
      proc.pause();
      channel.once('drain', () => proc.resume());
    }
  });
  channel.on('data', (data: Buffer) => proc.write(data));
  let exited = false;
  channel.on('close', () => hangUp((signal) => proc.kill(signal), () => !exited));
  trackInstanceProcess(spec.dir, proc.pid, new Promise<void>((resolve) => proc.onExit(({ exitCode }) => {
    exited = true;
    finish(channel, exitCode);
    resolve();
  })));
  return proc;
}

function runPiped(channel: ServerChannel, spec: InstanceSpec, command: string[], env: Record<string, string>): void {
  // A session of its own (detached): no controlling terminal of the sandbox's to inject input into.
  const child = spawn(command[0], command.slice(1), { cwd: '/', env: loginEnv(spec, env), stdio: 'pipe', detached: true });
  trackInstanceProcess(spec.dir, child.pid, new Promise((resolve) => child.on('close', resolve).on('error', resolve)));
  child.stdout.pipe(channel, { end: false });
  child.stderr.pipe(channel.stderr, { end: false });
  channel.pipe(child.stdin);
  child.stdin.on('error', () => {}); // the command may exit before reading all its input
  // As a terminal hangs up its foreground jobs: the whole process group, the command inside the
  // instance's pid namespace included, not only the outer process.
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Gone meanwhile.
    }
  };
  channel.on('close', () => hangUp(group, () => child.exitCode === null && child.signalCode === null));
  child.on('error', (e) => {
    channel.stderr.write(`${e.message}\n`);
    finish(channel, 127);
  });
  child.on('close', (code, signal) => finish(channel, code ?? 128 + (signal ? signalNumber(signal) : 0)));
}

function signalNumber(signal: NodeJS.Signals): number {
  return ({ SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGPIPE: 13, SIGTERM: 15 } as Record<string, number>)[signal] ?? 0;
}

const finished = new WeakSet<ServerChannel>();

/** The exit status goes before the channel's end, or OpenSSH reports none. */
function finish(channel: ServerChannel, code: number): void {
  if (finished.has(channel)) return;
  finished.add(channel);
  channel.exit(code);
  channel.end();
}

/**
 * A closed session hangs up its processes as a terminal does; whatever ignores SIGHUP (nohup, a
 * daemon) is killed shortly after, so no session outlives its connection or keeps the sandbox up.
 */
function hangUp(kill: (signal: NodeJS.Signals) => void, alive: () => boolean): void {
  const send = (signal: NodeJS.Signals) => {
    if (alive()) kill(signal);
  };
  send('SIGHUP');
  setTimeout(() => send('SIGKILL'), 2000).unref();
}
