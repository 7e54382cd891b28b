/**
 * Image requests: DescribeImages over what the account sees (./image-visibility.ts), and the
 * images accounts register, create from an instance or copy, each pending until its snapshots
 * complete; launch permissions share them with other accounts of the same region, or everyone.
 */
import type { BlockDeviceMapping, Image, LaunchPermission } from '@aws-sdk/client-ec2';
import { AwsError, type RequestContext, type Wire } from '../../core/types.js';
import { checkId, findOne, invalidValue, missingParameter, notFound } from './errors.js';
import { applyFilters, specTags, tagList } from './filters.js';
import { lookUp, settledImages, visibleImages, type AnyImage } from './image-visibility.js';
import { changePermission } from './permissions.js';
import { isRegion } from './regions.js';
import { addSnapshot, copiedSnapshot } from './snapshots.js';
import { newId, nowIso, regionState } from './state.js';
import type { Ec2RegionState, ImageRecord, Input, Output } from './types.js';

const NAME = /^[a-zA-Z0-9()[\] ./\-'@_]{3,128}$/;

/** One of the account's own images: others' it may see but not change. */
function ownImage(ctx: RequestContext, imageId: string | undefined): ImageRecord {
  const image = lookUp(ctx, imageId);
  if (image.ownerId !== ctx.accountId) throw new AwsError('AuthFailure', `Not authorized for image:${image.imageId}`);
  return regionState(ctx).images[image.imageId];
}

function mappings(i: AnyImage): Wire<BlockDeviceMapping>[] {
  return i.blockDevices.map((d) => ({
    DeviceName: d.deviceName,
    Ebs: { SnapshotId: d.snapshotId, VolumeSize: d.volumeSize, VolumeType: d.volumeType, DeleteOnTermination: d.deleteOnTermination, Encrypted: d.encrypted },
  }));
}

function imageShape(i: AnyImage): Wire<Image> {
  return {
    ImageId: i.imageId,
    ImageLocation: `${i.ownerAlias ?? i.ownerId}/${i.name}`,
    State: i.state,
    OwnerId: i.ownerId,
    ImageOwnerAlias: i.ownerAlias,
    CreationDate: i.creationDate,
    Public: i.launchPermission.public,
    Architecture: i.architecture,
    ImageType: 'machine',
    Name: i.name,
    Description: i.description || undefined,
    RootDeviceType: 'ebs',
    RootDeviceName: i.rootDeviceName,
    BlockDeviceMappings: mappings(i),
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    SriovNetSupport: 'simple',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    BootMode: i.bootMode,
    SourceInstanceId: i.sourceInstanceId,
    ImdsSupport: i.ownerAlias ? 'v2.0' : undefined,
    DeprecationTime: new Date(Date.parse(i.creationDate) + 2 * 365 * 86400_000).toISOString(),
    Tags: i.ownerAlias ? undefined : tagList(i.tags),
  };
}

export function describeImages(input: Input<'DescribeImages'>, ctx: RequestContext): Output<'DescribeImages'> {
  let images = visibleImages(ctx);
  if (input.ImageIds?.length) {
    input.ImageIds.forEach((id) => checkId('image', id));
    const missing = input.ImageIds.filter((id) => !images.some((i) => i.imageId === id));
    if (missing.length) throw notFound('image', missing);
    images = images.filter((i) => input.ImageIds!.includes(i.imageId));
  }
  const self = (who: string) => (who === 'self' ? ctx.accountId : who);
  if (input.Owners?.length) {
    const owners = input.Owners.map(self);
    images = images.filter((i) => owners.includes(i.ownerId) || (i.ownerAlias !== undefined && owners.includes(i.ownerAlias)));
  }
  if (input.ExecutableUsers?.length) {
    const users = input.ExecutableUsers.map(self);
    images = images.filter((i) => (users.includes('all') && i.launchPermission.public) || users.some((u) => i.launchPermission.userIds.includes(u)));
  }
  images = applyFilters(images, input.Filters, {
    name: (i) => i.name,
    description: (i) => i.description,
    'image-id': (i) => i.imageId,
    'owner-id': (i) => i.ownerId,
    'owner-alias': (i) => i.ownerAlias,
    architecture: (i) => i.architecture,
    state: (i) => i.state,
    'image-type': () => 'machine',
    'is-public': (i) => i.launchPermission.public,
    'root-device-type': () => 'ebs',
    'root-device-name': (i) => i.rootDeviceName,
    'virtualization-type': () => 'hvm',
    hypervisor: () => 'xen',
    'platform-details': () => 'Linux/UNIX',
    'ena-support': () => true,
    'creation-date': (i) => i.creationDate,
    'source-instance-id': (i) => i.sourceInstanceId,
    'block-device-mapping.snapshot-id': (i) => i.blockDevices.map((d) => d.snapshotId),
    'block-device-mapping.device-name': (i) => i.blockDevices.map((d) => d.deviceName),
    'block-device-mapping.volume-size': (i) => i.blockDevices.map((d) => d.volumeSize),
    'block-device-mapping.volume-type': (i) => i.blockDevices.map((d) => d.volumeType),
  });
  return { Images: images.map(imageShape) };
}

function checkName(state: Ec2RegionState, accountId: string, name: string | undefined): string {
  if (!name) throw missingParameter('Name');
  if (!NAME.test(name)) {
    throw new AwsError('InvalidAMIName.Malformed', `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'`);
  }
  const taken = Object.values(state.images).find((i) => i.ownerId === accountId && i.name === name);
  if (taken) throw new AwsError('InvalidAMIName.Duplicate', `AMI name ${name} is already in use by AMI ${taken.imageId}`);
  return name;
}

/** A new image of the account, pending until its snapshots complete. */
function addImage(ctx: RequestContext, image: Omit<ImageRecord, 'ownerId' | 'state' | 'creationDate' | 'launchPermission'>): ImageRecord {
  const record: ImageRecord = { ...image, ownerId: ctx.accountId, state: 'pending', creationDate: nowIso(), launchPermission: { public: false, userIds: [] } };
  regionState(ctx).images[record.imageId] = record;
  settledImages(regionState(ctx));
  return record;
}

export function createImage(input: Input<'CreateImage'>, ctx: RequestContext): Output<'CreateImage'> {
  const state = regionState(ctx);
  const inst = findOne('instance', state.instances, input.InstanceId, (i) => i.state !== 'terminated');
  const name = checkName(state, ctx.accountId, input.Name);
  if (inst.state !== 'running' && inst.state !== 'stopped') {
    throw new AwsError('IncorrectInstanceState', `The instance '${inst.instanceId}' is not in a state from which it can be imaged.`);
  }
  const imageId = newId('ami');
  const source = lookUp(ctx, inst.imageId);
  const volumes = Object.values(state.volumes).filter((v) => v.attachment?.instanceId === inst.instanceId);
  const excluded = new Set((input.BlockDeviceMappings ?? []).filter((b) => b.NoDevice !== undefined).map((b) => b.DeviceName));
  const snapshotTags = specTags(input.TagSpecifications, 'snapshot');
  const blockDevices = volumes
    .filter((v) => !excluded.has(v.attachment!.device))
    .map((v) => {
      const snap = addSnapshot(ctx, v, `Created by CreateImage(${inst.instanceId}) for ${imageId}`, snapshotTags);
      return { deviceName: v.attachment!.device, snapshotId: snap.snapshotId, volumeSize: v.size, volumeType: v.volumeType, deleteOnTermination: v.attachment!.deleteOnTermination, encrypted: v.encrypted };
    });
  addImage(ctx, {
    imageId,
    name,
    description: input.Description ?? '',
    architecture: inst.architecture,
    rootDeviceName: inst.rootDeviceName,
    blockDevices,
    bootMode: source.bootMode,
    loginUser: inst.loginUser,
    os: source.os,
    sourceImageId: inst.imageId,
    sourceInstanceId: inst.instanceId,
    tags: specTags(input.TagSpecifications, 'image'),
  });
  return { ImageId: imageId };
}

export function registerImage(input: Input<'RegisterImage'>, ctx: RequestContext): Output<'RegisterImage'> {
  const state = regionState(ctx);
  const name = checkName(state, ctx.accountId, input.Name);
  if (input.ImageLocation) throw new AwsError('InvalidParameterValue', 'The sandbox registers EBS-backed images only: give BlockDeviceMappings, not ImageLocation.');
  const rootDeviceName = input.RootDeviceName ?? missing('RootDeviceName');
  const architecture = input.Architecture ?? 'x86_64';
  if (architecture !== 'x86_64' && architecture !== 'arm64') throw invalidValue(architecture, 'Architecture');
  const blockDevices = (input.BlockDeviceMappings ?? []).filter((b) => b.Ebs && b.NoDevice === undefined).map((b) => {
    const snapshotId = b.Ebs!.SnapshotId ?? missing(`BlockDeviceMapping ${b.DeviceName} SnapshotId`);
    const snap = findOne('snapshot', state.snapshots, snapshotId);
    return { deviceName: b.DeviceName!, snapshotId, volumeSize: b.Ebs!.VolumeSize ?? snap.volumeSize, volumeType: b.Ebs!.VolumeType ?? 'gp2', deleteOnTermination: b.Ebs!.DeleteOnTermination ?? true, encrypted: snap.encrypted };
  });
  if (!blockDevices.some((d) => d.deviceName === rootDeviceName)) {
    throw new AwsError('InvalidBlockDeviceMapping', `The device '${rootDeviceName}' is the root device but has no snapshot in the block device mapping.`);
  }
  const imageId = newId('ami');
  addImage(ctx, { imageId, name, description: input.Description ?? '', architecture, rootDeviceName, blockDevices, bootMode: input.BootMode, loginUser: 'ec2-user', tags: specTags(input.TagSpecifications, 'image') });
  return { ImageId: imageId };
}

function missing(name: string): never {
  throw missingParameter(name);
}

export function copyImage(input: Input<'CopyImage'>, ctx: RequestContext): Output<'CopyImage'> {
  const state = regionState(ctx);
  const sourceRegion = input.SourceRegion ?? missing('SourceRegion');
  if (!isRegion(sourceRegion)) throw new AwsError('InvalidRegion', `Invalid region: ${sourceRegion}`);
  const name = checkName(state, ctx.accountId, input.Name);
  const source = lookUp(ctx, input.SourceImageId, sourceRegion);
  const imageId = newId('ami');
  const blockDevices = source.blockDevices.map((d) => {
    const note = `Copied for DestinationAmi ${imageId} from SourceAmi ${source.imageId} for SourceSnapshot ${d.snapshotId}. Task created on ${Date.now()}.`;
    const snap = copiedSnapshot(ctx, { volumeSize: d.volumeSize, encrypted: input.Encrypted ?? d.encrypted }, note, {});
    return { ...d, snapshotId: snap.snapshotId, encrypted: snap.encrypted };
  });
  addImage(ctx, {
    imageId,
    name,
    description: input.Description ?? source.description,
    architecture: source.architecture,
    rootDeviceName: source.rootDeviceName,
    blockDevices,
    bootMode: source.bootMode,
    loginUser: source.loginUser,
    os: source.os,
    sourceImageId: source.imageId,
    tags: input.CopyImageTags ? { ...source.tags } : specTags(input.TagSpecifications, 'image'),
  });
  return { ImageId: imageId };
}

/** The image goes; its snapshots stay, as on AWS (delete them separately). */
export function deregisterImage(input: Input<'DeregisterImage'>, ctx: RequestContext): Output<'DeregisterImage'> {
  const image = ownImage(ctx, input.ImageId);
  delete regionState(ctx).images[image.imageId];
  return {};
}

type ImageAttribute = Omit<Output<'DescribeImageAttribute'>, 'ImageId'>;

const IMAGE_ATTRIBUTES: Record<string, (i: AnyImage) => ImageAttribute> = {
  description: (i) => ({ Description: { Value: i.description || undefined } }),
  kernel: () => ({ KernelId: {} }),
  ramdisk: () => ({ RamdiskId: {} }),
  launchPermission: (i) => ({
    LaunchPermissions: [...(i.launchPermission.public ? [{ Group: 'all' as const }] : []), ...i.launchPermission.userIds.map((UserId): Wire<LaunchPermission> => ({ UserId }))],
  }),
  productCodes: () => ({ ProductCodes: [] }),
  blockDeviceMapping: (i) => ({ BlockDeviceMappings: mappings(i) }),
  sriovNetSupport: () => ({ SriovNetSupport: { Value: 'simple' } }),
  bootMode: (i) => ({ BootMode: { Value: i.bootMode } }),
  imdsSupport: (i) => ({ ImdsSupport: { Value: i.ownerAlias ? 'v2.0' : undefined } }),
  deregistrationProtection: () => ({ DeregistrationProtection: { Value: 'disabled' } }),
};

export function describeImageAttribute(input: Input<'DescribeImageAttribute'>, ctx: RequestContext): Output<'DescribeImageAttribute'> {
  const attribute = IMAGE_ATTRIBUTES[input.Attribute ?? ''];
  if (!attribute) throw new AwsError('InvalidRequest', `The attribute '${input.Attribute}' is not supported.`);
  // Launch permissions are the owner's to read.
  const image = input.Attribute === 'launchPermission' ? ownImage(ctx, input.ImageId) : lookUp(ctx, input.ImageId);
  return { ImageId: image.imageId, ...attribute(image) };
}

export function modifyImageAttribute(input: Input<'ModifyImageAttribute'>, ctx: RequestContext): Output<'ModifyImageAttribute'> {
  const image = ownImage(ctx, input.ImageId);
  const description = input.Description?.Value ?? (input.Attribute === 'description' ? input.Value : undefined);
  if (description !== undefined) image.description = description;
  const changed = changePermission(image.launchPermission, input.LaunchPermission, input);
  if (description === undefined && !changed) throw missingParameter('LaunchPermission or Description');
  return {};
}
