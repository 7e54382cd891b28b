/**
 * What IAM puts at the prompt (the `iam` service object and the book's restricted user), and the
 * users and access keys its operations create (see ../core/folder.ts).
 */
import { describeFolder, helper } from '../core/folder.js';

export const iamFolder = describeFolder({
  service: {
    name: 'iam',
    title: 'IAM',
    doc: 'AWS IAM: every SDK operation, e.g. await iam.listUsers()',
    members: [
      { name: 'users()', doc: 'users: user.createAccessKey(), user.putPolicy(name, doc), user.policy(name), user.delete({force})' },
      { name: 'user(name?)', doc: 'one user (yourself with no name)' },
      { name: 'roles()', doc: 'roles: role.trustPolicy, role.putPolicy(name, doc), role.attachPolicy(arn), role.delete({force}); assumeRole(role) acts as one' },
      { name: 'role(name)', doc: 'one role, with its last use' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    createRestrictedUser: helper(
      'createRestrictedUser(name, policy?, {path?}) — 2.15: a user allowed only cloudwatch:PutMetricData; keys saved 0600 in AWS format',
      async () => (await import('./recipes/startup-scripts.js')).createRestrictedUser,
    ),
  },

  resources: {
    AccessKey: {
      createdBy: { CreateAccessKey: (_, o) => [{ id: o.AccessKey?.AccessKeyId, parent: o.AccessKey?.UserName }] },
      deletedBy: { DeleteAccessKey: (i) => [i.AccessKeyId] },
      label: (r) => (r.parent ? `(user ${r.parent})` : undefined),
      async remove(iam, r) {
        const { AccessKey } = await import('./user.js');
        await new AccessKey(iam, { AccessKeyId: r.id, UserName: r.parent }).delete();
      },
    },
    Role: {
      createdBy: { CreateRole: (i) => [{ id: i.RoleName }] },
      deletedBy: { DeleteRole: (i) => [i.RoleName] },
      async remove(iam, r) {
        await (await iam.role(r.id)).delete({ force: true });
      },
    },
    User: {
      deletedAfter: ['AccessKey'],
      createdBy: { CreateUser: (i) => [{ id: i.UserName }] },
      deletedBy: { DeleteUser: (i) => [i.UserName] },
      // All that hangs off it was made with the user this session.
      async remove(iam, r) {
        await (await iam.user(r.id)).delete({ force: true });
      },
    },
  },
});
