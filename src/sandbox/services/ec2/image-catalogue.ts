/**
 * The public images every region offers: Amazon Linux 2023 and 2 (owner amazon, 137112412989),
 * Ubuntu 22.04 and 24.04 (Canonical, 099720109477) and Debian 12 (Debian, 136693071363), two
 * releases each so "the latest" means something, named as AWS names them. Ids differ by region,
 * as on AWS.
 */
import { createHash } from 'node:crypto';

export const AMAZON_OWNER = '137112412989';
export const CANONICAL_OWNER = '099720109477';
export const DEBIAN_OWNER = '136693071363';
const OWNERS = { amazon: AMAZON_OWNER, canonical: CANONICAL_OWNER, debian: DEBIAN_OWNER };

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
  /** The root volume's type, as the image's block device mapping gives it. */
  rootVolumeType: 'gp2' | 'gp3';
  loginUser: string;
  bootMode?: string;
  /** What the console shows at boot. */
  os: { pretty: string; kernel: string };
  tags: Record<string, string>;
}

interface Release {
  name: (arch: string) => string;
  description: (arch: string) => string;
  owner: keyof typeof OWNERS;
  date: string;
  rootVolumeType: 'gp2' | 'gp3';
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
    rootVolumeType: 'gp3',
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
    rootVolumeType: 'gp2',
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
    rootVolumeType: store === 'hvm-ssd' ? 'gp2' : 'gp3',
    loginUser: 'ubuntu',
    rootDeviceName: '/dev/sda1',
    os: { pretty: `Ubuntu ${pretty}`, kernel },
  })),
  ...[
    ['20241201-1948', '2024-12-01T20:29:35.000Z', '6.1.0-28-cloud'],
    ['20250115-1993', '2025-01-15T12:49:10.000Z', '6.1.0-29-cloud'],
  ].map(([serial, date, kernel]): Release => ({
    name: (arch) => `debian-12-${ubuntuArch(arch)}-${serial}`,
    description: () => `Debian 12 (${serial})`,
    owner: 'debian',
    date,
    rootVolumeType: 'gp3',
    loginUser: 'admin',
    rootDeviceName: '/dev/xvda',
    bootMode: 'uefi-preferred',
    os: { pretty: 'Debian GNU/Linux 12 (bookworm)', kernel },
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
          ownerId: OWNERS[r.owner],
          ownerAlias: r.owner === 'amazon' ? 'amazon' : undefined,
          architecture: arch,
          creationDate: r.date,
          rootDeviceName: r.rootDeviceName,
          rootSize: 8,
          rootSnapshotId: hashId('snap', region, name),
          rootVolumeType: r.rootVolumeType,
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
