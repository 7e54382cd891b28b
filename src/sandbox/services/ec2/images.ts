/**
 * The public images every region offers: Amazon Linux 2023 and 2 (owner amazon, 137112412989) and
 * Ubuntu 22.04 and 24.04 (Canonical, 099720109477), two releases each so "the latest" means
 * something, named as AWS names them. Ids differ by region, as on AWS.
 */
import type { Image } from '@aws-sdk/client-ec2';
import { createHash } from 'node:crypto';
import type { Input, Output } from './types.js';
import { AwsError, type Wire } from '../../core/types.js';
import { checkId, notFound } from './errors.js';
import { applyFilters } from './filters.js';

export const AMAZON_OWNER = '137112412989';
export const CANONICAL_OWNER = '099720109477';

export interface ImageInfo {
  imageId: string;
  name: string;
  description: string;
  ownerId: string;
  ownerAlias?: string;
  architecture: 'x86_64' | 'arm64';
  creationDate: string;
  rootDeviceName: string;
  rootSize: number;
  rootSnapshotId: string;
  loginUser: string;
  bootMode?: string;
  /** What the console shows at boot. */
  os: { pretty: string; kernel: string };
  tags: Record<string, string>;
}

interface Release {
  name: (arch: string) => string;
  description: (arch: string) => string;
  owner: 'amazon' | 'canonical';
  date: string;
  loginUser: string;
  rootDeviceName: string;
  bootMode?: string;
  os: { pretty: string; kernel: string };
}

const ubuntuArch = (arch: string) => (arch === 'x86_64' ? 'amd64' : 'arm64');

const RELEASES: Release[] = [
  ...[
    ['2023.6.20241121.0', '2024-11-20T22:07:34.000Z', '6.1.115-126.197.amzn2023'],
    ['2023.6.20241212.0', '2024-12-11T21:44:25.000Z', '6.1.119-129.201.amzn2023'],
  ].map(([version, date, kernel]): Release => ({
    name: (arch) => `al2023-ami-${version}-kernel-6.1-${arch}`,
    description: (arch) => `Amazon Linux 2023 AMI ${version} ${arch} HVM kernel-6.1`,
    owner: 'amazon',
    date,
    loginUser: 'ec2-user',
    rootDeviceName: '/dev/xvda',
    bootMode: 'uefi-preferred',
    os: { pretty: `Amazon Linux 2023.6.${version.split('.')[2]}`, kernel },
  })),
  ...[
    ['2.0.20241113.1', '2024-11-13T21:29:19.000Z'],
    ['2.0.20241217.0', '2024-12-17T21:14:36.000Z'],
  ].map(([version, date]): Release => ({
    name: (arch) => `amzn2-ami-kernel-5.10-hvm-${version}-${arch}-gp2`,
    description: (arch) => `Amazon Linux 2 Kernel 5.10 AMI ${version} ${arch} HVM gp2`,
    owner: 'amazon',
    date,
    loginUser: 'ec2-user',
    rootDeviceName: '/dev/xvda',
    os: { pretty: 'Amazon Linux 2', kernel: '5.10.230-223.885.amzn2' },
  })),
  ...[
    ['jammy', '22.04', 'hvm-ssd', '20241109', '2024-11-09T05:31:24.000Z', '22.04.5 LTS', '6.8.0-1018-aws'],
    ['jammy', '22.04', 'hvm-ssd', '20241206', '2024-12-06T04:29:13.000Z', '22.04.5 LTS', '6.8.0-1019-aws'],
    ['noble', '24.04', 'hvm-ssd-gp3', '20241109', '2024-11-09T02:47:56.000Z', '24.04.1 LTS', '6.8.0-1018-aws'],
    ['noble', '24.04', 'hvm-ssd-gp3', '20241206', '2024-12-06T05:10:42.000Z', '24.04.1 LTS', '6.8.0-1019-aws'],
  ].map(([code, version, store, serial, date, pretty, kernel]): Release => ({
    name: (arch) => `ubuntu/images/${store}/ubuntu-${code}-${version}-${ubuntuArch(arch)}-server-${serial}`,
    description: (arch) => `Canonical, Ubuntu, ${version}, ${ubuntuArch(arch)} ${code} image`,
    owner: 'canonical',
    date,
    loginUser: 'ubuntu',
    rootDeviceName: '/dev/sda1',
    os: { pretty: `Ubuntu ${pretty}`, kernel },
  })),
];

