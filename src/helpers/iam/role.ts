/**
 * IAM roles as resources: `Role:deploy`. Who may assume one is its trust policy; what its
 * sessions may do, its policies. `assumeRole(role)` (../sts/assume-role.ts) acts as it.
 */
import type { IAM, Role as RoleData } from '@aws-sdk/client-iam';
import { Resource, ResourceNotFound, type Column } from '../core/resource.js';

export class Role extends Resource<RoleData, IAM> {
  static override kind = 'Role';
  static override columns: readonly Column<Role>[] = [
    { header: 'Role', value: (r) => r.name },
    { header: 'ARN', value: (r) => r.arn },
    { header: 'Max session', value: (r) => `${(r.maxSessionDuration ?? 3600) / 3600} h` },
    { header: 'Description', value: (r) => r.data.Description },
  ];

  get id(): string {
    return this.name;
  }
  /** What assumeRole and AWS's APIs take: the ARN. */
  override get ref(): string {
    return this.arn ?? this.name;
  }
  get name(): string {
    return this.data.RoleName ?? '';
  }
  get arn(): string | undefined {
    return this.data.Arn;
  }
  get maxSessionDuration(): number | undefined {
    return this.data.MaxSessionDuration;
  }
  /** The trust policy, parsed (IAM sends it URL-encoded). */
  get trustPolicy(): unknown {
    return this.data.AssumeRolePolicyDocument ? JSON.parse(decodeURIComponent(this.data.AssumeRolePolicyDocument)) : undefined;
  }
  /** When a session of the role was last created, if IAM knows (GetRole says; ListRoles does not). */
  get lastUsed(): Date | undefined {
    return this.data.RoleLastUsed?.LastUsedDate;
  }

  protected async describe(): Promise<RoleData> {
    const { Role } = await this.client.getRole({ RoleName: this.name });
    if (!Role) throw new ResourceNotFound('Role', this.name);
    return Role;
  }

  /** Adds (or replaces) an inline policy; `document` is JSON text or an object. */
  async putPolicy(name: string, document: string | object): Promise<void> {
    await this.client.putRolePolicy({ RoleName: this.name, PolicyName: name, PolicyDocument: typeof document === 'string' ? document : JSON.stringify(document) });
  }

  async attachPolicy(arn: string): Promise<void> {
    await this.client.attachRolePolicy({ RoleName: this.name, PolicyArn: arn });
  }

  /** Names of inline policies, and ARNs of attached ones. */
  async policies(): Promise<{ inline: string[]; attached: string[] }> {
    const [{ PolicyNames = [] }, { AttachedPolicies = [] }] = await Promise.all([this.client.listRolePolicies({ RoleName: this.name }), this.client.listAttachedRolePolicies({ RoleName: this.name })]);
    return { inline: PolicyNames, attached: AttachedPolicies.map((p) => p.PolicyArn ?? '') };
  }

  /** Deletes the role; `{force: true}` first removes its policies and takes it out of instance profiles, as the console does. */
  async delete(options: { force?: boolean } = {}): Promise<void> {
    if (options.force) {
      const { inline, attached } = await this.policies();
      for (const name of inline) await this.client.deleteRolePolicy({ RoleName: this.name, PolicyName: name });
      for (const arn of attached) await this.client.detachRolePolicy({ RoleName: this.name, PolicyArn: arn });
      const { InstanceProfiles = [] } = await this.client.listInstanceProfilesForRole({ RoleName: this.name });
      for (const p of InstanceProfiles) await this.client.removeRoleFromInstanceProfile({ RoleName: this.name, InstanceProfileName: p.InstanceProfileName });
    }
    await this.client.deleteRole({ RoleName: this.name });
  }
}
