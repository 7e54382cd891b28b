/**
 * Which images an account sees in a region: the public catalogue, its own, and those other
 * accounts share with it by launch permission; an account's own images settle (pending →
 * available) as they are read, once their snapshots complete.
 */
import { AwsError, type RequestContext } from '../../core/types.js';
import { checkId, missingParameter, notFound } from './errors.js';
import { regionImages, type ImageInfo } from './image-catalogue.js';
import { SERVICE } from './state.js';
import type { Ec2RegionState, ImageRecord } from './types.js';
import { settleSnapshots } from './volume-lifecycle.js';

/** Any image as the requests see it: an account's own, or a public one (which has an owner alias). */
export type AnyImage = ImageRecord & { ownerAlias?: string };

function catalogueRecord(i: ImageInfo): AnyImage {
  return {
    ...i,
    state: 'available',
    blockDevices: [{ deviceName: i.rootDeviceName, snapshotId: i.rootSnapshotId, volumeSize: i.rootSize, volumeType: i.rootVolumeType, deleteOnTermination: true, encrypted: false }],
    launchPermission: { public: true, userIds: [] },
  };
}

/** An account's images settle when read: pending → available once every snapshot is completed. */
export function settledImages(state: Ec2RegionState): ImageRecord[] {
  settleSnapshots(state);
  const images = Object.values(state.images);
  for (const i of images) {
    if (i.state === 'pending' && i.blockDevices.every((d) => state.snapshots[d.snapshotId]?.state === 'completed')) i.state = 'available';
  }
  return images;
}

function canLaunch(i: ImageRecord, accountId: string): boolean {
  return i.ownerId === accountId || i.launchPermission.public || i.launchPermission.userIds.includes(accountId);
}

/** Every image the account may see in a region: the catalogue's, its own, and those shared with it. */
export function visibleImages(ctx: RequestContext, region = ctx.region): AnyImage[] {
  const accounts = ctx.sandbox.store.all<Ec2RegionState>(SERVICE).filter((s) => s.region === region);
  return [
    ...regionImages(region).map(catalogueRecord),
    ...accounts.flatMap(({ state }) => settledImages(state).filter((i) => canLaunch(i, ctx.accountId))),
  ];
}

export function lookUp(ctx: RequestContext, imageId: string | undefined, region = ctx.region): AnyImage {
  if (!imageId) throw missingParameter('ImageId');
  checkId('image', imageId);
  const image = visibleImages(ctx, region).find((i) => i.imageId === imageId);
  if (!image) throw notFound('image', [imageId]);
  return image;
}

/** An image the account may launch (RunInstances). */
export function findImage(ctx: RequestContext, imageId: string | undefined): AnyImage {
  const image = lookUp(ctx, imageId);
  if (image.state !== 'available') throw new AwsError('InvalidAMIID.Unavailable', `The image '${image.imageId}' is not available (its state is '${image.state}').`);
  return image;
}

/** Whether a snapshot backs an image the account may launch (such snapshots give it volumes). */
export function backsLaunchableImage(ctx: RequestContext, snapshotId: string): boolean {
  return visibleImages(ctx).some((i) => i.blockDevices.some((d) => d.snapshotId === snapshotId));
}

/** The image registered to `snapshotId`, if any (its snapshots may not be deleted). */
export function imageUsing(state: Ec2RegionState, snapshotId: string): ImageRecord | undefined {
  return Object.values(state.images).find((i) => i.blockDevices.some((d) => d.snapshotId === snapshotId));
}
