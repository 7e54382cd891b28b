/**
 * Instance isolation, probed as an attacker inside an instance would (issue 11): root inside is
 * not host root, the host's sysctls stay put, links planted in the instance's root file system do
 * not lead the sandbox's own reads and writes out of it (user-data log and part files, /etc/hostname
 * and host keys at reboot), and the instance's /proc names no host path. Both isolation backends.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EC2 } from '@aws-sdk/client-ec2';
import { ssh, hostKeyPinsFromConsole, type SshConnection } from '../../src/ssh/index.js';
import { instanceProcesses } from '../../src/sandbox/instances/index.js';
import { tempDir, testSandbox } from '../helpers/index.js';

const bwrapMissing = spawnSync('bwrap', ['--version'], { stdio: 'ignore' }).status === 0 ? false : 'bwrap is not installed';
const asRoot = process.getuid?.() === 0;

function multipart(...scripts: string[]): string {
  const parts = scripts.map((s) => `--PART\nContent-Type: text/x-shellscript\n\n${s}\n`);
  return `Content-Type: multipart/mixed; boundary="PART"\nMIME-Version: 1.0\n\n${parts.join('')}--PART--\n`;
}

/** The pids of the process trees rooted at `roots`, read from the host's /proc. */
function descendants(roots: number[]): number[] {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parent.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // gone meanwhile
    }
  }
  const out = [...roots];
  for (let i = 0; i < out.length; i++) for (const [pid, ppid] of parent) if (ppid === out[i]) out.push(pid);
  return out;
}

/** A file of /proc/PID, or '' once the process is gone. */
function proc(pid: number, file: string): string {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return '';
  }
}

function userNs(pid: number): string {
  try {
    return readlinkSync(`/proc/${pid}/ns/user`);
  } catch {
    return 'gone';
  }
}

function statusField(pid: number, field: string): string | undefined {
  return new RegExp(`^${field}:\\s*(.*)$`, 'm').exec(proc(pid, 'status'))?.[1];
}

