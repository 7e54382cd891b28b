/**
 * The `iam` service object: every operation of the SDK's aggregated IAM client, plus users as
 * resources. Add conveniences as methods of IAMService — names that are not SDK operations (a test
 * checks) — and list them in ./description.ts for `.help`.
 */
import { IAM, paginateListUsers } from '@aws-sdk/client-iam';
import { refOf, type Ref } from '../core/resource.js';
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
}

export function createService(config: Record<string, unknown>): IAMService {
  return new IAMService(config);
}
