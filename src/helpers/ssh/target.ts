/**
 * Turns what the user has at the prompt — an Instance, an instance id, or a plain SshTarget — into
 * an SshTarget: the address (public IP or DNS, else private), the key pair's .pem
 * (~/.ssh/<KeyName>.pem or ~/.paws/keys/<KeyName>.pem), the login user guessed from the image name,
 * and host-key pins from the console output.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { pawsError } from '../core/errors.js';
import { pawsHome } from '../../home-paths.js';
import { hostKeyPinsFromConsole, type SshTarget } from '../../ssh/index.js';
import type { Session } from '../core/session.js';
import { getInstance, type Instance } from '../ec2/instance.js';

export type SshWhere = Instance | string | SshTarget;

export interface TargetOptions {
  /** Login user. @default guessed from the image name: ec2-user, ubuntu, admin… */
  user?: string;
  /** Private key file. @default ~/.ssh/<KeyName>.pem or ~/.paws/keys/<KeyName>.pem */
  identityFile?: string;
  /** @default 22 */
  port?: number;
}

export async function sshTarget(session: Session, where: SshWhere, opts: TargetOptions = {}): Promise<SshTarget> {
  if (typeof where === 'object' && where !== null && 'host' in where) return { ...where, ...definedOnly(opts) };
  const instance = await getInstance(await session.service('ec2'), where);
  const host = instance.publicIp ?? instance.publicDnsName ?? instance.privateIp;
  if (!host) throw pawsError('NoAddress', `${instance} has no address yet (state ${instance.state}); wait with await instance.waitUntil('running')`);
  return {
    host,
    port: opts.port,
    user: opts.user ?? (await loginUserFor(instance)),
    identityFile: opts.identityFile ?? keyFileFor(instance.keyName),
    hostKeyPins: () => consolePins(instance),
    name: instance.id,
  };
}

function definedOnly(opts: TargetOptions): TargetOptions {
  return Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined));
}

function keyFileFor(keyName: string | undefined): string | undefined {
  if (!keyName) return undefined;
  return [join(homedir(), '.ssh', `${keyName}.pem`), join(pawsHome(), 'keys', `${keyName}.pem`)].find(existsSync);
}

const LOGIN_USERS: Array<[RegExp, string]> = [
  [/ubuntu/i, 'ubuntu'],
  [/debian/i, 'admin'],
  [/centos/i, 'centos'],
  [/fedora/i, 'fedora'],
  [/bitnami/i, 'bitnami'],
];

/** The image's usual login user; Amazon Linux, RHEL, SUSE and unknown images use ec2-user. */
async function loginUserFor(instance: Instance): Promise<string> {
  let name = '';
  try {
    const image = (await instance.client.describeImages({ ImageIds: [instance.imageId!] })).Images?.[0];
    name = `${image?.Name ?? ''} ${image?.Description ?? ''}`;
  } catch {
    // An image that is gone (deregistered) still leaves its instances reachable as ec2-user.
  }
  return LOGIN_USERS.find(([re]) => re.test(name))?.[1] ?? 'ec2-user';
}

async function consolePins(instance: Instance): Promise<string[]> {
  try {
    return hostKeyPinsFromConsole(String(await instance.consoleOutput()));
  } catch {
    return [];
  }
}
