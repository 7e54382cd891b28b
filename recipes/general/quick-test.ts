/**
 * Recipe 1.3 Getting Started with Amazon Web Services — the quick test: lists the region's zones. Creates nothing.
 *
 * Book: ec2 = boto.connect_ec2(); ec2.get_all_zones(). Credentials come from where the AWS CLI
 * finds them (environment, ~/.aws, SSO…); with none, paws uses its sandbox.
 */
const zones = await ec2.zones();
console.log(zones);
const me = await sts.getCallerIdentity({});
console.log(`account ${me.Account} as ${me.Arn}`);
