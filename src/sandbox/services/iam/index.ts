/**
 * IAM (global): users, groups, roles, access keys, inline and managed policies (with versions),
 * instance profiles, tags, MFA devices, OIDC and SAML providers, login profiles, the password policy and account alias,
 * and policy simulation — enforced on every request, whoever signed it.
 */
import type { ServiceDefinition } from '../../core/types.js';
import type { IamApi } from './types.js';
import * as account from './account.js';
import { authorizer } from './authorize.js';
import * as groups from './groups.js';
import * as profiles from './instance-profiles.js';
import * as mfa from './mfa.js';
import * as policies from './policies.js';
import * as providers from './providers.js';
import * as roles from './roles.js';
import * as simulate from './simulate.js';
import { findRole, findUser } from './state.js';
import { tagging } from './tags.js';
import * as users from './users.js';

const userInline = policies.inlinePolicies('User');
const groupInline = policies.inlinePolicies('Group');
const roleInline = policies.inlinePolicies('Role');
const userAttached = policies.attachedPolicies('User');
const groupAttached = policies.attachedPolicies('Group');
const roleAttached = policies.attachedPolicies('Role');
const userTags = tagging((state, input: { UserName?: string }) => findUser(state, input.UserName));
const roleTags = tagging((state, input: { RoleName?: string }) => findRole(state, input.RoleName));
const policyTags = tagging((state, input: { PolicyArn?: string }) => policies.customerPolicy(state, input.PolicyArn));

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
    TagUser: userTags.tag,
    UntagUser: userTags.untag,
    ListUserTags: userTags.list,
    PutUserPolicy: userInline.put,
    GetUserPolicy: userInline.get,
    ListUserPolicies: userInline.list,
    DeleteUserPolicy: userInline.remove,
    AttachUserPolicy: userAttached.attach,
    DetachUserPolicy: userAttached.detach,
    ListAttachedUserPolicies: userAttached.list,
    CreateGroup: groups.createGroup,
    GetGroup: groups.getGroup,
    ListGroups: groups.listGroups,
    DeleteGroup: groups.deleteGroup,
    AddUserToGroup: groups.addUserToGroup,
    RemoveUserFromGroup: groups.removeUserFromGroup,
    ListGroupsForUser: groups.listGroupsForUser,
    PutGroupPolicy: groupInline.put,
    GetGroupPolicy: groupInline.get,
    ListGroupPolicies: groupInline.list,
    DeleteGroupPolicy: groupInline.remove,
    AttachGroupPolicy: groupAttached.attach,
    DetachGroupPolicy: groupAttached.detach,
    ListAttachedGroupPolicies: groupAttached.list,
    CreateRole: roles.createRole,
    GetRole: roles.getRole,
    ListRoles: roles.listRoles,
    UpdateRole: roles.updateRole,
    UpdateAssumeRolePolicy: roles.updateAssumeRolePolicy,
    CreateServiceLinkedRole: roles.createServiceLinkedRole,
    DeleteRole: roles.deleteRole,
    TagRole: roleTags.tag,
    UntagRole: roleTags.untag,
    ListRoleTags: roleTags.list,
    PutRolePolicy: roleInline.put,
    GetRolePolicy: roleInline.get,
    ListRolePolicies: roleInline.list,
    DeleteRolePolicy: roleInline.remove,
    AttachRolePolicy: roleAttached.attach,
    DetachRolePolicy: roleAttached.detach,
    ListAttachedRolePolicies: roleAttached.list,
    CreateInstanceProfile: profiles.createInstanceProfile,
    GetInstanceProfile: profiles.getInstanceProfile,
    ListInstanceProfiles: profiles.listInstanceProfiles,
    ListInstanceProfilesForRole: profiles.listInstanceProfilesForRole,
    DeleteInstanceProfile: profiles.deleteInstanceProfile,
    AddRoleToInstanceProfile: profiles.addRoleToInstanceProfile,
    RemoveRoleFromInstanceProfile: profiles.removeRoleFromInstanceProfile,
    CreatePolicy: policies.createPolicy,
    GetPolicy: policies.getPolicy,
    ListPolicies: policies.listPolicies,
    DeletePolicy: policies.deletePolicy,
    TagPolicy: policyTags.tag,
    UntagPolicy: policyTags.untag,
    ListPolicyTags: policyTags.list,
    CreatePolicyVersion: policies.createPolicyVersion,
    GetPolicyVersion: policies.getPolicyVersion,
    ListPolicyVersions: policies.listPolicyVersions,
    SetDefaultPolicyVersion: policies.setDefaultPolicyVersion,
    DeletePolicyVersion: policies.deletePolicyVersion,
    ListEntitiesForPolicy: policies.listEntitiesForPolicy,
    SimulatePrincipalPolicy: simulate.simulatePrincipalPolicy,
    SimulateCustomPolicy: simulate.simulateCustomPolicy,
    CreateVirtualMFADevice: mfa.createVirtualMFADevice,
    EnableMFADevice: mfa.enableMFADevice,
    DeactivateMFADevice: mfa.deactivateMFADevice,
    DeleteVirtualMFADevice: mfa.deleteVirtualMFADevice,
    ListMFADevices: mfa.listMFADevices,
    ListVirtualMFADevices: mfa.listVirtualMFADevices,
    CreateAccountAlias: account.createAccountAlias,
    ListAccountAliases: account.listAccountAliases,
    DeleteAccountAlias: account.deleteAccountAlias,
    UpdateAccountPasswordPolicy: account.updateAccountPasswordPolicy,
    GetAccountPasswordPolicy: account.getAccountPasswordPolicy,
    DeleteAccountPasswordPolicy: account.deleteAccountPasswordPolicy,
    CreateLoginProfile: account.createLoginProfile,
    GetLoginProfile: account.getLoginProfile,
    UpdateLoginProfile: account.updateLoginProfile,
    DeleteLoginProfile: account.deleteLoginProfile,
    CreateOpenIDConnectProvider: providers.createOpenIDConnectProvider,
    GetOpenIDConnectProvider: providers.getOpenIDConnectProvider,
    ListOpenIDConnectProviders: providers.listOpenIDConnectProviders,
    DeleteOpenIDConnectProvider: providers.deleteOpenIDConnectProvider,
    CreateSAMLProvider: providers.createSAMLProvider,
    GetSAMLProvider: providers.getSAMLProvider,
    ListSAMLProviders: providers.listSAMLProviders,
    DeleteSAMLProvider: providers.deleteSAMLProvider,
  },
  // What IAM policies name: the user, group, role or policy an operation acts on.
  resourceOf(_operation, input: { UserName?: string; GroupName?: string; RoleName?: string; PolicyArn?: string; InstanceProfileName?: string }, ctx) {
    const arn = (kind: string, name: string) => `arn:aws:iam::${ctx.accountId}:${kind}/${name}`;
    if (input.PolicyArn) return input.PolicyArn;
    if (input.RoleName) return arn('role', input.RoleName);
    if (input.GroupName) return arn('group', input.GroupName);
    if (input.InstanceProfileName) return arn('instance-profile', input.InstanceProfileName);
    if (input.UserName) return arn('user', input.UserName);
    return undefined;
  },
  start(runtime) {
    runtime.authorize = authorizer(runtime);
  },
};
