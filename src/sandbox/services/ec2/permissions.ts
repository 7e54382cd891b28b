/**
 * Launch permissions (images) and create-volume permissions (snapshots): the accounts, or `all`,
 * a resource is shared with, changed by Add/Remove lists or by the older OperationType form.
 */
import { AwsError } from '../../core/types.js';
import { invalidValue } from './errors.js';

export interface Permission {
  public: boolean;
  userIds: string[];
}

type PermissionEntry = { UserId?: string; Group?: string };
export interface PermissionChange {
  Add?: PermissionEntry[];
  Remove?: PermissionEntry[];
}

/** Applies a permission change in place; the old form names users or groups and an operation type. */
export function changePermission(
  permission: Permission,
  change: PermissionChange | undefined,
  legacy: { OperationType?: string; UserIds?: string[]; UserGroups?: string[]; GroupNames?: string[] },
): boolean {
  const groups = legacy.UserGroups ?? legacy.GroupNames ?? [];
  const entries: PermissionEntry[] = [...(legacy.UserIds ?? []).map((UserId) => ({ UserId })), ...groups.map((Group) => ({ Group }))];
  const add: PermissionEntry[] = [...(change?.Add ?? []), ...(legacy.OperationType === 'add' ? entries : [])];
  const remove: PermissionEntry[] = [...(change?.Remove ?? []), ...(legacy.OperationType === 'remove' ? entries : [])];
  for (const e of [...add, ...remove]) {
    if (e.Group !== undefined && e.Group !== 'all') throw invalidValue(e.Group, 'Group');
    if (e.UserId !== undefined && !/^\d{12}$/.test(e.UserId)) throw new AwsError('InvalidUserID.Malformed', `User ID '${e.UserId}' is not valid`);
  }
  for (const e of add) {
    if (e.Group) permission.public = true;
    if (e.UserId && !permission.userIds.includes(e.UserId)) permission.userIds.push(e.UserId);
  }
  for (const e of remove) {
    if (e.Group) permission.public = false;
    if (e.UserId) permission.userIds = permission.userIds.filter((u) => u !== e.UserId);
  }
  return add.length + remove.length > 0;
}
