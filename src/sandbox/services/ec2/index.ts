/** EC2: the service definition; each resource family's handlers live in their own module. */
import type { ServiceDefinition } from '../../core/types.js';
import type { Ec2Api } from './types.js';
import { describeAccountAttributes } from './account-attributes.js';
import * as addresses from './addresses.js';
import { withDryRun } from './dry-run.js';
import { describeInstanceTypes } from './instance-types.js';
import * as images from './images.js';
import * as attributes from './instance-attributes.js';
import { describeInstanceStatus } from './instance-status.js';
import * as instances from './instances.js';
import * as keyPairs from './key-pairs.js';
import * as launchTemplates from './launch-templates.js';
import { describeAvailabilityZones, describeRegions } from './regions.js';
import { resume } from './resume.js';
import * as groups from './security-groups.js';
import * as snapshots from './snapshots.js';
import * as tags from './tags.js';
import * as modifications from './volume-modifications.js';
import * as volumes from './volumes.js';
import { networkHandlers } from './network.js';

export type * from './types.js';

export const ec2: ServiceDefinition<Ec2Api> = {
  signingName: 'ec2',
  actionPrefix: 'ec2',
  protocols: ['ec2'],
  modelPackage: '@aws-sdk/client-ec2',
  xmlNamespace: 'http://ec2.amazonaws.com/doc/2016-11-15/',
  handlers: withDryRun({
    DescribeRegions: (input) => describeRegions(input),
    DescribeAvailabilityZones: (input, ctx) => describeAvailabilityZones(ctx.region, input),
    DescribeAccountAttributes: describeAccountAttributes,

    RunInstances: instances.runInstances,
    DescribeInstances: instances.describeInstances,
    DescribeInstanceStatus: describeInstanceStatus,
    DescribeInstanceTypes: (input) => describeInstanceTypes(input),
    StartInstances: instances.startInstances,
    StopInstances: instances.stopInstances,
    RebootInstances: instances.rebootInstances,
    TerminateInstances: instances.terminateInstances,
    DescribeInstanceAttribute: attributes.describeInstanceAttribute,
    ModifyInstanceAttribute: attributes.modifyInstanceAttribute,
    GetConsoleOutput: instances.getConsoleOutput,
    MonitorInstances: instances.monitorInstances,
    UnmonitorInstances: instances.unmonitorInstances,

    CreateTags: tags.createTags,
    DeleteTags: tags.deleteTags,
    DescribeTags: tags.describeTags,

    CreateKeyPair: keyPairs.createKeyPair,
    ImportKeyPair: keyPairs.importKeyPair,
    DescribeKeyPairs: keyPairs.describeKeyPairs,
    DeleteKeyPair: keyPairs.deleteKeyPair,

    CreateSecurityGroup: groups.createSecurityGroup,
    DescribeSecurityGroups: groups.describeSecurityGroups,
    DescribeSecurityGroupRules: groups.describeSecurityGroupRules,
    DeleteSecurityGroup: groups.deleteSecurityGroup,
    AuthorizeSecurityGroupIngress: groups.authorizeSecurityGroupIngress,
    AuthorizeSecurityGroupEgress: groups.authorizeSecurityGroupEgress,
    RevokeSecurityGroupIngress: groups.revokeSecurityGroupIngress,
    RevokeSecurityGroupEgress: groups.revokeSecurityGroupEgress,

    AllocateAddress: addresses.allocateAddress,
    DescribeAddresses: addresses.describeAddresses,
    AssociateAddress: addresses.associateAddress,
    DisassociateAddress: addresses.disassociateAddress,
    ReleaseAddress: addresses.releaseAddress,

    CreateVolume: volumes.createVolume,
    DescribeVolumes: volumes.describeVolumes,
    AttachVolume: volumes.attachVolume,
    DetachVolume: volumes.detachVolume,
    DeleteVolume: volumes.deleteVolume,

    // Launch templates, images, snapshots and volume modifications.
    CreateLaunchTemplate: launchTemplates.createLaunchTemplate,
    CreateLaunchTemplateVersion: launchTemplates.createLaunchTemplateVersion,
    DescribeLaunchTemplates: launchTemplates.describeLaunchTemplates,
    DescribeLaunchTemplateVersions: launchTemplates.describeLaunchTemplateVersions,
    ModifyLaunchTemplate: launchTemplates.modifyLaunchTemplate,
    DeleteLaunchTemplate: launchTemplates.deleteLaunchTemplate,
    DeleteLaunchTemplateVersions: launchTemplates.deleteLaunchTemplateVersions,
    DescribeImages: images.describeImages,
    CreateImage: images.createImage,
    RegisterImage: images.registerImage,
    CopyImage: images.copyImage,
    DeregisterImage: images.deregisterImage,
    DescribeImageAttribute: images.describeImageAttribute,
    ModifyImageAttribute: images.modifyImageAttribute,
    CreateSnapshot: snapshots.createSnapshot,
    CopySnapshot: snapshots.copySnapshot,
    DescribeSnapshots: snapshots.describeSnapshots,
    DeleteSnapshot: snapshots.deleteSnapshot,
    DescribeSnapshotAttribute: snapshots.describeSnapshotAttribute,
    ModifySnapshotAttribute: snapshots.modifySnapshotAttribute,
    ResetSnapshotAttribute: snapshots.resetSnapshotAttribute,
    ModifyVolume: modifications.modifyVolume,
    DescribeVolumesModifications: modifications.describeVolumesModifications,

    ...networkHandlers,
  }),
  start: resume,
};