function hashId(prefix: string, ...parts: string[]): string {
  return `${prefix}-0${createHash('sha256').update(parts.join('/')).digest('hex').slice(0, 16)}`;
}

const cache = new Map<string, ImageInfo[]>();

export function regionImages(region: string): ImageInfo[] {
  let images = cache.get(region);
  if (!images) {
    images = RELEASES.flatMap((r) =>
      (['x86_64', 'arm64'] as const).map((arch) => {
        const name = r.name(arch);
        return {
          imageId: hashId('ami', region, name),
          name,
          description: r.description(arch),
          ownerId: r.owner === 'amazon' ? AMAZON_OWNER : CANONICAL_OWNER,
          ownerAlias: r.owner === 'amazon' ? 'amazon' : undefined,
          architecture: arch,
          creationDate: r.date,
          rootDeviceName: r.rootDeviceName,
          rootSize: 8,
          rootSnapshotId: hashId('snap', region, name),
          loginUser: r.loginUser,
          bootMode: r.bootMode,
          os: r.os,
          tags: {},
        };
      }),
    );
    cache.set(region, images);
  }
  return images;
}

export function findImage(region: string, imageId: string | undefined): ImageInfo {
  if (!imageId) throw new AwsError('MissingParameter', 'The request must contain the parameter ImageId');
  checkId('image', imageId);
  const image = regionImages(region).find((i) => i.imageId === imageId);
  if (!image) throw notFound('image', [imageId]);
  return image;
}

function imageShape(i: ImageInfo): Wire<Image> {
  return {
    ImageId: i.imageId,
    ImageLocation: `${i.ownerAlias ?? i.ownerId}/${i.name}`,
    State: 'available',
    OwnerId: i.ownerId,
    ImageOwnerAlias: i.ownerAlias,
    CreationDate: i.creationDate,
    Public: true,
    Architecture: i.architecture,
    ImageType: 'machine',
    Name: i.name,
    Description: i.description,
    RootDeviceType: 'ebs',
    RootDeviceName: i.rootDeviceName,
    BlockDeviceMappings: [
      { DeviceName: i.rootDeviceName, Ebs: { SnapshotId: i.rootSnapshotId, VolumeSize: i.rootSize, VolumeType: 'gp3', DeleteOnTermination: true, Encrypted: false } },
    ],
    VirtualizationType: 'hvm',
    Hypervisor: 'xen',
    EnaSupport: true,
    SriovNetSupport: 'simple',
    PlatformDetails: 'Linux/UNIX',
    UsageOperation: 'RunInstances',
    BootMode: i.bootMode,
    ImdsSupport: i.ownerAlias ? 'v2.0' : undefined,
    DeprecationTime: new Date(Date.parse(i.creationDate) + 2 * 365 * 86400_000).toISOString(),
  };
}

export function describeImages(region: string, accountId: string, input: Input<'DescribeImages'>): Output<'DescribeImages'> {
  let images = regionImages(region);
  if (input.ImageIds?.length) {
    input.ImageIds.forEach((id) => checkId('image', id));
    const missing = input.ImageIds.filter((id) => !images.some((i) => i.imageId === id));
    if (missing.length) throw notFound('image', missing);
    images = images.filter((i) => input.ImageIds!.includes(i.imageId));
  }
  if (input.Owners?.length) {
    const owners = input.Owners.map((o) => (o === 'self' ? accountId : o));
    images = images.filter((i) => owners.includes(i.ownerId) || (i.ownerAlias !== undefined && owners.includes(i.ownerAlias)));
  }
  images = applyFilters(images, input.Filters, {
    name: (i) => i.name,
    description: (i) => i.description,
    'image-id': (i) => i.imageId,
    'owner-id': (i) => i.ownerId,
    'owner-alias': (i) => i.ownerAlias,
    architecture: (i) => i.architecture,
    state: () => 'available',
    'image-type': () => 'machine',
    'is-public': () => true,
    'root-device-type': () => 'ebs',
    'root-device-name': (i) => i.rootDeviceName,
    'virtualization-type': () => 'hvm',
    hypervisor: () => 'xen',
    'platform-details': () => 'Linux/UNIX',
    'ena-support': () => true,
    'creation-date': (i) => i.creationDate,
    'block-device-mapping.snapshot-id': (i) => i.rootSnapshotId,
    'block-device-mapping.volume-type': () => 'gp3',
  });
  return { Images: images.map(imageShape) };
}
