/**
 * Recipe 1.7 Enabling Debug Output with boto — every HTTP request and response, secrets masked. Creates nothing.
 *
 * Book: boto.set_stream_logger('paws'); boto.connect_ec2(debug=2). paws: `.debug on` at the
 * prompt, or `paws --debug run recipes/general/debug-output.ts`: the log goes to stderr.
 */
console.log(await ec2.zones());
console.log(await s3.buckets());
