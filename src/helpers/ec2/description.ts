/**
 * What EC2 puts at the prompt (the `ec2` service object and the book's chapter-2 helpers), the
 * kinds of resources its operations create and how `.cleanup` deletes each, and which calls are
 * billable. See ../core/folder.ts for what each part means.
 */
import { describeFolder, helper } from '../core/folder.js';

const list = <T>(value: T[] | undefined): T[] => value ?? [];
/** The values of `Name` tags: what people call their instances and volumes. */
const nameTags = (tags?: { Key?: string; Value?: string }[]) => list(tags).filter((t) => t.Key === 'Name' && t.Value).map((t) => t.Value!);

export const ec2Folder = describeFolder({
  service: {
    name: 'ec2',
    title: 'EC2',
    doc: 'Amazon EC2: every SDK operation, e.g. await ec2.describeInstances({Filters: [...]})',
    members: [
      { name: 'zones(...names)', doc: 'availability zones of the region, as Zone resources' },
      { name: 'regions({all?})', doc: 'regions, as Region resources (region.connect() gives that region\'s ec2)' },
      { name: "instances({tag: 'paws'} | {'tag:Name': 'web'} | filters?)", doc: 'instances, flattened out of their reservations' },
      { name: "instance('i-…')", doc: 'one instance' },
      { name: 'reservations(filters?)', doc: 'reservations, as the book\'s get_all_instances()' },
      { name: 'volumes(filters?)', doc: "EBS volumes, e.g. {'attachment.instance-id': 'i-…'}" },
      { name: 'snapshots(filters?)', doc: "this account's snapshots, oldest first" },
      { name: 'keyPairs(...names)', doc: 'key pairs' },
      { name: 'securityGroups(filters?)', doc: 'security groups' },
      { name: 'addresses(filters?)', doc: 'Elastic IP addresses' },
      { name: "vpcs(filters?)", doc: "VPCs, e.g. {'is-default': true}" },
      { name: "subnets(filters?)", doc: "subnets, e.g. {'vpc-id': 'vpc-…', 'availability-zone': 'us-east-1a'}" },
      { name: 'images({owners?, filters?})', doc: 'images, newest first' },
      { name: 'latestAmazonLinux(arch?)', doc: 'the newest Amazon Linux 2023 image of the region' },
      { name: "withRegion('eu-west-1')", doc: 'the same connection in another region (what region.connect() gives)' },
      { name: 'pollSeconds', doc: 'seconds between polls while waiting (default 2)' },
    ],
    load: async () => (await import('./service.js')).createService,
  },

  helpers: {
    launchInstance: helper(
      "launchInstance({ami?, instanceType?, keyName?, keyDir?, groupName?, sshPort?, cidr?, tag?, userData?, cmdShell?, loginUser?}) — 2.1: key pair, group, run, wait, tag; returns {instance, ssh}",
      async () => (await import('./recipes/launch-instance.js')).launchInstance,
    ),
    importKeyPair: helper('importKeyPair(name, pemOrPubPath) — 2.4: imports your own key (public half derived from a .pem)', async () => (await import('./recipes/import-key-pair.js')).importKeyPair),
    syncKeypairs: helper('syncKeypairs(name, pubPath) — 2.5: imports the key into every region lacking it, all at once', async () => (await import('./recipes/sync-keypairs.js')).syncKeypairs),
    associateElasticIp: helper('associateElasticIp(instance) — 2.6: allocates an Elastic IP and associates it', async () => (await import('./recipes/elastic-ip.js')).associateElasticIp),
    createAndAttachVolume: helper("createAndAttachVolume(instance, sizeGiB, '/dev/sdh') — 2.7: a new volume in the instance's zone, attached", async () => (await import('./recipes/attach-volume.js')).createAndAttachVolume),
    snapshotInstance: helper("snapshotInstance(instance) — 2.8: a snapshot of each of the instance's volumes", async () => (await import('./recipes/snapshot-volumes.js')).snapshotInstance),
    restoreVolume: helper('restoreVolume(volume) — 2.9: a new volume from its latest snapshot, same size and zone', async () => (await import('./recipes/restore-volume.js')).restoreVolume),
    cloneInstance: helper('cloneInstance(instance) — 2.10: same image, key, groups, type, user data; volumes from latest snapshots', async () => (await import('./recipes/clone-instance.js')).cloneInstance),
    findAllRunningInstances: helper(
      "findAllRunningInstances(['dev', 'prod']?, {quiet?}) — 2.11: running instances of every region (and profile), at once",
      async () => (await import('./recipes/find-running-instances.js')).findAllRunningInstances,
    ),
  },

  resources: {
    Instance: {
      // Alarms watching it go first, so they do not fire as it disappears; its Elastic IP is released first.
      deletedAfter: ['Alarm', 'Address'],
      createdBy: { RunInstances: (_, o) => list<any>(o.Instances).map((i) => ({ id: i.InstanceId })) },
      deletedBy: { TerminateInstances: (i) => list<string>(i.InstanceIds) },
      async remove(ec2, r, options) {
        const instance = await ec2.instance(r.id);
        await instance.terminate();
        await instance.waitUntil('terminated', { ...options, quiet: true });
        return 'terminated';
      },
    },
    Address: {
      createdBy: { AllocateAddress: (_, o) => [{ id: o.AllocationId ?? o.PublicIp, note: o.PublicIp }] },
      deletedBy: { ReleaseAddress: (i) => [i.AllocationId ?? i.PublicIp] },
      async remove(ec2, r) {
        const { Address } = await import('./address.js');
        const address = await new Address(ec2, r.id.startsWith('eipalloc-') ? { AllocationId: r.id } : { PublicIp: r.id }).update();
        await address.disassociate();
        await address.release();
      },
    },
    Volume: {
      deletedAfter: ['Instance'],
      createdBy: { CreateVolume: (_, o) => [{ id: o.VolumeId }] },
      deletedBy: { DeleteVolume: (i) => [i.VolumeId] },
      async remove(ec2, r, options) {
        const { Volume } = await import('./volume.js');
        const volume = await new Volume(ec2, { VolumeId: r.id }).update();
        if (volume.status === 'in-use') await volume.detach();
        // Still being created (or restored from a snapshot), or detaching: wait until it may go.
        if (volume.status !== 'available') await volume.waitUntil('available', { ...options, quiet: true });
        await volume.delete();
      },
    },
    Snapshot: {
      // An image's snapshots may go only once the image is deregistered.
      deletedAfter: ['Image'],
      createdBy: { CreateSnapshot: (_, o) => [{ id: o.SnapshotId }], CopySnapshot: (_, o) => [{ id: o.SnapshotId }] },
      deletedBy: { DeleteSnapshot: (i) => [i.SnapshotId] },
      async remove(ec2, r) {
        const { Snapshot } = await import('./snapshot.js');
        await new Snapshot(ec2, { SnapshotId: r.id }).delete();
      },
    },
    Image: {
      deletedAfter: ['Instance'],
      createdBy: {
        CreateImage: (i, o) => [{ id: o.ImageId, note: i.Name }],
        RegisterImage: (i, o) => [{ id: o.ImageId, note: i.Name }],
        CopyImage: (i, o) => [{ id: o.ImageId, note: i.Name }],
      },
      deletedBy: { DeregisterImage: (i) => [i.ImageId] },
      async remove(ec2, r) {
        const { Image } = await import('./image.js');
        await new Image(ec2, { ImageId: r.id }).deregister();
      },
    },
    LaunchTemplate: {
      createdBy: { CreateLaunchTemplate: (_, o) => [{ id: o.LaunchTemplate?.LaunchTemplateId, note: o.LaunchTemplate?.LaunchTemplateName }] },
      // By id or by name: the tracker matches either.
      deletedBy: { DeleteLaunchTemplate: (i) => [i.LaunchTemplateId ?? i.LaunchTemplateName] },
      async remove(ec2, r) {
        await ec2.deleteLaunchTemplate({ LaunchTemplateId: r.id });
      },
    },
    SecurityGroup: {
      deletedAfter: ['Instance'],
      createdBy: { CreateSecurityGroup: (i, o) => [{ id: o.GroupId, note: i.GroupName }] },
      // By id or by name: the tracker matches either.
      deletedBy: { DeleteSecurityGroup: (i) => [i.GroupId ?? i.GroupName] },
      async remove(ec2, r, options) {
        const { SecurityGroup } = await import('./security-group.js');
        // Instances that used the group may still be shutting down for a moment.
        await new SecurityGroup(ec2, { GroupId: r.id }).delete(options);
      },
    },
    // The network, deleted from the inside out: instances, interfaces, subnets, route tables and
    // ACLs, gateways (detached first), then the VPC.
    NetworkInterface: {
      deletedAfter: ['Instance'],
      createdBy: { CreateNetworkInterface: (_, o) => [{ id: o.NetworkInterface?.NetworkInterfaceId }] },
      deletedBy: { DeleteNetworkInterface: (i) => [i.NetworkInterfaceId] },
      async remove(ec2, r, options) {
        const { removeNetworkInterface } = await import('./network-cleanup.js');
        await removeNetworkInterface(ec2, r.id, { ...options, quiet: true });
      },
    },
    Subnet: {
      deletedAfter: ['Instance', 'NetworkInterface'],
      createdBy: { CreateSubnet: (_, o) => [{ id: o.Subnet?.SubnetId, note: o.Subnet?.CidrBlock }] },
      deletedBy: { DeleteSubnet: (i) => [i.SubnetId] },
      async remove(ec2, r, options) {
        const { Subnet } = await import('./subnet.js');
        await new Subnet(ec2, { SubnetId: r.id }).delete({ ...options, quiet: true });
      },
    },
    RouteTable: {
      deletedAfter: ['Subnet'],
      createdBy: { CreateRouteTable: (_, o) => [{ id: o.RouteTable?.RouteTableId }] },
      deletedBy: { DeleteRouteTable: (i) => [i.RouteTableId] },
      async remove(ec2, r) {
        const { removeRouteTable } = await import('./network-cleanup.js');
        await removeRouteTable(ec2, r.id);
      },
    },
    NetworkAcl: {
      deletedAfter: ['Subnet'],
      createdBy: { CreateNetworkAcl: (_, o) => [{ id: o.NetworkAcl?.NetworkAclId }] },
      deletedBy: { DeleteNetworkAcl: (i) => [i.NetworkAclId] },
      async remove(ec2, r) {
        await ec2.deleteNetworkAcl({ NetworkAclId: r.id });
      },
    },
    InternetGateway: {
      deletedAfter: ['Instance', 'Address', 'RouteTable', 'NetworkAcl'],
      createdBy: { CreateInternetGateway: (_, o) => [{ id: o.InternetGateway?.InternetGatewayId }] },
      deletedBy: { DeleteInternetGateway: (i) => [i.InternetGatewayId] },
      async remove(ec2, r, options) {
        const { removeInternetGateway } = await import('./network-cleanup.js');
        await removeInternetGateway(ec2, r.id, { ...options, quiet: true });
      },
    },
    Vpc: {
      deletedAfter: ['Instance', 'NetworkInterface', 'Subnet', 'RouteTable', 'NetworkAcl', 'InternetGateway', 'SecurityGroup'],
      createdBy: { CreateVpc: (_, o) => [{ id: o.Vpc?.VpcId, note: o.Vpc?.CidrBlock }] },
      deletedBy: { DeleteVpc: (i) => [i.VpcId] },
      async remove(ec2, r) {
        const { Vpc } = await import('./vpc.js');
        await new Vpc(ec2, { VpcId: r.id }).delete();
      },
    },
    KeyPair: {
      createdBy: { CreateKeyPair: (_, o) => [{ id: o.KeyName }], ImportKeyPair: (_, o) => [{ id: o.KeyName }] },
      deletedBy: { DeleteKeyPair: (i) => (i.KeyName ? [i.KeyName] : []) },
      async remove(ec2, r) {
        const { KeyPair } = await import('./key-pair.js');
        await new KeyPair(ec2, { KeyName: r.id }).delete();
      },
    },
  },

  billable: {
    RunInstances: {
      says: (i, region) => `${i.MaxCount ?? 1} ${i.InstanceType ?? 'default-type'} instance(s) of ${i.ImageId ?? 'a launch template'} in ${region}, billed until terminated`,
      instances: { kind: 'Instance', count: (i) => Number(i.MaxCount ?? 1) },
    },
    CreateVolume: { says: (i, region) => `a ${i.Size ?? '?'} GiB ${i.VolumeType ?? 'gp'} EBS volume in ${i.AvailabilityZone ?? region}, billed until deleted` },
    CreateImage: { says: (i, region) => `an image of ${i.InstanceId} (snapshots of its volumes) in ${region}, billed for their storage until deregistered and deleted` },
    CopyImage: { says: (i, region) => `a copy of ${i.SourceImageId} (and its snapshots) in ${region}, billed for their storage until deregistered and deleted` },
    CreateSnapshot: { says: (i, region) => `a snapshot of ${i.VolumeId} in ${region}, billed for its storage until deleted` },
    AllocateAddress: { says: (_, region) => `an Elastic IP address in ${region}, billed until released` },
  },

  names: {
    regions: {
      list: async (ec2) => list((await ec2.describeRegions({ AllRegions: true })).Regions).map((r) => r.RegionName!),
      members: ['RegionName', 'RegionNames'],
    },
    instances: {
      list: async (ec2) =>
        list((await ec2.describeInstances({})).Reservations).flatMap((r) => list(r.Instances)).flatMap((i) => [i.InstanceId!, ...nameTags(i.Tags)]),
      members: ['InstanceId', 'InstanceIds'],
      accepts: /^i-/,
    },
    volumes: {
      list: async (ec2) => list((await ec2.describeVolumes({})).Volumes).flatMap((v) => [v.VolumeId!, ...nameTags(v.Tags)]),
      members: ['VolumeId', 'VolumeIds'],
      accepts: /^vol-/,
    },
    keyPairs: { list: async (ec2) => list((await ec2.describeKeyPairs({})).KeyPairs).map((k) => k.KeyName!), members: ['KeyName', 'KeyNames'] },
  },
});
