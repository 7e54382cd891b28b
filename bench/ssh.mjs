// SSH throughput and latency: `cat` of a 100 MB file through paws's run() beside OpenSSH's `ssh`,
// against a sandbox instance host and (when installed) a real OpenSSH sshd, and the keystroke echo
// round trip of shell() beside `ssh -tt`. Throughput is the median of RUNS alternating transfers,
// each client's CPU per transfer beside it (and the server's, which both share): wall-clock rates
// on a shared machine are noisy, CPU time hardly. Needs `npx tsc -p .` first.
// Usage: node bench/ssh.mjs [MB] [RUNS]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { PassThrough } from 'node:stream';
import pty from 'node-pty';
import { hostKeyPinsFromConsole, ssh } from '../dist/src/ssh/index.js';
import { ratioFigure, report } from './figures.mjs';

const MB = Number(process.argv[2] ?? 100);
const RUNS = Number(process.argv[3] ?? 5);
const HOST = fileURLToPath(new URL('./ssh-host.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'paws-bench-ssh-'));
spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'id')]);
const publicKey = spawnSync('ssh-keygen', ['-y', '-f', join(dir, 'id')], { encoding: 'utf8' }).stdout.trim();
const knownHosts = join(dir, 'known_hosts');
const opts = { knownHostsFiles: [knownHosts], pawsKnownHosts: knownHosts, configFiles: [], agent: '', retryFor: 0 };
const rows = [];
const figures = [];

async function servers() {
  // In its own process, as the sandbox runs apart from the REPL: bench/ssh-host.mjs.
  const hostProcess = spawn(process.execPath, [HOST, JSON.stringify({
    instanceId: 'i-bench', dir: join(dir, 'instance'), loginUser: 'ec2-user', authorizedKey: publicKey, hostname: 'ip-10-0-0-9',
    address: '127.0.45.1', firstBoot: true,
  })], { stdio: ['pipe', 'pipe', 'inherit'] });
  const host = JSON.parse(await new Promise((resolve) => createInterface({ input: hostProcess.stdout }).once('line', resolve)));
  host.pid = hostProcess.pid;
  host.stop = () => new Promise((resolve) => (hostProcess.once('exit', resolve), hostProcess.stdin.end()));
  const big = join(dir, 'instance', 'root-fs', 'tmp', 'big');
  writeFileSync(big, Buffer.alloc(MB * 1024 * 1024, 'x'));
  const key = hostKeyPinsFromConsole(host.console).find((p) => p.startsWith('ssh-ed25519'));
  writeFileSync(knownHosts, `${host.port === 22 ? host.address : `[${host.address}]:${host.port}`} ${key}\n`);
  const list = [{ name: 'sandbox instance', host: host.address, port: host.port, user: 'ec2-user', file: '/tmp/big', sandbox: true, pid: host.pid, stop: () => host.stop() }];
  if (existsSync('/usr/sbin/sshd')) {
    mkdirSync('/run/sshd', { recursive: true });
    spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'hostkey')]);
    writeFileSync(join(dir, 'authorized_keys'), `${publicKey}\n`);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', '/dev/null', '-p', String(port), '-o', 'ListenAddress=127.0.0.1', '-o', `HostKey=${join(dir, 'hostkey')}`,
      '-o', `AuthorizedKeysFile=${join(dir, 'authorized_keys')}`, '-o', 'StrictModes=no', '-o', 'PidFile=none'], { stdio: ['ignore', 'ignore', 'pipe'] });
    await new Promise((resolve) => sshd.stderr.on('data', (d) => String(d).includes('Server listening') && resolve()));
    const hostKey = spawnSync('ssh-keygen', ['-y', '-f', join(dir, 'hostkey')], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(knownHosts, `[127.0.0.1]:${port} ${hostKey}\n`, { flag: 'a' });
    list.push({ name: 'OpenSSH sshd', host: '127.0.0.1', port, user: process.env.USER ?? 'root', file: big, stop: () => sshd.kill() });
  }
  return list;
}

function opensshArgs(s, ...extra) {
  return ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', `UserKnownHostsFile=${knownHosts}`, '-i', join(dir, 'id'), '-p', String(s.port), ...extra, `${s.user}@${s.host}`];
}

/** CPU ms a process has used so far, with its reaped children's (Linux: utime, stime, cutime, cstime). */
function cpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) * 10;
}

/** Seconds, paws's CPU ms and the server's (its pid, when known) over `fn`. */
async function measured(fn, serverPid) {
  const [c0, s0, t0] = [process.cpuUsage(), serverPid && cpuMs(serverPid), process.hrtime.bigint()];
  await fn();
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const { user, system } = process.cpuUsage(c0);
  return { seconds, client: (user + system) / 1e3, server: serverPid ? cpuMs(serverPid) - s0 : NaN };
}

/**
 * OpenSSH's `ssh`, started by a process of its own: a fork of this one, which holds paws's client
 * and its results, would leave all its memory copy-on-write, and paws's next transfer would pay a
 * page fault for every 4 KB it writes (~30,000 a 100 MB run), as paws at a prompt does not.
 */
