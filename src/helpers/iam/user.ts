/**
 * IAM users and access keys as resources: `User:metrics`, `AccessKey:AKIA…(Active)`. The secret of
 * a new key is held privately: it never prints; `save()` writes it to a credentials file in AWS's
 * format readable only by its owner, and `credentials` hands it to an SDK client (masked if printed).
 */
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { inspect } from 'node:util';
import type { AccessKey as AccessKeyData, AccessKeyMetadata, IAM, User as UserData } from '@aws-sdk/client-iam';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';
import { pawsError } from '../core/errors.js';

export class User extends Resource<UserData, IAM> {
  static override kind = 'User';
  static override columns: readonly Column<User>[] = [
    { header: 'User', value: (u) => u.name },
    { header: 'ARN', value: (u) => u.arn },
    { header: 'Created', value: (u) => u.createDate },
  ];

  get id(): string {
    return this.name;
  }
  get name(): string {
    return this.data.UserName ?? '';
  }
  get arn(): string | undefined {
    return this.data.Arn;
  }
  get userId(): string | undefined {
    return this.data.UserId;
  }
  get createDate(): Date | undefined {
    return this.data.CreateDate;
  }

  protected async describe(): Promise<UserData> {
    const { User } = await this.client.getUser({ UserName: this.name });
    if (!User) throw new ResourceNotFound('User', this.name);
    return User;
  }

  /** A new access key; its secret is only ever available from the returned object. */
  async createAccessKey(): Promise<AccessKey> {
    const created = await this.client.createAccessKey({ UserName: this.name });
    return new AccessKey(this.client, created.AccessKey!);
  }

  async accessKeys(): Promise<AccessKey[]> {
    const { AccessKeyMetadata = [] } = await this.client.listAccessKeys({ UserName: this.name });
    return AccessKeyMetadata.map((k) => new AccessKey(this.client, k));
  }

  /** Adds (or replaces) an inline policy; `document` is JSON text or an object. */
  async putPolicy(name: string, document: string | object): Promise<void> {
    await this.client.putUserPolicy({ UserName: this.name, PolicyName: name, PolicyDocument: typeof document === 'string' ? document : JSON.stringify(document) });
  }

  /** The names of the user's inline policies. */
  async policies(): Promise<string[]> {
    return (await this.client.listUserPolicies({ UserName: this.name })).PolicyNames ?? [];
  }

  /** An inline policy's document, parsed (IAM sends it URL-encoded). */
  async policy(name: string): Promise<unknown> {
    const { PolicyDocument = '' } = await this.client.getUserPolicy({ UserName: this.name, PolicyName: name });
    return JSON.parse(decodeURIComponent(PolicyDocument));
  }

  async attachPolicy(arn: string): Promise<void> {
    await this.client.attachUserPolicy({ UserName: this.name, PolicyArn: arn });
  }

  /** Deletes the user; `{force: true}` first deletes its keys, policies, group memberships and password, as the console does. */
  async delete(options: { force?: boolean } = {}): Promise<void> {
    if (options.force) {
      for (const key of await this.accessKeys()) await key.delete();
      for (const name of await this.policies()) await this.client.deleteUserPolicy({ UserName: this.name, PolicyName: name });
      const { AttachedPolicies = [] } = await this.client.listAttachedUserPolicies({ UserName: this.name });
      for (const p of AttachedPolicies) await this.client.detachUserPolicy({ UserName: this.name, PolicyArn: p.PolicyArn });
      // Groups and a console password are rarer, and not every endpoint has them: DeleteUser itself
      // says (DeleteConflict) if either still hangs on.
      const groups = await this.client.listGroupsForUser({ UserName: this.name }).then((o) => o.Groups ?? [], () => []);
      for (const g of groups) await this.client.removeUserFromGroup({ UserName: this.name, GroupName: g.GroupName });
      await this.client.deleteLoginProfile({ UserName: this.name }).catch(() => {});
    }
    await this.client.deleteUser({ UserName: this.name });
  }
}

