/**
 * Key pairs: `KeyPair:paws`. A key pair just created carries its private key, which `save(dir)`
 * writes 0600 (refusing to overwrite) and which never prints.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EC2, KeyPairInfo } from '@aws-sdk/client-ec2';
import { expandHome } from '../../home-paths.js';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { pawsError } from '../core/errors.js';

export class KeyPair extends TaggedResource<KeyPairInfo> {
  static override kind = 'KeyPair';
  static override columns: readonly Column<KeyPair>[] = [
    { header: 'Key pair', value: (k) => k.name },
    { header: 'Type', value: (k) => k.type },
    { header: 'Fingerprint', value: (k) => k.fingerprint },
    { header: 'Id', value: (k) => k.keyPairId },
  ];
  /** The private key, only after CreateKeyPair; not enumerable, so it never prints or serialises. */
  declare readonly material?: string;

  constructor(client: EC2, data: KeyPairInfo & { KeyMaterial?: string }) {
    const { KeyMaterial, ...info } = data;
    super(client, info);
    Object.defineProperty(this, 'material', { value: KeyMaterial, enumerable: false });
  }

  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.KeyName ?? '';
  }
  get fingerprint(): string | undefined {
    return this.data.KeyFingerprint;
  }
  protected override get tagTarget(): string {
    return this.keyPairId ?? this.name;
  }
  get keyPairId(): string | undefined {
    return this.data.KeyPairId;
  }
  get type(): string | undefined {
    return this.data.KeyType;
  }

  protected async describe(): Promise<KeyPairInfo> {
    const out = await this.client.describeKeyPairs({ KeyNames: [this.name] });
    if (!out.KeyPairs?.[0]) throw new ResourceNotFound('KeyPair', this.name);
    return out.KeyPairs[0];
  }

  /** Writes the private key to `dir/<name>.pem`, mode 0600; refuses to overwrite. Returns the path. */
  save(dir = '~/.ssh', extension = '.pem'): string {
    if (!this.material) throw pawsError('NoPrivateKey', `${this} has no private key here: only a key pair just created carries one`);
    const target = expandHome(dir);
    mkdirSync(target, { recursive: true, mode: 0o700 });
    const file = join(target, `${this.name}${extension}`);
    if (existsSync(file)) throw pawsError('KeyFileExists', `${file} already exists; move it away or pick another key dir`);
    writeFileSync(file, this.material.endsWith('\n') ? this.material : `${this.material}\n`, { mode: 0o600, flag: 'wx' });
    return file;
  }

  async delete(): Promise<void> {
    await this.client.deleteKeyPair({ KeyName: this.name });
  }
}

export async function listKeyPairs(ec2: EC2, names?: string[]): Promise<KeyPair[]> {
  const out = await ec2.describeKeyPairs(names?.length ? { KeyNames: names } : {});
  return (out.KeyPairs ?? []).map((k) => new KeyPair(ec2, k));
}
