/** IAM (global): users, access keys, inline and managed policies — enforced on every request signed with a user's key. */
import type { ServiceDefinition } from '../../core/types.js';
import type { IamApi } from './types.js';
import { authorizer } from './authorize.js';
import * as policies from './policies.js';
import * as users from './users.js';

export const iam: ServiceDefinition<IamApi> = {
  signingName: 'iam',
  actionPrefix: 'iam',
  protocols: ['query'],
  modelPackage: '@aws-sdk/client-iam',
  xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
  global: true,
  handlers: {
    CreateUser: users.createUser,
    GetUser: users.getUser,
    ListUsers: users.listUsers,
    DeleteUser: users.deleteUser,
    CreateAccessKey: users.createAccessKey,
    ListAccessKeys: users.listAccessKeys,
    UpdateAccessKey: users.updateAccessKey,
    DeleteAccessKey: users.deleteAccessKey,
    GetAccessKeyLastUsed: users.getAccessKeyLastUsed,
    PutUserPolicy: policies.putUserPolicy,
    GetUserPolicy: policies.getUserPolicy,
    ListUserPolicies: policies.listUserPolicies,
    DeleteUserPolicy: policies.deleteUserPolicy,
    CreatePolicy: policies.createPolicy,
    GetPolicy: policies.getPolicy,
    GetPolicyVersion: policies.getPolicyVersion,
    ListPolicies: policies.listPolicies,
    DeletePolicy: policies.deletePolicy,
    AttachUserPolicy: policies.attachUserPolicy,
    DetachUserPolicy: policies.detachUserPolicy,
    ListAttachedUserPolicies: policies.listAttachedUserPolicies,
  },
  start(runtime) {
    runtime.authorize = authorizer(runtime);
  },
};
