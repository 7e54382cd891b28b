/**
 * Recipe 1.6 Finding Available Regions for AWS — lists regions and connects to one. Creates nothing.
 *
 * Book: boto.ec2.regions(); eu_conn = _[0].connect(); boto.ec2.connect_to_region('eu-west-1').
 * paws: ec2.regions(); region.connect(); at the prompt, `.region eu-west-1` re-points every
 * service object (or start with --region / AWS_REGION).
 */
const regions = await ec2.regions();
console.log(regions.map(String).join(', '));
const eu = regions.find((r) => r.name === 'eu-west-1')!;
const euEc2 = eu.connect() as typeof ec2;
console.log(await euEc2.zones());
