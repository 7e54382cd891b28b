/** What EC2 puts at the prompt (see ../core/prompt-global.ts for how to add entries). */
import type { PromptGlobal } from '../core/prompt-global.js';

const recipe = (module: () => Promise<Record<string, any>>, name: string) => async () => (await module())[name];
const launch = () => import('./recipes/launch.js');
const keyPairs = () => import('./recipes/key-pairs.js');
const elasticIp = () => import('./recipes/elastic-ip.js');
const ebs = () => import('./recipes/ebs.js');
const clone = () => import('./recipes/clone.js');
const runningInstances = () => import('./recipes/running.js');

export const ec2Globals: PromptGlobal[] = [
  {
    kind: 'service',
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
      { name: 'images({owners?, filters?})', doc: 'images, newest first' },
      { name: 'latestAmazonLinux(arch?)', doc: 'the newest Amazon Linux 2023 image of the region' },
      { name: "withRegion('eu-west-1')", doc: 'the same connection in another region (what region.connect() gives)' },
      { name: 'pollSeconds', doc: 'seconds between polls while waiting (default 2)' },
    ],
    load: () => import('./service.js'),
  },
  {
    kind: 'function',
    name: 'launchInstance',
    doc: "launchInstance({ami?, instanceType?, keyName?, keyDir?, groupName?, sshPort?, cidr?, tag?, userData?, cmdShell?, loginUser?}) — 2.1: key pair, group, run, wait, tag; returns {instance, ssh}",
    load: recipe(launch, 'launchInstance'),
  },
  { kind: 'function', name: 'importKeyPair', doc: 'importKeyPair(name, pemOrPubPath) — 2.4: imports your own key (public half derived from a .pem)', load: recipe(keyPairs, 'importKeyPair') },
  { kind: 'function', name: 'syncKeypairs', doc: 'syncKeypairs(name, pubPath) — 2.5: imports the key into every region lacking it, all at once', load: recipe(keyPairs, 'syncKeypairs') },
  { kind: 'function', name: 'associateElasticIp', doc: 'associateElasticIp(instance) — 2.6: allocates an Elastic IP and associates it', load: recipe(elasticIp, 'associateElasticIp') },
  { kind: 'function', name: 'createAndAttachVolume', doc: "createAndAttachVolume(instance, sizeGiB, '/dev/sdh') — 2.7: a new volume in the instance's zone, attached", load: recipe(ebs, 'createAndAttachVolume') },
  { kind: 'function', name: 'snapshotInstance', doc: "snapshotInstance(instance) — 2.8: a snapshot of each of the instance's volumes", load: recipe(ebs, 'snapshotInstance') },
  { kind: 'function', name: 'restoreVolume', doc: 'restoreVolume(volume) — 2.9: a new volume from its latest snapshot, same size and zone', load: recipe(ebs, 'restoreVolume') },
  { kind: 'function', name: 'cloneInstance', doc: 'cloneInstance(instance) — 2.10: same image, key, groups, type, user data; volumes from latest snapshots', load: recipe(clone, 'cloneInstance') },
  {
    kind: 'function',
    name: 'findAllRunningInstances',
    doc: "findAllRunningInstances(['dev', 'prod']?, {quiet?}) — 2.11: running instances of every region (and profile), at once",
    load: recipe(runningInstances, 'findAllRunningInstances'),
  },
];