const secrets = new WeakMap<AccessKey, string>();

export interface SaveOptions {
  /** The profile's section name. @default 'default' */
  profile?: string;
  /** Region and endpoint to record with the keys (the sandbox's, for instance). */
  region?: string;
  endpointUrl?: string;
}

export class AccessKey extends Resource<Omit<AccessKeyData, 'SecretAccessKey'> | AccessKeyMetadata, IAM> {
  static override kind = 'AccessKey';
  static override columns: readonly Column<AccessKey>[] = [
    { header: 'Access key', value: (k) => k.id },
    { header: 'User', value: (k) => k.userName },
    { header: 'Status', value: (k) => k.status },
    { header: 'Created', value: (k) => k.createDate },
  ];

  constructor(client: IAM, data: AccessKeyData | AccessKeyMetadata) {
    const { SecretAccessKey, ...rest } = data as AccessKeyData;
    super(client, rest);
    if (SecretAccessKey) secrets.set(this, SecretAccessKey);
  }

  get id(): string {
    return this.data.AccessKeyId ?? '';
  }
  override toString(): string {
    return `AccessKey:${this.id}(${this.status})`;
  }
  get userName(): string | undefined {
    return this.data.UserName;
  }
  get status(): string | undefined {
    return this.data.Status;
  }
  get createDate(): Date | undefined {
    return this.data.CreateDate;
  }
  /** Whether this object holds the secret (only the one CreateAccessKey returned does). */
  get hasSecret(): boolean {
    return secrets.has(this);
  }
  /** For an SDK client's `credentials`; the secret prints masked. */
  get credentials(): { accessKeyId: string; secretAccessKey: string } {
    const secret = secrets.get(this);
    if (!secret) throw pawsError('NoSecret', `AWS shows a key's secret only once, when it is created; ${this.id} was listed, not created here`);
    return { accessKeyId: this.id, secretAccessKey: secret };
  }

  protected async describe(): Promise<AccessKeyMetadata> {
    const { AccessKeyMetadata = [] } = await this.client.listAccessKeys({ UserName: this.userName });
    const found = AccessKeyMetadata.find((k) => k.AccessKeyId === this.id);
    if (!found) throw new ResourceNotFound('AccessKey', this.id);
    return found;
  }

  /** Writes the key to a credentials file in AWS's format (`[default]` …), mode 0600; returns the path. */
  save(path = 'credentials', options: SaveOptions = {}): string {
    const { accessKeyId, secretAccessKey } = this.credentials;
    const lines = [`[${options.profile ?? 'default'}]`, `aws_access_key_id = ${accessKeyId}`, `aws_secret_access_key = ${secretAccessKey}`];
    if (options.region) lines.push(`region = ${options.region}`);
    if (options.endpointUrl) lines.push(`endpoint_url = ${options.endpointUrl}`);
    const full = resolve(path);
    // Written under a temporary name with mode 0600, then renamed: never readable by others, even briefly.
    const tmp = join(dirname(full), `.${randomBytes(6).toString('hex')}.tmp`);
    writeFileSync(tmp, `${lines.join('\n')}\n`, { mode: 0o600, flag: 'wx' });
    renameSync(tmp, full);
    return full;
  }

  async activate(): Promise<void> {
    await this.client.updateAccessKey({ AccessKeyId: this.id, UserName: this.userName, Status: 'Active' });
    await this.update();
  }
  async deactivate(): Promise<void> {
    await this.client.updateAccessKey({ AccessKeyId: this.id, UserName: this.userName, Status: 'Inactive' });
    await this.update();
  }
  async delete(): Promise<void> {
    await this.client.deleteAccessKey({ AccessKeyId: this.id, UserName: this.userName });
  }

  [inspect.custom](): string {
    return this.toString();
  }
}