const LAUNCHER = `
const { spawn } = require('node:child_process');
const { readFileSync } = require('node:fs');
const reapedCpuMs = () => readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ').slice(13, 15).reduce((sum, t) => sum + Number(t), 0) * 10;
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  const [c0, t0] = [reapedCpuMs(), process.hrtime.bigint()];
  spawn('ssh', JSON.parse(line), { stdio: ['ignore', 'ignore', 'inherit'] }).on('exit', () =>
    console.log(JSON.stringify({ seconds: Number(process.hrtime.bigint() - t0) / 1e9, client: reapedCpuMs() - c0 })));
});`;

function opensshLauncher() {
  const child = spawn(process.execPath, ['-e', LAUNCHER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const replies = createInterface({ input: child.stdout });
  return {
    /** One `ssh ARGS` to its end: seconds, its CPU ms, and the server's over it. */
    run: (args, serverPid) => new Promise((resolve) => {
      const s0 = serverPid && cpuMs(serverPid);
      replies.once('line', (line) => resolve({ ...JSON.parse(line), server: serverPid ? cpuMs(serverPid) - s0 : NaN }));
      child.stdin.write(`${JSON.stringify(args)}\n`);
    }),
    stop: () => new Promise((resolve) => (child.once('exit', resolve), child.stdin.end())),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function throughput(s) {
  const conn = await ssh({ host: s.host, port: s.port, user: s.user, identityFile: join(dir, 'id') }, opts);
  const openssh = opensshLauncher();
  const ours = [];
  const theirs = [];
  for (let i = 0; i < RUNS; i++) {
    ours.push(await measured(async () => {
      const r = await conn.run(`cat ${s.file}`);
      if (r.stdout.length !== MB * 1024 * 1024) throw new Error(`short read: ${r.stdout.length}`);
    }, s.pid));
    theirs.push(await openssh.run([...opensshArgs(s), `cat ${s.file}`], s.pid));
  }
  await openssh.stop();
  const rate = (ms) => MB / median(ms.map((m) => m.seconds));
  const shown = (ms) => `${rate(ms).toFixed(0)} MB/s, CPU ${median(ms.map((m) => m.client)).toFixed(0)} ms` + (s.pid ? ` + server ${median(ms.map((m) => m.server)).toFixed(0)} ms` : '');
  rows.push([`cat ${MB} MB, ${s.name} (median of ${RUNS})`, shown(ours), shown(theirs)]);
  if (s.sandbox) figures.push(ratioFigure(`run('cat ${MB} MB') from a sandbox instance / OpenSSH ssh`, `${rate(ours).toFixed(0)} MB/s`, `${rate(theirs).toFixed(0)} MB/s`, rate(ours) / rate(theirs), 1.0, true));
  return conn;
}

/** Median and p95 of the time from a key written to its echo read back. */
async function echoRtt(write, onOutput, n = 100) {
  const samples = [];
  for (let i = 0; i < n; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const start = process.hrtime.bigint();
    await new Promise((resolve) => {
      const off = onOutput((d) => d.includes(ch) && (off(), resolve()));
      write(ch);
    });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return `${samples[n >> 1].toFixed(2)} ms (p95 ${samples[Math.floor(n * 0.95)].toFixed(2)})`;
}

async function latency(s, conn) {
  const input = Object.assign(new PassThrough(), { isTTY: false });
  const output = Object.assign(new PassThrough(), { rows: 24, columns: 80 });
  const listeners = new Set();
  output.on('data', (d) => listeners.forEach((l) => l(String(d))));
  const on = (l) => (listeners.add(l), () => listeners.delete(l));
  const session = conn.shell({ input, output });
  await new Promise((resolve) => { const off = on((d) => /[$#] $/.test(d) && (off(), resolve())); });
  const ours = await echoRtt((c) => input.write(c), on);
  input.write('\x15exit\r');
  await session;
  conn.close();

  const term = pty.spawn('ssh', opensshArgs(s, '-tt'), { cols: 80, rows: 24, env: { ...process.env, TERM: 'xterm' } });
  const tl = new Set();
  term.onData((d) => tl.forEach((l) => l(d)));
  const ton = (l) => (tl.add(l), () => tl.delete(l));
  await new Promise((resolve) => { const off = ton((d) => /[$#] $/.test(d) && (off(), resolve())); });
  const theirs = await echoRtt((c) => term.write(c), ton);
  term.write('\x15exit\r');
  await new Promise((resolve) => term.onExit(resolve));
  rows.push([`keystroke echo, ${s.name}`, ours, theirs]);
}

try {
  for (const s of await servers()) {
    const conn = await throughput(s);
    await latency(s, conn);
    await s.stop();
  }
  const widths = [0, 1, 2].map((i) => Math.max(...[['', 'paws (ssh2)', 'OpenSSH ssh'], ...rows].map((r) => r[i].length)));
  for (const r of [['', 'paws (ssh2)', 'OpenSSH ssh'], ...rows]) console.log(r.map((c, i) => c.padEnd(widths[i])).join('  '));
  console.log();
  report(figures);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