/** Polls for up to a minute: an instance boots in well under a second, but CI machines are busy. */
async function until<T>(what: string, probe: () => Promise<T | false | undefined> | T | false | undefined): Promise<T> {
  for (let i = 0; i < 2400; i++) {
    const got = await probe();
    if (got) return got;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

for (const backend of ['bwrap', 'unshare'] as const) {
  test(`an instance isolated by ${backend} cannot reach the host`, { skip: backend === 'bwrap' && bwrapMissing }, async (t) => {
    const saved = { isolation: process.env.PAWS_ISOLATION, home: process.env.PAWS_HOME };
    const home = tempDir('paws-isolation-');
    process.env.PAWS_ISOLATION = backend;
    process.env.PAWS_HOME = home.path;
    const sandbox = await testSandbox();
    t.after(async () => {
      await sandbox.close();
      home.remove();
      process.env.PAWS_ISOLATION = saved.isolation;
      process.env.PAWS_HOME = saved.home;
      if (saved.isolation === undefined) delete process.env.PAWS_ISOLATION;
      if (saved.home === undefined) delete process.env.PAWS_HOME;
    });

    // What the instance aims its links at: host files and directories it must not reach.
    const victims = join(home.path, 'host');
    mkdirSync(join(victims, 'dir'), { recursive: true });
    writeFileSync(join(victims, 'file'), 'host\n');

    const ec2 = new EC2({ endpoint: sandbox.endpoint, region: sandbox.region, credentials: sandbox.credentials });
    const key = await ec2.createKeyPair({ KeyName: 'iso' });
    const keyFile = join(home.path, 'iso.pem');
    writeFileSync(keyFile, key.KeyMaterial!, { mode: 0o600 });
    const { Images } = await ec2.describeImages({ Owners: ['amazon'], Filters: [{ Name: 'name', Values: ['al2023-ami-2023.*-x86_64'] }] });
    const userData = multipart(
      [
        '#!/bin/sh',
        'echo "10.0.0.9 db" >> /etc/hosts', // a file the host made: the instance's root may change it
        'echo made > /usr/local/made',
        'rm /var/log/cloud-init-output.log',
        `ln -s ${join(victims, 'file')} /var/log/cloud-init-output.log`,
        'echo after the log became a link',
        'mv /var/lib/cloud/instance/scripts /var/lib/cloud/instance/scripts.old',
        `ln -s ${join(victims, 'dir')} /var/lib/cloud/instance/scripts`,
      ].join('\n'),
      '#!/bin/sh\necho part two ran',
    );
    const run = await ec2.runInstances({ ImageId: Images![0].ImageId, InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, KeyName: 'iso', UserData: Buffer.from(userData).toString('base64') });
    const id = run.Instances![0].InstanceId!;
    const dir = join(sandbox.stateDir, 'ec2', 'instances', id);
    const rootFs = join(dir, 'root-fs');
    const consoleText = async () => Buffer.from((await ec2.getConsoleOutput({ InstanceId: id })).Output ?? '', 'base64').toString();
    const address = await until('the instance to run', async () => {
      const inst = (await ec2.describeInstances({ InstanceIds: [id] })).Reservations![0].Instances![0];
      return inst.State!.Name === 'running' && inst.PublicIpAddress;
    });
    // The login prompt, wherever user data's output (running meanwhile) puts it in the console.
    await until('its sshd', async () => /^\S+ login: /m.test(await consoleText()));
    const conn: SshConnection = await ssh(
      { host: address, user: 'ec2-user', identityFile: keyFile, hostKeyPins: async () => hostKeyPinsFromConsole(await consoleText()) },
      { knownHostsFiles: [], pawsKnownHosts: join(home.path, 'known_hosts'), configFiles: [join(home.path, 'ssh_config.d', `${id}.conf`)], agent: '', retryFor: 0 },
    );
    t.after(() => conn.close());

    await t.test('user data writes its own /etc, /usr/local and root; its links lead the host nowhere', async () => {
      const text = await until('the user data to finish', async () => {
        const c = await consoleText();
        return /cloud-init: part-002 not run/.test(c) && c;
      });
      // On a console, as on EC2's, the getty's `login: ` (no newline) may come just before the script's line.
      assert.match(text, /^(?:.*login: )?after the log became a link$/m);
      assert.match(text, /cloud-init: part-002 not run: \/var\/lib\/cloud\/instance\/scripts\/part-002 in the instance's root file system is a link/);
      assert.doesNotMatch(text, /part two ran/);
      assert.equal(readFileSync(join(victims, 'file'), 'utf8'), 'host\n');
      assert.deepEqual(readdirSync(join(victims, 'dir')), []);
      assert.match(readFileSync(join(rootFs, 'etc', 'hosts'), 'utf8'), /^10\.0\.0\.9 db$/m);
      assert.equal(readFileSync(join(rootFs, 'usr-local', 'made'), 'utf8'), 'made\n');
    });

    await t.test('root inside is an unprivileged uid on the host, without capabilities there', async () => {
      assert.deepEqual(await conn.run('id -u; echo x > /tmp/owned'), { stdout: '0\n', stderr: '', exitCode: 0 });
      const owner = statSync(join(rootFs, 'tmp', 'owned')).uid;
      assert.notEqual(owner, 0);
      if (!asRoot) assert.equal(owner, process.getuid!());

      const session = conn.run('exec sleep 60', { pty: true });
      const sleeper = (pid: number) => proc(pid, 'cmdline').startsWith('sleep\0');
      const pids = await until('the session on the host', () => {
        const all = descendants(instanceProcesses(dir));
        return all.some(sleeper) && all;
      });
      for (const pid of pids) {
        const uid = statusField(pid, 'Uid');
        if (uid === undefined) continue; // a process of an earlier session, gone meanwhile
        assert.equal(uid.split(/\s+/)[0], String(owner), `pid ${pid}'s real uid`);
        // No process of the instance has a capability in the host's user namespace.
        if (userNs(pid) === userNs(process.pid)) assert.equal(statusField(pid, 'CapEff'), '0000000000000000', `pid ${pid}'s capabilities`);
      }
      process.kill(pids.find(sleeper)!);
      await session;
    });

    await t.test("the host's /proc/sys is not writable", async () => {
      const before = readFileSync('/proc/sys/vm/swappiness', 'utf8');
      const r = await conn.run(`echo ${(Number(before) + 1) % 100} > /proc/sys/vm/swappiness`);
      assert.notEqual(r.exitCode, 0);
      assert.match(r.stderr, /Permission denied|Read-only file system/);
      assert.equal(readFileSync('/proc/sys/vm/swappiness', 'utf8'), before);
    });

    await t.test('/proc inside names no host path', async () => {
      const r = await conn.run('tr "\\0" "\\n" < /proc/1/cmdline; tr "\\0" "\\n" < /proc/1/environ; tr "\\0" "\\n" < /proc/self/environ; readlink /proc/1/cwd; ls -l /proc/1/fd/ /proc/self/fd/');
      assert.equal(r.exitCode, 0, r.stderr);
      assert.ok(!r.stdout.includes(sandbox.stateDir), r.stdout);
      // Only the session's own descriptors: nothing the sandbox process inherited or opened.
      assert.doesNotMatch(r.stdout.slice(r.stdout.indexOf('/proc/self/fd/:')), /^l\S+ .* (?:[3-9]|\d\d+) -> (?!\/proc\/)/m);
    });

    await t.test('at reboot, /etc/hostname and the host keys are not written or read through links', async () => {
      const planted = [
        'rm /etc/hostname',
        `ln -s ${join(victims, 'hostname')} /etc/hostname`,
        'rm /etc/ssh/ssh_host_ed25519_key /etc/ssh/ssh_host_ed25519_key.pub',
        `ln -s ${join(victims, 'ed25519')} /etc/ssh/ssh_host_ed25519_key`,
        'rm /etc/ssh/ssh_host_rsa_key',
        `ln -s ${join(victims, 'file')} /etc/ssh/ssh_host_rsa_key`,
      ];
      assert.equal((await conn.run(planted.join(' && '))).exitCode, 0);
      await ec2.rebootInstances({ InstanceIds: [id] });
      const text = await until('the reboot', async () => {
        const c = await consoleText();
        return /reboot: Restarting system[^]*sshd: could not start/.test(c) && c;
      });
      assert.match(text, /sshd: could not start on \S+: \/etc\/ssh\/ssh_host_\w+_key in the instance's root file system is a link/);
      assert.equal(existsSync(join(victims, 'hostname')), false);
      assert.equal(existsSync(join(victims, 'ed25519')), false);
      assert.equal(readFileSync(join(victims, 'file'), 'utf8'), 'host\n');
    });
  });
}
