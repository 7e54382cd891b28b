/**
 * The `iam` service object: every operation of the SDK's aggregated IAM client, plus users and
 * roles as resources. Add conveniences as methods of IAMService — names that are not SDK
 * operations (a test checks) — and list them in ./description.ts for `.help`.
 */
import { IAM, paginateListRoles, paginateListUsers } from '@aws-sdk/client-iam';
import { refOf, type Ref } from '../core/resource.js';
import { Role } from './role.js';
import { User } from './user.js';

export class IAMService extends IAM {
  /** Every user: `[User:metrics, …]`. */
  async users(): Promise<User[]> {
    const out: User[] = [];
    for await (const page of paginateListUsers({ client: this }, {})) out.push(...(page.Users ?? []).map((u) => new User(this, u)));
    return out;
  }

  /** One user by name (the caller's own with no name). */
  async user(user?: Ref<User>): Promise<User> {
    const { User: data } = await this.getUser({ UserName: user === undefined ? undefined : refOf(user, 'a user') });
    return new User(this, data!);
  }

  /** Every role: `[Role:deploy, …]`. */
  async roles(): Promise<Role[]> {
    const out: Role[] = [];
    for await (const page of paginateListRoles({ client: this }, {})) out.push(...(page.Roles ?? []).map((r) => new Role(this, r)));
    return out;
  }

  /** One role by name, with its last use. */
  async role(name: string): Promise<Role> {
    const { Role: data } = await this.getRole({ RoleName: refOf(name, 'a role name') });
    return new Role(this, data!);
  }
}

export function createService(config: Record<string, unknown>): IAMService {
  return new IAMService(config);
}
