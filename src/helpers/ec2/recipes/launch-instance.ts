/**
 * Recipe 2.1, launch_instance: creates (and saves) the key pair and the security group with its
 * SSH rule when missing, runs an instance — by default the region's latest Amazon Linux 2023 —
 * waits for it to run with a progress line, tags it, and connects over SSH.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SshConnection } from '../../../ssh/index.js';
import type { Session } from '../../core/session.js';
import { ssh } from '../../ssh/commands.js';
import { latestAmazonLinux } from '../image.js';
import { Instance } from '../instance.js';
import { expandHome, homeRelative } from '../../../home-paths.js';
import { KeyPair } from '../key-pair.js';
import { errorCode, pawsError } from '../../core/errors.js';
import { reporterFor, type Output, type Reporter } from '../../core/reporter.js';
import { getSecurityGroupByName, SecurityGroup } from '../security-group.js';
import { sessionEc2 } from './clients.js';
import { importKeyPair } from './import-key-pair.js';

export interface LaunchOptions {
  /** Image id. @default the latest Amazon Linux 2023 (x86_64) of the region */
  ami?: string;
  /** @default 't3.micro' */
  instanceType?: string;
  /** Created (and its private key saved) if it does not exist. @default 'paws' */
  keyName?: string;
  /** @default '.pem' */
  keyExtension?: string;
  /** Where the private key is saved. @default '~/.ssh' */
  keyDir?: string;
  /** Created in the default VPC if it does not exist. @default 'paws' */
  groupName?: string;
  /** @default 22 */
  sshPort?: number;
  /** Who may connect over SSH. @default '0.0.0.0/0' */
  cidr?: string;
  /** A tag key put on the instance (empty value). @default 'paws' */
  tag?: string;
  /** User data (text or bytes); it is base64-encoded for you. */
  userData?: string | Buffer;
  /** Connect over SSH once running. @default true */
  cmdShell?: boolean;
  /** @default guessed from the image: ec2-user, ubuntu… */
  loginUser?: string;
  /** Where progress goes. @default the session's reporter */
  out?: Output;
}

export interface Launched {
  instance: Instance;
  /** The SSH connection (the book's CmdShell), unless `cmdShell: false`. */
  ssh?: SshConnection;
}

async function ensureKeyPair(session: Session, o: Required<Pick<LaunchOptions, 'keyName' | 'keyDir' | 'keyExtension'>>, say: Reporter): Promise<void> {
  const ec2 = await sessionEc2(session);
  try {
    await ec2.describeKeyPairs({ KeyNames: [o.keyName] });
  } catch (e) {
    if (errorCode(e) !== 'InvalidKeyPair.NotFound') throw e;
    const keyFile = join(expandHome(o.keyDir), `${o.keyName}${o.keyExtension}`);
    if (existsSync(keyFile)) {
      // The key pair was deleted (a workshop's .cleanup) but its private key is still here: reuse it.
      say.say(`Importing keypair: ${o.keyName} from ${homeRelative(keyFile)}`);
      await importKeyPair(session, o.keyName, keyFile);
      return;
    }
    say.say(`Creating keypair: ${o.keyName}`);
    const key = new KeyPair(ec2, await ec2.createKeyPair({ KeyName: o.keyName }));
    try {
      const saved = key.save(o.keyDir, o.keyExtension);
      // The file goes when cleanup deletes the key pair: a later launch then creates both afresh.
      session.tracker.addFile('KeyPair', key.name, await ec2.config.region(), saved);
      say.say(`Saved the private key to ${homeRelative(saved)}`);
    } catch (saveError) {
      // A key pair whose private key could not be kept is useless: do not leave it behind.
      await key.delete();
      throw saveError;
    }
  }
}

async function ensureGroup(session: Session, name: string, port: number, cidr: string, say: Reporter): Promise<void> {
  const ec2 = await sessionEc2(session);
  let group: SecurityGroup;
  try {
    group = await getSecurityGroupByName(ec2, name);
  } catch (e) {
    if (errorCode(e) !== 'InvalidGroup.NotFound') throw e;
    say.say(`Creating Security Group: ${name}`);
    const { GroupId } = await ec2.createSecurityGroup({ GroupName: name, Description: 'A group that allows SSH access' });
    group = new SecurityGroup(ec2, { GroupId, GroupName: name });
  }
  try {
    await group.authorize('tcp', port, port, cidr);
  } catch (e) {
    if (errorCode(e) !== 'InvalidPermission.Duplicate') throw e;
    say.say(`Security Group: ${name} already authorized`);
  }
}

export async function launchInstance(session: Session, options: LaunchOptions = {}): Promise<Launched> {
  const o = {
    instanceType: 't3.micro',
    keyName: 'paws',
    keyExtension: '.pem',
    keyDir: '~/.ssh',
    groupName: 'paws',
    sshPort: 22,
    cidr: '0.0.0.0/0',
    tag: 'paws',
    cmdShell: true,
    ...options,
  };
  const say = reporterFor(session, o.out);
  const ec2 = await sessionEc2(session);
  await ensureKeyPair(session, o, say);
  await ensureGroup(session, o.groupName, o.sshPort, o.cidr, say);
  const ami = o.ami ?? (await latestAmazonLinux(ec2)).id;
  const reservation = await ec2.runInstances({
    ImageId: ami,
    MinCount: 1,
    MaxCount: 1,
    KeyName: o.keyName,
    SecurityGroups: [o.groupName],
    InstanceType: o.instanceType as never,
    UserData: o.userData === undefined ? undefined : Buffer.from(o.userData).toString('base64'),
  });
  const instance = new Instance(ec2, reservation.Instances![0]);
  say.say('waiting for instance');
  await instance.waitUntil('running', { out: o.out });
  await instance.addTag(o.tag);
  if (!o.cmdShell) return { instance };
  const identityFile = join(expandHome(o.keyDir), `${o.keyName}${o.keyExtension}`);
  try {
    return { instance, ssh: await ssh(session, instance, { user: o.loginUser, identityFile }) };
  } catch (error) {
    throw sshStepFailed(instance, error, say);
  }
}

/**
 * The instance runs (and is billed) whether or not SSH worked: the error says which one it is and
 * how to go on, and carries it (`error.instance`); it stays tracked, so `.cleanup` deletes it.
 */
function sshStepFailed(instance: Instance, error: unknown, say: Reporter): unknown {
  const next = `it stays tracked (.cleanup deletes it); connect again with await ssh('${instance.id}'), or get it with await ec2.instance('${instance.id}')`;
  const e = error as Error;
  // Ctrl-C keeps its own one-line report; the instance is named just before it.
  if (errorCode(error) === 'AbortError') {
    say.say(`${instance} is running; ${next}`);
    return error;
  }
  return Object.assign(pawsError(errorCode(error) === 'Error' ? 'SshFailed' : errorCode(error), `${instance} is running, but SSH to it failed: ${e?.message ?? String(error)} — ${next}`, { cause: error }), { instance });
}
