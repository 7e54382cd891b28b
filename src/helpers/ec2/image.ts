/** Machine images: `Image:ami-0abc…`, and the latest Amazon Linux of a region, found by name and owner. */
import type { EC2, Image as ImageData } from '@aws-sdk/client-ec2';
import { ResourceNotFound, type Column } from '../core/resource.js';
import { TaggedResource } from './tagged.js';
import { toFilters, type Filters } from './filters.js';
import { pawsError } from '../core/errors.js';

export class Image extends TaggedResource<ImageData> {
  static override kind = 'Image';
  static override columns: readonly Column<Image>[] = [
    { header: 'Image', value: (i) => i.id },
    { header: 'Name', value: (i) => i.name },
    { header: 'Arch', value: (i) => i.architecture },
    { header: 'Owner', value: (i) => i.ownerAlias ?? i.ownerId },
    { header: 'Created', value: (i) => i.creationDate },
  ];

  get id(): string {
    return this.data.ImageId ?? '';
  }
  get name(): string | undefined {
    return this.data.Name;
  }
  get description(): string | undefined {
    return this.data.Description;
  }
  get ownerId(): string | undefined {
    return this.data.OwnerId;
  }
  get ownerAlias(): string | undefined {
    return this.data.ImageOwnerAlias;
  }
  get architecture(): string | undefined {
    return this.data.Architecture;
  }
  get creationDate(): string | undefined {
    return this.data.CreationDate;
  }
  get rootDeviceName(): string | undefined {
    return this.data.RootDeviceName;
  }
  get state(): string | undefined {
    return this.data.State;
  }

  /** Deregisters the image, then deletes its snapshots, which AWS would otherwise keep (and bill). */
  async deregister(): Promise<void> {
    const snapshots = (await this.update()).data.BlockDeviceMappings?.flatMap((b) => (b.Ebs?.SnapshotId ? [b.Ebs.SnapshotId] : [])) ?? [];
    await this.client.deregisterImage({ ImageId: this.id });
    for (const SnapshotId of snapshots) await this.client.deleteSnapshot({ SnapshotId });
  }

  protected async describe(): Promise<ImageData> {
    const out = await this.client.describeImages({ ImageIds: [this.id] });
    if (!out.Images?.[0]) throw new ResourceNotFound('Image', this.id);
    return out.Images[0];
  }
}

export interface ImagesOptions {
  /** `amazon`, `self`, an account id… @default every image the account can launch */
  owners?: string[];
  filters?: Filters;
}

/** Images, newest first. */
export async function listImages(ec2: EC2, options: ImagesOptions = {}): Promise<Image[]> {
  const out = await ec2.describeImages({ Owners: options.owners, Filters: toFilters(options.filters) });
  return (out.Images ?? []).map((i) => new Image(ec2, i)).sort((a, b) => (b.creationDate ?? '').localeCompare(a.creationDate ?? ''));
}

/** The newest Amazon Linux 2023 image of the client's region (by name and owner, without SSM). */
export async function latestAmazonLinux(ec2: EC2, architecture = 'x86_64'): Promise<Image> {
  const [latest] = await listImages(ec2, {
    owners: ['amazon'],
    filters: { name: `al2023-ami-2023.*-kernel-*-${architecture}`, state: 'available', architecture },
  });
  if (!latest) throw pawsError('NoImage', `no Amazon Linux 2023 image for ${architecture} in this region; pass ami`);
  return latest;
}
