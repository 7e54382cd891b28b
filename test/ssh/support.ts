/** Shared set-up for the SSH tests: temp dirs, key pairs, a booted instance host, a real OpenSSH sshd. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { bootInstance, type BootedInstance } from '../../src/sandbox/instances/index.js';
import { hostKeyPinsFromConsole } from '../../src/ssh/index.js';

const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;
export const missingBwrap = has('bwrap', ['--version']) ? false : 'bwrap is not installed (apt-get install bubblewrap)';
export const missingSshd = existsSync('/usr/sbin/sshd') ? false : '/usr/sbin/sshd is not installed (apt-get install openssh-server)';

export function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'paws-ssh-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An ed25519 key pair in OpenSSH format, private key 0600. */
export function keyPair(dir: string, name = 'id'): { file: string; publicKey: string } {
  let pair = ssh2.utils.generateKeyPairSync('ed25519');
  // ssh2 1.17 writes an unparsable ed25519 key about once in 256 (see src/sandbox/instances/host-keys.ts).
  while (ssh2.utils.parseKey(pair.private) instanceof Error) pair = ssh2.utils.generateKeyPairSync('ed25519');
  const file = join(dir, name);
  writeFileSync(file, pair.private, { mode: 0o600 });
  writeFileSync(`${file}.pub`, `${pair.public}\n`);
  return { file, publicKey: pair.public };
}

export interface BootedForTest {
  host: BootedInstance;
  console: () => string;
  pins: () => string[];
  key: { file: string; publicKey: string };
  dir: string;
}

export async function bootForTest(
  t: { after(fn: () => Promise<void> | void): void },
  address: string,
  extra: { userData?: string; port?: number; sshConfigDir?: string } = {},
): Promise<BootedForTest> {
  const dir = tempDir(t);
  const key = keyPair(dir);
  let text = '';
  const host = await bootInstance({
    instanceId: 'i-0123456789abcdef0',
    dir: join(dir, 'instance'),
    loginUser: 'ec2-user',
    authorizedKey: key.publicKey,
    hostname: 'ip-172-31-0-5',
    address,
    firstBoot: true,
    userData: extra.userData === undefined ? undefined : Buffer.from(extra.userData),
    appendConsole: (s) => (text += s),
    port: extra.port,
    sshConfigDir: extra.sshConfigDir ?? join(dir, 'ssh_config.d'),
  });
  t.after(() => host.stop());
  return { host, console: () => text, pins: () => hostKeyPinsFromConsole(text), key, dir };
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A real OpenSSH sshd on 127.0.0.1 letting `authorizedKey` in as root. */
export async function startSshd(t: { after(fn: () => void): void }, dir: string, authorizedKey: string, port?: number): Promise<{ port: number; hostKeyLine: string }> {
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'sshd_host_ed25519');
  spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  writeFileSync(join(dir, 'authorized_keys'), `${authorizedKey}\n`);
  port ??= await freePort();
  const sshd: ChildProcess = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', '/dev/null', '-p', String(port), '-o', 'ListenAddress=127.0.0.1',
    '-o', `HostKey=${hostKey}`, '-o', `AuthorizedKeysFile=${join(dir, 'authorized_keys')}`, '-o', 'StrictModes=no', '-o', 'PidFile=none',
    '-o', 'Subsystem=sftp internal-sftp'], { stdio: ['ignore', 'ignore', 'pipe'] });
  t.after(() => void sshd.kill());
  await new Promise<void>((resolve, reject) => {
    let log = '';
    sshd.stderr!.on('data', (d) => {
      log += d;
      if (log.includes('Server listening')) resolve();
    });
    sshd.on('exit', (code) => reject(new Error(`sshd exited ${code}: ${log}`)));
  });
  const pub = spawnSync('ssh-keygen', ['-y', '-f', hostKey], { encoding: 'utf8' }).stdout.trim();
  return { port, hostKeyLine: pub };
}

/** Options that keep a test away from the user's ~/.ssh and agent. */
export function isolated(dir: string) {
  return { knownHostsFiles: [join(dir, 'known_hosts')], pawsKnownHosts: join(dir, 'known_hosts'), configFiles: [], agent: '', retryFor: 0 };
}
